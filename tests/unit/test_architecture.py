"""The import direction of design.md section 1, held by a test:
flows -> (domain, ocr); domain.rules imports no SQLAlchemy; ocr imports no
domain.model / domain.services; nothing imports flows (except flows itself);
the CLI area modules under flows/cli share only flows.cli.common and
flows.cli.apps; flows has no import cycles (explicit imports, at module level or
inside functions)."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def modules(package: str):
    return sorted((ROOT / package).rglob("*.py"))


RULES = [
    ("domain/rules", ("sqlalchemy", "flows", "ocr", "domain.model", "domain.services", "domain.db")),
    ("domain", ("flows", "ocr", "prefect")),
    ("ocr", ("domain.model", "domain.services", "domain.db", "flows", "sqlalchemy", "prefect")),
]


@pytest.mark.parametrize("package,forbidden", RULES)
def test_packages_only_import_in_the_allowed_direction(package, forbidden):
    offences = []
    for path in modules(package):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == []


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(path: Path, known: set[str]) -> set[str]:
    """The modules of ``known`` that ``path`` imports (anywhere in it): ``from flows.cli import common``
    counts as ``flows.cli.common``, ``from flows.cli.common import State`` as ``flows.cli.common``."""
    name = module_name(path).split(".")
    package = name if path.name == "__init__.py" else name[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.update(f"{module}.{a.name}" if f"{module}.{a.name}" in known else module for a in node.names)
    return found & known


def import_graph(package: str) -> dict[str, set[str]]:
    paths = {module_name(p): p for p in modules(package)}
    return {name: imported_modules(path, set(paths)) - {name} for name, path in paths.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every import cycle that a depth-first search runs into, as the path that closes it."""
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                found.append(stack[stack.index(target):] + [target])
            elif target not in state:
                visit(target, [*stack, target])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


SHARED_CLI_MODULES = {"flows.cli.common", "flows.cli.apps"}


def test_cli_area_modules_import_only_the_shared_cli_modules_never_each_other():
    graph = import_graph("flows/cli")
    offences = [f"{name} imports {target}" for name, targets in sorted(graph.items())
                if name not in ("flows.cli", "flows.cli.__main__")
                for target in sorted(targets - SHARED_CLI_MODULES)]
    assert offences == []
    assert graph["flows.cli.common"] == set() and graph["flows.cli.apps"] == set()


def test_the_flows_package_has_no_import_cycles():
    assert cycles(import_graph("flows")) == []


def test_the_cycle_check_finds_a_cycle_of_three_modules():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
