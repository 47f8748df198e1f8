"""The product's Python modules as ASTs, with what a static reader needs to follow a name:
each module's imports, its top-level definitions, the function around a node, the calls of a
function. Used by tests/support/problem_codes.py."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path


@dataclass
class Module:
    path: str  # relative to the root, with slashes: "domain/setup/masterdata.py"
    tree: ast.Module
    parents: dict[ast.AST, ast.AST]
    imports: dict[str, tuple[str, str | None]]  # local name -> (module path, name in it, or None: the module)
    nodes: list[ast.AST]  # every node, walked once

    @cached_property
    def calls(self) -> list[ast.Call]:
        return [n for n in self.nodes if isinstance(n, ast.Call)]


def call_name(func: ast.expr) -> str | None:
    """``f`` of ``f(...)`` or ``x.f(...)``."""
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


class SourceIndex:
    def __init__(self, root: Path, packages: tuple[str, ...]):
        self.root = root
        files = [p for pkg in packages if (root / pkg).is_dir() for p in sorted((root / pkg).rglob("*.py"))]
        self.modules = {m.path: m for m in map(self._load, files)}

    def _module_path(self, dotted: str) -> str:
        base = dotted.replace(".", "/")
        return base + "/__init__.py" if (self.root / base).is_dir() else base + ".py"

    def _is_module(self, dotted: str) -> bool:
        base = self.root / dotted.replace(".", "/")
        return base.is_dir() or base.with_suffix(".py").exists()

    def _load(self, path: Path) -> Module:
        rel = path.relative_to(self.root).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        nodes = list(ast.walk(tree))
        parents = {child: node for node in nodes for child in ast.iter_child_nodes(node)}
        imports: dict[str, tuple[str, str | None]] = {}
        for node in nodes:
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                for alias in node.names:
                    dotted = f"{node.module}.{alias.name}"
                    imports[alias.asname or alias.name] = ((self._module_path(dotted), None) if self._is_module(dotted)
                                                           else (self._module_path(node.module), alias.name))
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if alias.asname:
                        imports[alias.asname] = (self._module_path(alias.name), None)
        return Module(rel, tree, parents, imports, nodes)

    def definition(self, expr: ast.expr, m: Module) -> tuple[ast.expr, Module] | None:
        """The value a module-level name (``NAME``, an imported ``NAME`` or ``module.NAME``) is bound to."""
        if isinstance(expr, ast.Name):
            if expr.id in m.imports:
                target, name = m.imports[expr.id]
                return self.top_level(target, name) if name else None
            return self.top_level(m.path, expr.id)
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name) and expr.value.id in m.imports:
            target, _ = m.imports[expr.value.id]
            return self.top_level(target, expr.attr)
        return None

    def top_level(self, path: str, name: str) -> tuple[ast.expr, Module] | None:
        mod = self.modules.get(path)
        if mod is None:
            return None
        for stmt in mod.tree.body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in stmt.targets):
                return stmt.value, mod
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name \
                    and stmt.value is not None:
                return stmt.value, mod
        if name in mod.imports:
            target, inner = mod.imports[name]
            return self.top_level(target, inner) if inner else None
        return None

    @staticmethod
    def enclosing_function(node: ast.AST, m: Module):
        while node in m.parents:
            node = m.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return None

    def calls_of(self, name: str, defined_in: str):
        """Every ``(module, call)`` of the function ``name`` defined in module ``defined_in``."""
        for mod in self.modules.values():
            for node in mod.calls:
                if self._calls(node, mod, name, defined_in):
                    yield mod, node

    @staticmethod
    def _calls(node: ast.Call, mod: Module, name: str, defined_in: str) -> bool:
        f = node.func
        if isinstance(f, ast.Name) and f.id == name:
            return mod.path == defined_in or mod.imports.get(name) == (defined_in, name)
        if isinstance(f, ast.Attribute) and f.attr == name and isinstance(f.value, ast.Name):
            return mod.imports.get(f.value.id) == (defined_in, None)
        return False
