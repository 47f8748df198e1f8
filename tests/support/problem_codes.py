"""Every problem code the product can emit, found by reading its source (AST).

A code reaches a person through one of these *emitters*:

- ``Problem(code, field, params)``;
- ``DomainError(code, message, **params)`` and every subclass of it (found by walking
  the class definitions); a subclass called without a code emits its class-level ``code``;
- a class-level ``code = "..."`` of any class (``MoneyError``, ``NotFound``, ...): the
  code an instance carries when it is raised without one, or converted into a Problem;
- ``IdentifierError(code, value, message)``: services turn it into
  ``Problem(exc.code, field, {"value": value})`` (setup.masterdata, intake corrections).

The code argument is resolved statically: string literals, ``a if c else b``,
constants of ``ocr/codes.py`` (and any module constant), dict tables of codes
(``TABLE.get(x, default)``), names assigned in the function, function parameters (through
every call of that function), and f-strings whose variable parts are listed in
:data:`FSTRING_EXPANSIONS`. ``something.code``, ``getattr(x, "code", default)``,
``info.get("code", default)`` and ``Problem(**payload)`` pass on a code emitted elsewhere
(only their defaults are new codes). Anything else is an *unresolved* site: the scan
reports it, so a new way of building codes cannot slip past the message tests.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

from tests.support.source_index import Module, SourceIndex, call_name

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("domain", "ocr", "flows", "web")
CODE_SHAPE = re.compile(r"^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*$")

#: (module path, f-string variable) -> the values it takes. An f-string code whose variable is not
#: here makes the scan fail: add the row (and the texts of the codes it makes).
FSTRING_EXPANSIONS: dict[tuple[str, str], tuple[str, ...]] = {
    # item_line_defaults(session, no, r, prefix): purchasing passes "PURCH", sales "SALES"
    ("domain/setup/masterdata.py", "prefix"): ("PURCH", "SALES"),
    # prepayment_edits: side "purchase" -> PURCH, "sales" -> SALES
    ("domain/purchasing/prepayment_edits.py", "PREFIX[side]"): ("PURCH", "SALES"),
    # portion_problems(..., side): purchase lines pass "PURCH", sales lines "SALES" (the same checks)
    ("domain/purchasing/rules/tracking.py", "side"): ("PURCH", "SALES"),
}

#: emitters whose params are fixed by their signature, not given as a dict or keywords
FIXED_PARAMS = {"IdentifierError": frozenset({"value"})}
#: DomainError keywords that are not message params
NOT_PARAMS = {"message", "code"}

#: the module that declares ocr's released codes as constants (all of them count, emitted or not)
DECLARED_CODES = "ocr/codes.py"

PASSTHROUGH = "<passthrough>"


class Unresolved(Exception):
    pass


@dataclass(frozen=True)
class Site:
    """One place that emits ``code``; ``params`` are the keys it passes (``open``: maybe more)."""

    code: str
    path: str
    line: int
    params: frozenset[str] = frozenset()
    open: bool = False

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass
class Scan:
    sites: list[Site] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)
    passthrough: list[str] = field(default_factory=list)
    #: (site, text) of every string constant shaped like a code (outside the message texts)
    code_like: list[tuple[str, str]] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return {s.code for s in self.sites}

    def sites_of(self, code: str) -> list[Site]:
        return [s for s in self.sites if s.code == code]


class _Scanner:
    def __init__(self, root: Path, packages=PACKAGES):
        self.index = SourceIndex(root, packages)
        self.modules = self.index.modules
        self.scan = Scan()
        self.bases: dict[str, list[str]] = {}
        self.class_codes, self.error_classes = self._classes()

    # -- classes: class-level codes and the DomainError family ---------------------------------
    def _classes(self):
        bases = self.bases
        codes: dict[str, tuple[str, str, int]] = {}
        for m in self.modules.values():
            for node in m.nodes:
                if not isinstance(node, ast.ClassDef):
                    continue
                bases[node.name] = [b for b in map(call_name, node.bases) if b]
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "code"
                                                             for t in stmt.targets)
                            and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)):
                        codes[node.name] = (stmt.value.value, m.path, stmt.lineno)
        family = {"DomainError"}
        while True:
            more = {c for c, bs in bases.items() if c not in family and family & set(bs)}
            if not more:
                break
            family |= more
        return codes, family

    # -- resolution of a code expression -------------------------------------------------------
    def resolve(self, expr: ast.expr, m: Module, at: ast.AST, depth: int = 0) -> set[str]:
        """The codes ``expr`` (in module ``m``, at node ``at``) can be; PASSTHROUGH for a code from elsewhere."""
        if depth > 8:
            raise Unresolved("too deep")

        def r(e):
            return self.resolve(e, m, at, depth + 1)

        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return {expr.value}
        if isinstance(expr, ast.IfExp):
            return r(expr.body) | r(expr.orelse)
        if isinstance(expr, ast.BoolOp):
            return set().union(*(r(v) for v in expr.values))
        if isinstance(expr, (ast.Tuple, ast.List, ast.Set)):
            return set().union(*(r(v) for v in expr.elts)) if expr.elts else set()
        if isinstance(expr, ast.JoinedStr):
            return self._fstring(expr, m)
        if isinstance(expr, ast.Attribute):
            if expr.attr == "code":
                return {PASSTHROUGH}
            if isinstance(expr.value, ast.Name) and expr.value.id in m.imports:
                target, _ = m.imports[expr.value.id]
                return self._module_constant(target, expr.attr, depth)
            raise Unresolved(ast.unparse(expr))
        if isinstance(expr, ast.Name):
            return self._name(expr.id, m, at, depth)
        if isinstance(expr, ast.Call):
            return self._call(expr, m, at, depth)
        if isinstance(expr, ast.Subscript):
            return self._table_values(expr.value, m, at, depth)
        raise Unresolved(ast.unparse(expr))

    def _fstring(self, expr: ast.JoinedStr, m: Module) -> set[str]:
        results = [""]
        for part in expr.values:
            if isinstance(part, ast.Constant):
                results = [x + str(part.value) for x in results]
                continue
            key = (m.path, ast.unparse(part.value))
            if key not in FSTRING_EXPANSIONS:
                raise Unresolved(f"f-string code {ast.unparse(expr)}: add {key} to FSTRING_EXPANSIONS")
            results = [x + v for x in results for v in FSTRING_EXPANSIONS[key]]
        return set(results)

    def _call(self, expr: ast.Call, m: Module, at: ast.AST, depth: int) -> set[str]:
        args = expr.args
        if isinstance(expr.func, ast.Name) and expr.func.id == "getattr" and len(args) == 3 \
                and isinstance(args[1], ast.Constant) and args[1].value == "code":
            return {PASSTHROUGH} | self.resolve(args[2], m, at, depth + 1)
        if isinstance(expr.func, ast.Attribute) and expr.func.attr == "get" and args:
            default = self.resolve(args[1], m, at, depth + 1) if len(args) > 1 else set()
            if isinstance(args[0], ast.Constant) and args[0].value == "code":
                return {PASSTHROUGH} | default
            return self._table_values(expr.func.value, m, at, depth) | default
        raise Unresolved(ast.unparse(expr))

    def _table_values(self, expr: ast.expr, m: Module, at: ast.AST, depth: int) -> set[str]:
        """The values of a dict of codes given by name (``TABLE`` or ``codes.TABLE``)."""
        table = self.index.definition(expr, m)
        if not isinstance(table, tuple) or not isinstance(table[0], ast.Dict):
            raise Unresolved(ast.unparse(expr))
        value, mod = table
        return set().union(*(self.resolve(v, mod, v, depth + 1) for v in value.values))

    def _module_constant(self, path: str, name: str, depth: int) -> set[str]:
        found = self.index.top_level(path, name)
        if found is None:
            raise Unresolved(f"{path}:{name}")
        value, mod = found
        return self.resolve(value, mod, value, depth + 1)

    def _name(self, name: str, m: Module, at: ast.AST, depth: int) -> set[str]:
        func = self.index.enclosing_function(at, m)
        if func is not None:
            found = self._local_bindings(func, name, m, depth)
            if found is not None:
                return found
        definition = self.index.definition(ast.Name(name), m)
        if definition is None:
            raise Unresolved(name)
        value, mod = definition
        return self.resolve(value, mod, value, depth + 1)

    def _local_bindings(self, func, name: str, m: Module, depth: int) -> set[str] | None:
        values: list[tuple[ast.expr, bool]] = []  # (expression, is an iterable of codes)
        for node in ast.walk(func):
            assigned = (isinstance(node, ast.Assign)
                        and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)) or \
                       (isinstance(node, (ast.AnnAssign, ast.NamedExpr)) and isinstance(node.target, ast.Name)
                        and node.target.id == name and node.value is not None)
            if assigned:
                values.append((node.value, False))
            elif isinstance(node, (ast.For, ast.comprehension)) and isinstance(node.target, ast.Name) \
                    and node.target.id == name:
                values.append((node.iter, True))
        result: set[str] = set()
        for value, iterable in values:
            if iterable and isinstance(value, ast.Name):
                definition = self.index.definition(value, m)
                if definition is None:
                    raise Unresolved(ast.unparse(value))
                value, other = definition
                result |= self.resolve(value, other, value, depth + 1)
            else:
                result |= self.resolve(value, m, value, depth + 1)
        param = self._parameter(func, name)
        if param is not None:
            result |= self._arguments(func, name, *param, m, depth)
        return result if values or param is not None else None

    @staticmethod
    def _parameter(func, name: str) -> tuple[int | None, ast.expr | None] | None:
        """(position or None for keyword-only, default) of parameter ``name`` of ``func``."""
        a = func.args
        positional = a.posonlyargs + a.args
        defaults = [None] * (len(positional) - len(a.defaults)) + list(a.defaults)
        for i, arg in enumerate(positional):
            if arg.arg == name:
                return i, defaults[i]
        for arg, default in zip(a.kwonlyargs, a.kw_defaults):
            if arg.arg == name:
                return None, default
        return None

    def _arguments(self, func, keyword: str, index: int | None, default, m: Module, depth: int) -> set[str]:
        """Every value parameter ``keyword`` takes: its default and what each call of ``func`` passes."""
        result = self.resolve(default, m, default, depth + 1) if default is not None else set()
        calls = 0
        for mod, node in self.index.calls_of(func.name, m.path):
            calls += 1
            passed = next((k.value for k in node.keywords if k.arg == keyword), None)
            if passed is None and index is not None and len(node.args) > index:
                passed = node.args[index]
            if passed is not None:
                result |= self.resolve(passed, mod, node, depth + 1)
            elif default is None:
                raise Unresolved(f"{mod.path}:{node.lineno} calls {func.name} without {keyword}")
        if not calls and default is None:
            raise Unresolved(f"parameter {keyword} of {func.name}, which nothing calls")
        return result

    # -- emitter calls -------------------------------------------------------------------------
    def run(self) -> Scan:
        for code, path, line in self.class_codes.values():
            self._add({code}, path, line, frozenset(), open_=True)
        self._declared(DECLARED_CODES)
        for m in self.modules.values():
            for node in m.calls:
                self._emitter_call(node, m)
            if not m.path.startswith("domain/message_texts/"):
                self.scan.code_like += [(f"{m.path}:{n.lineno}", n.value) for n in m.nodes
                                        if isinstance(n, ast.Constant) and isinstance(n.value, str)
                                        and "-" in n.value and CODE_SHAPE.match(n.value)]
        return self.scan

    def _declared(self, path: str) -> None:
        """The released codes a module declares as constants (ocr/codes.py): each is a problem code."""
        module = self.modules.get(path)
        for stmt in module.tree.body if module else ():
            if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Constant) \
                    and isinstance(stmt.value.value, str) and all(isinstance(t, ast.Name) and t.id.isupper()
                                                                  for t in stmt.targets):
                self._add({stmt.value.value}, path, stmt.lineno, frozenset(), open_=True)

    def _emitter_call(self, node: ast.Call, m: Module) -> None:
        kind = call_name(node.func)
        if kind == "Problem":
            code_expr = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "code"), None)
            params_expr = node.args[2] if len(node.args) > 2 else \
                next((k.value for k in node.keywords if k.arg == "params"), None)
            params, open_ = self._params(params_expr, m, node)
            if code_expr is None:
                self.scan.passthrough.append(f"{m.path}:{node.lineno} {ast.unparse(node)[:80]}")
                return
        elif kind == "RejectedError":
            return  # its problems are Problem(...) calls, scanned on their own
        elif kind in self.error_classes or kind in FIXED_PARAMS:
            code_expr = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "code"), None)
            if kind in FIXED_PARAMS:
                params, open_ = FIXED_PARAMS[kind], False
            else:
                params = frozenset(k.arg for k in node.keywords if k.arg and k.arg not in NOT_PARAMS)
                open_ = any(k.arg is None for k in node.keywords)
            if code_expr is None:
                code = self._class_code(kind)
                self._add({code}, m.path, node.lineno, params, open_)
                return
        else:
            return
        try:
            codes = self.resolve(code_expr, m, node)
        except Unresolved as exc:
            self.scan.unresolved.append(f"{m.path}:{node.lineno}: cannot resolve the code of "
                                        f"{ast.unparse(node)[:100]} ({exc})")
            return
        if PASSTHROUGH in codes:
            self.scan.passthrough.append(f"{m.path}:{node.lineno} {ast.unparse(code_expr)}")
        self._add(codes - {PASSTHROUGH}, m.path, node.lineno, params, open_)

    def _class_code(self, cls: str) -> str:
        while cls not in self.class_codes and self.bases.get(cls):
            cls = self.bases[cls][0]
        return self.class_codes[cls][0]

    def _params(self, expr, m: Module, at: ast.AST) -> tuple[frozenset[str], bool]:
        """The keys a params argument surely has, and whether it may have more (``open``):
        a dict literal, ``dict(a=...)``, or a name bound to one in the function (``**`` of such a name too)."""
        if expr is None:
            return frozenset(), False
        if isinstance(expr, ast.Call) and call_name(expr.func) == "dict" and not expr.args:
            keys = [k.arg for k in expr.keywords if k.arg]
            return frozenset(keys), len(keys) != len(expr.keywords)
        if isinstance(expr, ast.Name):
            bound = self._dict_bindings(expr.id, m, at)
            if not bound:
                return frozenset(), True
            results = [self._params(value, m, value) for value in bound]
            return frozenset.intersection(*(keys for keys, _ in results)), any(o for _, o in results)
        if not isinstance(expr, ast.Dict):
            return frozenset(), True
        keys, open_ = set(), False
        for key, value in zip(expr.keys, expr.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                keys.add(key.value)
            elif key is None:  # {**other, ...}
                more, more_open = self._params(value, m, at)
                keys |= more
                open_ |= more_open
            else:
                open_ = True
        return frozenset(keys), open_

    def _dict_bindings(self, name: str, m: Module, at: ast.AST) -> list[ast.expr]:
        """The dict expressions assigned to ``name`` in the enclosing function (``a, b = x, {...}`` too)."""
        func = self.index.enclosing_function(at, m)
        found = []
        for node in ast.walk(func) if func is not None else ():
            if not isinstance(node, ast.Assign):
                continue
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append(node.value)
                elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                    found += [v for t, v in zip(target.elts, node.value.elts)
                              if isinstance(t, ast.Name) and t.id == name]
        return found

    def _add(self, codes: set[str], path: str, line: int, params: frozenset[str], open_: bool) -> None:
        for code in codes:
            if not CODE_SHAPE.match(code):
                self.scan.unresolved.append(f"{path}:{line}: {code!r} does not look like a problem code")
                continue
            self.scan.sites.append(Site(code, path, line, params, open_))


def scan(root: Path = ROOT, packages=PACKAGES) -> Scan:
    """Every emitting site of every problem code under ``root``'s packages."""
    return _Scanner(root, packages).run()
