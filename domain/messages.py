"""User-facing text for problem codes, in English, Norwegian bokmål and Dutch.

Codes are the stable interface (scripts match on them); the text is for
people. Texts live in ``domain/message_texts/`` (one module per area); every code
the product can emit has all three texts (tests/unit/test_messages.py holds it).
A code without text still shows, with its parameters.

A placeholder that carries a field key (``{field}``, and the few listed in
``KEY_PLACEHOLDERS``) shows the field's name in the reader's language
(domain/field_names.py); the problem itself keeps the raw key, so the JSON
outputs and scripts see ``due_date``, a person reads "Forfallsdato".
"""

from __future__ import annotations

import re

from domain.field_names import display_name
from domain.message_texts import approvals as _approvals  # noqa: F401  (each adds its texts to MESSAGES)
from domain.message_texts import assembly as _assembly  # noqa: F401
from domain.message_texts import auditfile as _auditfile  # noqa: F401
from domain.message_texts import cli as _cli  # noqa: F401
from domain.message_texts import commands as _commands  # noqa: F401
from domain.message_texts import compliance as _compliance  # noqa: F401
from domain.message_texts import crm as _crm  # noqa: F401
from domain.message_texts import corrections as _corrections  # noqa: F401
from domain.message_texts import costing_features as _costing_features  # noqa: F401
from domain.message_texts import database as _database  # noqa: F401
from domain.message_texts import drafts as _drafts  # noqa: F401
from domain.message_texts import docpay as _docpay  # noqa: F401
from domain.message_texts import identity as _identity  # noqa: F401
from domain.message_texts import inbox as _inbox  # noqa: F401
from domain.message_texts import intake as _intake  # noqa: F401
from domain.message_texts import inventory as _inventory  # noqa: F401
from domain.message_texts import payments as _payments  # noqa: F401
from domain.message_texts import prepayments as _prepayments  # noqa: F401
from domain.message_texts import purchasing as _purchasing  # noqa: F401
from domain.message_texts import reports as _reports  # noqa: F401
from domain.message_texts import reservations as _reservations  # noqa: F401
from domain.message_texts import sales as _sales  # noqa: F401
from domain.message_texts import setup as _setup  # noqa: F401
from domain.message_texts import stock as _stock  # noqa: F401
from domain.message_texts import units as _units  # noqa: F401
from domain.message_texts import trade as _trade  # noqa: F401
from domain.message_texts import tracking as _tracking  # noqa: F401
from domain.message_texts import web as _web  # noqa: F401
from domain.message_texts.core import MESSAGES

#: shown for a placeholder a problem does not carry (never the raw ``{name}``)
MISSING = "?"


#: placeholders, per code, that carry a field key besides ``{field}`` (which every code's does)
KEY_PLACEHOLDERS: dict[str, tuple[str, ...]] = {
    # the vendor posting group column the prepaid or rounding amount of an e-invoice posts to
    "INTAKE-SETTLEMENT-ACCOUNT-MISSING": ("account",),
}


class _Defaulting(dict):
    def __missing__(self, key):
        return MISSING


def render_problem(problem, language: str = "en") -> str:
    """The text of ``problem`` (a Problem, or a DomainError: anything with ``code`` and
    ``params``) in ``language`` (English when the language has no text).

    A code without text gives its field and parameters only: the caller prints the code
    beside the message (``CODE message``), so the code is never repeated here."""
    field = getattr(problem, "field", None)
    texts = MESSAGES.get(problem.code)
    if not texts:
        detail = ", ".join(f"{k}={v}" for k, v in problem.params.items())
        return " ".join(part for part in (f"[{field}]" if field else "", detail) if part)
    params = _Defaulting(problem.params)
    params.setdefault("field", field or "")
    params.setdefault("field_key", params["field"])  # the raw key, for messages that say what to type
    template = texts.get(language) or texts["en"]
    _name_fields(params, problem.code, template, language)
    try:
        return template.format_map(params)
    except (ValueError, KeyError, IndexError, AttributeError):
        return template


def _name_fields(params: dict, code: str, template: str, language: str) -> None:
    """Each field key in ``params`` that the table names replaced by its name in ``language``,
    with a capital where it starts the sentence; a key the table does not know stays as it is."""
    for name in ("field", *KEY_PLACEHOLDERS.get(code, ())):
        if name not in params or params[name] is None:
            continue
        key = str(params[name])
        shown = display_name(key, language)
        if shown == key:
            continue
        if re.search(r"(?:^|[.!?]\s+)\{" + name + r"[}!:]", template):
            shown = shown[:1].upper() + shown[1:]
        params[name] = shown
