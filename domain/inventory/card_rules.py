"""Item card rules (pure): the category tree and attribute values.

BC Item Categories form a tree through Parent Category; a category may not become
its own ancestor. BC Item Attributes have a type (Text, Integer, Decimal, Option):
a value must read as that type, and an Option attribute takes only its listed values.
Values are kept in one canonical text form so that a filter compares like with like.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from domain.problems import Problem

ATTRIBUTE_TYPES = ("text", "integer", "decimal", "option")
MAX_ATTRIBUTE_VALUE = 250


def category_cycle(code: str, parent: str | None, parents: dict[str, str | None]) -> list[str] | None:
    """The path ``code -> parent -> ... -> code`` if giving ``code`` the parent ``parent``
    closes a loop in the tree ``parents`` (category -> its parent), else None."""
    path, seen, node = [code], {code}, parent
    while node is not None:
        path.append(node)
        if node in seen:
            return path
        seen.add(node)
        node = parents.get(node)
    return None


def category_descendants(code: str, parents: dict[str, str | None]) -> set[str]:
    """``code`` and every category below it."""
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found, todo = {code}, [code]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def option_values_problems(attribute_type: str, values: list[str], field: str = "values") -> list[Problem]:
    """An option attribute needs its values (distinct, none empty); other types take none."""
    if attribute_type != "option":
        return [Problem("ITEM-ATTRIBUTE-VALUES-ONLY-FOR-OPTION", field, {"type": attribute_type})] if values else []
    if not values or any(not v for v in values):
        return [Problem("ITEM-ATTRIBUTE-OPTION-NEEDS-VALUES", field)]
    if len(set(values)) != len(values):
        return [Problem("ITEM-ATTRIBUTE-DUPLICATE-OPTION", field)]
    return []


def attribute_value(attribute_type: str, options: list[str], name: str, raw: str,
                    field: str = "value") -> str | Problem:
    """``raw`` in canonical form for an attribute of ``attribute_type``, or the Problem."""
    text = (raw or "").strip()
    wrong = Problem("ITEM-ATTRIBUTE-WRONG-TYPE", field, {"attribute": name, "type": attribute_type, "value": text})
    if not text:
        return Problem("ITEM-ATTRIBUTE-VALUE-EMPTY", field, {"attribute": name})
    if len(text) > MAX_ATTRIBUTE_VALUE:
        return Problem("ITEM-ATTRIBUTE-VALUE-TOO-LONG", field, {"attribute": name, "max": MAX_ATTRIBUTE_VALUE})
    if attribute_type == "integer":
        if not text.lstrip("+-").isdigit():
            return wrong
        return str(int(text))
    if attribute_type == "decimal":
        try:
            number = Decimal(text)
        except InvalidOperation:
            return wrong
        if not number.is_finite():
            return wrong
        return _plain(number)
    if attribute_type == "option":
        if text not in options:
            return Problem("ITEM-ATTRIBUTE-UNKNOWN-OPTION", field,
                           {"attribute": name, "value": text, "options": ", ".join(options)})
    return text


def _plain(number: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 2.50 -> 2.5, 1E+1 -> 10."""
    text = format(number.normalize(), "f")
    return "0" if text in ("-0", "") else text
