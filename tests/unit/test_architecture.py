"""The architecture of docs/architecture.md, held by tests.

- Areas (``domain/<area>/``) depend in one direction, on the layers listed in
  ``LAYERS``: an area imports only its own modules, the kernel and areas below it.
- No import cycle anywhere in domain/, flows/, ocr/ and web/ (function-local imports count).
- No module imports another module's ``_private`` name (``from m import _x`` or ``m._x``).
- Pure rules (``rules.py``, ``rules/``, the kernel's value modules) import no SQLAlchemy and no I/O.
- CLI area modules (``flows/cli/<area>.py``) import only ``flows.cli.common`` and ``flows.cli.apps``.
- ``ocr`` imports only the pure kernel; ``domain`` imports no flows, ocr or prefect; nothing
  outside flows imports flows; migrations import nothing from domain or flows.

Each check is a function over the import graph, so a test can show it fails when a
forbidden import is added (see the ``..._is_caught`` tests).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "flows", "ocr", "web")

#: lowest first; an area may import areas on a lower line (and its own modules)
LAYERS = [
    {"kernel"},
    {"identity"},
    {"setup"},
    {"messaging", "ledger"},
    {"costing"},
    {"inventory"},
    {"purchasing"},
    {"sales"},
    {"approvals"},
    {"intake", "documents", "payments", "reporting", "compliance"},
    {"operations"},
    {"root"},
]
#: kernel modules that must stay pure (no SQLAlchemy, no database)
PURE_KERNEL = {"domain.money", "domain.problems", "domain.identifiers", "domain.dateformula",
               "domain.hashing", "domain.messages", "domain.field_names", "domain.setup.posting_setup",
               "domain.intake_contract"}
ROOT_MODULES = {"domain.schema", "domain.bootstrap"}


@dataclass(frozen=True)
class Import:
    source: str
    target: str  # a module of the project
    names: tuple[str, ...]  # names taken from it (from-imports)


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def project_modules() -> dict[str, Path]:
    found = {}
    for top in PACKAGES:
        for path in sorted((ROOT / top).rglob("*.py")) if (ROOT / top).is_dir() else []:
            found[module_name(path)] = path
    return found


def imports_in(name: str, source: str, modules: set[str], is_package: bool) -> list[Import]:
    package = name if is_package else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [Import(name, a.name, ()) for a in node.names if a.name in modules]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([base] if base else []))
            for alias in node.names:
                sub = f"{base}.{alias.name}"
                if sub in modules:
                    found.append(Import(name, sub, ()))
                elif base in modules:
                    found.append(Import(name, base, (alias.name,)))
    return found


def private_attribute_uses(name: str, source: str, modules: set[str]) -> list[str]:
    """``alias._x`` where ``alias`` names an imported project module."""
    tree = ast.parse(source)
    aliases = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases.update({(a.asname or a.name): a.name for a in node.names if a.name in modules})
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for a in node.names:
                if f"{node.module}.{a.name}" in modules:
                    aliases[a.asname or a.name] = f"{node.module}.{a.name}"
    return [f"{name} uses {aliases[n.value.id]}.{n.attr}" for n in ast.walk(tree)
            if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in aliases
            and n.attr.startswith("_") and not n.attr.startswith("__")]


def graph() -> list[Import]:
    modules = project_modules()
    names = set(modules)
    edges = []
    for name, path in modules.items():
        edges += imports_in(name, path.read_text(encoding="utf-8"), names, path.name == "__init__.py")
    return edges


def cycles(edges: list[Import]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e.source != e.target:
            out[e.source].add(e.target)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(out[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted({e.source for e in edges} | {e.target for e in edges}):
        if v not in index:
            visit(v)
    return found


def area(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "domain":
        return None
    if module in ROOT_MODULES:
        return "root"
    if len(parts) == 1 or (ROOT / "domain" / f"{parts[1]}.py").exists() or parts[1] == "message_texts":
        return "kernel"
    return parts[1]


def layer(name: str) -> int:
    for level, names in enumerate(LAYERS):
        if name in names:
            return level
    raise AssertionError(f"area {name!r} is not placed in LAYERS (tests/unit/test_architecture.py)")


def layer_offences(edges: list[Import]) -> list[str]:
    offences = []
    for e in edges:
        a, b = area(e.source), area(e.target)
        if a and b and a != b and layer(b) >= layer(a):
            offences.append(f"{e.source} ({a}) imports {e.target} ({b})")
    return offences


def private_offences(edges: list[Import]) -> list[str]:
    return [f"{e.source} imports {e.target}.{n}" for e in edges for n in e.names
            if n.startswith("_") and not n.startswith("__") and e.source != e.target]


def is_pure(module: str) -> bool:
    last = module.split(".")
    return module in PURE_KERNEL or "rules" in last


def test_every_domain_area_is_placed_in_a_layer():
    for path in sorted((ROOT / "domain").iterdir()):
        if path.is_dir() and (path / "__init__.py").exists() and path.name != "message_texts":
            layer(path.name)


def test_areas_depend_only_on_lower_layers():
    assert layer_offences(graph()) == []


def test_there_is_no_import_cycle_anywhere():
    assert cycles(graph()) == []


def test_no_module_imports_another_modules_private_name():
    edges = graph()
    modules = project_modules()
    attribute_uses = [use for name, path in modules.items()
                      for use in private_attribute_uses(name, path.read_text(encoding="utf-8"), set(modules))]
    assert private_offences(edges) + attribute_uses == []


def test_every_area_package_says_what_it_owns():
    for path in sorted((ROOT / "domain").iterdir()):
        init = path / "__init__.py"
        if path.is_dir() and init.exists() and path.name != "message_texts":
            doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8")))
            assert doc and len(doc) > 40, f"{init.relative_to(ROOT)} needs a docstring saying what it owns"


def third_party_imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offences_for(paths, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{p.relative_to(ROOT)} imports {n}" for p in paths for n in third_party_imports(p)
            if any(n == f or n.startswith(f + ".") for f in forbidden)]


def test_pure_rules_import_no_sqlalchemy_and_no_database():
    pure = [p for name, p in project_modules().items() if name.startswith("domain") and is_pure(name)]
    assert len(pure) > 10
    assert offences_for(pure, ("sqlalchemy", "domain.db", "domain.app", "flows", "ocr")) == []


def test_pure_rules_import_only_pure_modules_of_the_project():
    edges = [e for e in graph() if is_pure(e.source) and e.source.startswith("domain")]
    assert [f"{e.source} imports {e.target}" for e in edges if not is_pure(e.target)
            and not e.target.startswith("domain.message_texts")] == []


@pytest.mark.parametrize("package,forbidden", [
    ("domain", ("flows", "ocr", "prefect", "web")),
    ("ocr", ("flows", "sqlalchemy", "prefect", "web")),
    ("migrations", ("domain", "flows")),
])
def test_packages_only_import_in_the_allowed_direction(package, forbidden):
    paths = sorted((ROOT / package).rglob("*.py"))
    if package == "migrations":  # env.py imports the models only to autogenerate
        paths = [p for p in paths if p.name != "env.py"]
    assert offences_for(paths, forbidden) == []


def test_ocr_imports_only_the_pure_kernel_of_domain():
    edges = [e for e in graph() if e.source.startswith("ocr") and e.target.startswith("domain")]
    assert [f"{e.source} imports {e.target}" for e in edges if e.target not in PURE_KERNEL] == []


def test_nothing_outside_flows_imports_flows():
    edges = [e for e in graph() if e.target.startswith("flows") and not e.source.startswith("flows")]
    assert edges == []


# --- the checks catch what they are for -------------------------------------------------------


def test_an_added_upward_import_is_caught():
    edges = graph() + [Import("domain.ledger.writer", "domain.costing.adjustment", ())]
    assert layer_offences(edges) == ["domain.ledger.writer (ledger) imports domain.costing.adjustment (costing)"]


def test_an_added_cycle_is_caught():
    edges = graph() + [Import("domain.setup.queries", "domain.setup.masterdata", ())]
    assert any("domain.setup.queries" in c and "domain.setup.masterdata" in c for c in cycles(edges))


def test_an_added_private_import_is_caught():
    modules = set(project_modules())
    source = "from domain.purchasing.posting import _items\nfrom domain.ledger import writer\nwriter._insert(1)\n"
    edges = imports_in("domain.sales.posting", source, modules, False)
    assert private_offences(edges) == ["domain.sales.posting imports domain.purchasing.posting._items"]
    assert private_attribute_uses("domain.sales.posting", source, modules) == [
        "domain.sales.posting uses domain.ledger.writer._insert"]


SHARED_CLI_MODULES = {"flows.cli.common", "flows.cli.apps"}


def test_cli_area_modules_import_only_the_shared_cli_modules_never_each_other():
    cli = [e for e in graph() if e.source.startswith("flows.cli") and e.target.startswith("flows.cli")]
    offences = [f"{e.source} imports {e.target}" for e in cli
                if e.source not in ("flows.cli", "flows.cli.__main__") and e.target not in SHARED_CLI_MODULES]
    assert offences == []
    assert not [e for e in cli if e.source in SHARED_CLI_MODULES]
