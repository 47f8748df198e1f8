"""Units of measure as a printed document names them, in the document's language.

BC keeps a Unit of Measure Translation per language ("Units of Measure" > Translations) so that an
invoice to a Dutch customer says "st." where the item card says PCS. The codes the demo data and
imports use are translated here (nb / nl / en, the short forms Norwegian and Dutch invoices print);
any other code prints as it is written on the line.
"""

from __future__ import annotations

from domain.documents.i18n import language_of

#: code -> (nb, nl, en)
_UNITS = {
    "PCS": ("stk", "st.", "pcs"),
    "EA": ("stk", "st.", "each"),
    "BOX": ("eske", "doos", "box"),
    "PACK": ("pakke", "pak", "pack"),
    "PALLET": ("pall", "pallet", "pallet"),
    "SET": ("sett", "set", "set"),
    "HOUR": ("time", "uur", "hour"),
    "DAY": ("dag", "dag", "day"),
    "MONTH": ("mnd.", "mnd.", "month"),
    "KG": ("kg", "kg", "kg"),
    "L": ("l", "l", "l"),
    "M": ("m", "m", "m"),
    "M2": ("m²", "m²", "m²"),
    "KM": ("km", "km", "km"),
}
_LANGUAGES = ("nb", "nl", "en")
UNIT_NAMES = {code: dict(zip(_LANGUAGES, names)) for code, names in _UNITS.items()}


def unit_name(code: str | None, language: str) -> str:
    """The printed name of unit ``code`` in ``language`` (the code itself when it has none)."""
    if not code:
        return ""
    names = UNIT_NAMES.get(code.upper())
    return names[language_of(language)] if names else code
