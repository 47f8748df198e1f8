"""The import direction of design.md section 1, held by a test:
flows -> (domain, ocr); domain.rules imports no SQLAlchemy; ocr imports no
domain.model / domain.services; nothing imports flows (except flows itself)."""

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
