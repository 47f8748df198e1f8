"""Business identifiers of Norway and the Netherlands, validated once.

python-stdnum covers org.nr, MVA, kontonummer, IBAN, BTW, EU VAT ids, RF
creditor references and the Luhn digit, so those checks are delegated to it.
Three identifiers are not in python-stdnum 2.2 and are written here, once: the
Norwegian KID (MOD10 or MOD11 check digit, NETS rules), the Dutch KvK number
(eight digits, no check digit since 2016) and the Dutch *betalingskenmerk*
(Currence payment reference with a weighted modulus-11 check digit).

Every validator returns the compact form, or raises :class:`IdentifierError`
with a stable code. Nothing here guesses: an identifier that fails its check is
refused, never "repaired".
"""

from __future__ import annotations

import functools
import re

from stdnum import bic as _bic
from stdnum import iban as _iban
from stdnum import iso11649 as _rf
from stdnum import luhn as _luhn
from stdnum.eu import vat as _eu_vat
from stdnum.exceptions import ValidationError
from stdnum.nl import btw as _btw
from stdnum.no import kontonr as _kontonr
from stdnum.no import orgnr as _orgnr

from domain.problems import Problem


class IdentifierError(ValueError):
    """An identifier that fails its format or check digit."""

    def __init__(self, code: str, value: str, message: str):
        super().__init__(f"{code}: {message} ({value!r})")
        self.code = code
        self.value = value


def _run(code: str, label: str, validate, value: str) -> str:
    checked, error = _validated(validate, value)
    if error is not None:
        raise IdentifierError(code, value, f"invalid {label}: {error}")
    return checked


@functools.lru_cache(maxsize=4096)
def _validated(validate, value: str) -> tuple[str | None, str | None]:
    """python-stdnum's answer for ``value``, remembered (the validators are pure): a vendor's
    IBAN comes back on every invoice, and its check reads the bank registry (~50 us). A refusal
    is remembered as its text, not as the exception (which would keep its traceback and frames)."""
    try:
        return validate(value), None
    except ValidationError as exc:
        return None, str(exc) or type(exc).__name__


def org_no(value: str) -> str:
    """Norwegian organisasjonsnummer (9 digits, MOD11)."""
    return _run("ID-INVALID-ORGNR", "organisation number", _orgnr.validate, value)


def mva_no(value: str) -> str:
    """Norwegian MVA number, returned as NO + org.nr + MVA."""
    return vat_id(value if value.strip().upper().startswith("NO") else "NO" + value)


def btw_no(value: str) -> str:
    """Dutch BTW-identificatienummer (NL999999999B99)."""
    return _run("ID-INVALID-BTW", "BTW number", _btw.validate, value)


def vat_id(value: str) -> str:
    """Any EU/EEA VAT id (routes NO, NL and the rest through python-stdnum)."""
    compact = re.sub(r"[\s.\-]", "", value).upper()
    if compact.startswith("NO"):
        digits = compact[2:-3] if compact.endswith("MVA") else compact[2:]
        try:
            return "NO" + _orgnr.validate(digits) + "MVA"
        except ValidationError as exc:
            raise IdentifierError("ID-INVALID-MVA", value, f"invalid MVA number: {exc}") from exc
    return _run("ID-INVALID-VAT", "VAT id", _eu_vat.validate, compact)


def kvk_no(value: str) -> str:
    """Dutch Chamber of Commerce number: exactly eight digits."""
    compact = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"\d{8}", compact):
        raise IdentifierError("ID-INVALID-KVK", value, "invalid KvK number: needs 8 digits")
    return compact


def company_ids(country: str, org: str | None, vat: str | None, current_org: str | None = None,
                current_vat: str | None = None) -> tuple[str | None, str | None, list]:
    """A company's own registration numbers as its invoices must print them, checked together:
    NO: the org.nr (MOD11) and the MVA number, which is NO + that org.nr + MVA; NL: the KvK number
    (not in python-stdnum: eight digits) and the btw-id (python-stdnum ``nl.btw``), which is Dutch.
    Returns (org, vat, [Problem]) with every problem at once; None keeps a value (the
    ``current_*`` one, which the other is checked against)."""
    problems, checked = [], {}
    for field, value, check in (("org_no", org, org_no if country == "NO" else kvk_no), ("vat_id", vat, vat_id)):
        if value is None:
            continue
        try:
            checked[field] = check(value)
        except IdentifierError as exc:
            problems.append(Problem(exc.code, field, {"value": value}))
    if checked.get("vat_id") and country in ("NO", "NL") and not checked["vat_id"].startswith(country):
        problems.append(Problem("ID-VAT-COUNTRY-MISMATCH", "vat_id", {"value": vat}))
    elif country == "NO" and (org is not None or vat is not None):
        new_org = checked.get("org_no", current_org if org is None else None)
        new_vat = checked.get("vat_id", current_vat if vat is None else None)
        if new_org and new_vat and new_vat != f"NO{new_org}MVA":
            problems.append(Problem("ID-VAT-NOT-ORG-NO", "vat_id" if vat is not None else "org_no",
                                    {"value": vat or org}))
    return checked.get("org_no"), checked.get("vat_id"), problems


def iban(value: str) -> str:
    """IBAN with country format and MOD97 check."""
    return _run("ID-INVALID-IBAN", "IBAN", _iban.validate, value)


def no_bank_account(value: str) -> str:
    """Norwegian 11-digit bank account number (MOD11)."""
    return _run("ID-INVALID-ACCOUNT", "bank account number", _kontonr.validate, value)


def bic(value: str) -> str:
    """BIC / SWIFT code (ISO 9362: 8 or 11 characters, country code checked)."""
    return _run("ID-INVALID-BIC", "BIC", _bic.validate, value)


def bank_account(value: str) -> str:
    """A domestic bank account printed on documents: a Norwegian kontonummer (MOD11) when
    it is 11 digits, otherwise an IBAN (Dutch accounts are IBANs)."""
    compact = re.sub(r"[\s.]", "", value)
    if compact.isdigit():
        return no_bank_account(compact)
    return iban(compact)


def _kid_mod11_digit(digits: str) -> str:
    total = sum(int(d) * (2 + i % 6) for i, d in enumerate(reversed(digits)))
    check = 11 - total % 11
    return {11: "0", 10: "-"}.get(check, str(check))


def kid(value: str) -> str:
    """Norwegian KID payment reference: 2-25 digits, MOD10 (Luhn) or MOD11 check.

    A MOD11 KID whose check value is 10 ends in ``-`` (NETS rule).
    """
    compact = re.sub(r"\s", "", value)
    if not re.fullmatch(r"\d{1,24}[\d-]", compact) or len(compact) < 2:
        raise IdentifierError("ID-INVALID-KID", value, "invalid KID: needs 2 to 25 digits")
    body, check = compact[:-1], compact[-1]
    if check != "-" and _luhn.calc_check_digit(body) == check:
        return compact
    if _kid_mod11_digit(body) == check:
        return compact
    raise IdentifierError("ID-INVALID-KID", value, "invalid KID: check digit does not match")


def kid_generate(base: str, method: str = "mod10") -> str:
    """A KID made of ``base`` plus its check digit (mod10 = Luhn, or mod11)."""
    digits = re.sub(r"\D", "", base)
    if not digits:
        raise IdentifierError("ID-INVALID-KID", base, "no digits to make a KID from")
    check = _kid_mod11_digit(digits) if method == "mod11" else _luhn.calc_check_digit(digits)
    return digits + check


def rf_reference(value: str) -> str:
    """ISO 11649 RF creditor reference."""
    return _run("ID-INVALID-RF", "RF creditor reference", _rf.validate, value)


def payment_reference(value: str, country: str | None) -> str:
    """A payment reference printed on an invoice, checked by its scheme: ``RF...`` is an
    ISO 11649 creditor reference, digits are a betalingskenmerk for a Dutch (``NL``) party
    and a KID otherwise; free text (an invoice number) has no check and stays as given."""
    compact = re.sub(r"\s", "", value)
    if compact.upper().startswith("RF"):
        return rf_reference(compact)
    if not compact.isdigit():
        return value
    if country == "NL":
        return betalingskenmerk(compact)
    return kid(compact)


_BK_WEIGHTS = (2, 4, 8, 5, 10, 9, 7, 3, 6, 1)


def _betalingskenmerk_check(digits: str) -> int:
    total = sum(int(d) * _BK_WEIGHTS[i % 10] for i, d in enumerate(reversed(digits)))
    check = 11 - total % 11
    return {10: 1, 11: 0}.get(check, check)


def betalingskenmerk(value: str) -> str:
    """Dutch *betalingskenmerk* (16 digits, or 12-15 with a length code).

    The first digit is a weighted modulus-11 check digit (weights 2,4,8,5,10,9,
    7,3,6,1 from the right) over the rest; for 12-15 digits the second digit
    states the length of the reference that follows (Currence acceptgiro rules).
    """
    compact = re.sub(r"[\s.\-]", "", value)
    if not re.fullmatch(r"\d{12,16}", compact):
        raise IdentifierError("ID-INVALID-BETALINGSKENMERK", value, "needs 12 to 16 digits")
    body = compact[1:]
    if len(compact) < 16 and int(compact[1]) != len(compact) - 2:
        raise IdentifierError("ID-INVALID-BETALINGSKENMERK", value, "length code does not match")
    if _betalingskenmerk_check(body) != int(compact[0]):
        raise IdentifierError("ID-INVALID-BETALINGSKENMERK", value, "check digit does not match")
    return compact


def betalingskenmerk_generate(base: str) -> str:
    """A 16-digit betalingskenmerk for ``base`` (left-padded to 15 digits)."""
    body = re.sub(r"\D", "", base).rjust(15, "0")
    if len(body) != 15:
        raise IdentifierError("ID-INVALID-BETALINGSKENMERK", base, "base longer than 15 digits")
    return str(_betalingskenmerk_check(body)) + body


def normalise_document_no(value: str) -> str:
    """Vendor invoice numbers compared without case, spaces, dashes, dots or slashes."""
    return re.sub(r"[\s\-_./]", "", value).upper()
