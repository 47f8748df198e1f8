"""Read a CAMT.053 bank statement (ISO 20022 BkToCstmrStmt) into plain entries.

Parsed with defusedxml (no entity expansion, no external entities: a bank file
is untrusted input). Namespaces vary by version (camt.053.001.02 ... .08), so
elements are matched by local name. Each booked entry (``Ntry``) gives amount,
credit/debit, booking date, the bank's reference, the counterparty and the
remittance information: the structured creditor reference (KID,
betalingskenmerk, RF) and the unstructured text (often an invoice no.).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from domain.money import MoneyError, to_decimal
from domain.problems import DomainError


@dataclass(frozen=True)
class StatementEntry:
    statement_id: str
    account_iban: str
    entry_reference: str
    booking_date: dt.date
    amount: Decimal  # signed: credit (money in) positive
    currency: str
    counterparty_name: str
    counterparty_iban: str | None
    reference: str
    remittance_text: str


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(element: Element | None, *path: str) -> Element | None:
    for name in path:
        if element is None:
            return None
        element = next((child for child in element if _local(child.tag) == name), None)
    return element


def _text(element: Element | None, *path: str) -> str:
    found = _find(element, *path)
    return (found.text or "").strip() if found is not None else ""


def _all(element: Element, name: str) -> list[Element]:
    return [child for child in element.iter() if _local(child.tag) == name]


def parse(data: bytes) -> list[StatementEntry]:
    try:
        root = SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException) as exc:
        raise DomainError("CAMT-INVALID-XML", f"not a readable CAMT.053 file: {exc}") from None
    statements = _all(root, "Stmt")
    if not statements:
        raise DomainError("CAMT-NO-STATEMENT", "the file holds no BkToCstmrStmt/Stmt")
    return [entry for stmt in statements for entry in _statement(stmt)]


def _statement(stmt: Element) -> list[StatementEntry]:
    statement_id = _text(stmt, "Id")
    iban = _text(stmt, "Acct", "Id", "IBAN")
    entries = []
    for index, ntry in enumerate(e for e in stmt if _local(e.tag) == "Ntry"):
        if _text(ntry, "Sts") not in ("", "BOOK") and _text(ntry, "Sts", "Cd") not in ("", "BOOK"):
            continue
        entries.append(_entry(statement_id, iban, index, ntry))
    return entries


def _entry(statement_id: str, iban: str, index: int, ntry: Element) -> StatementEntry:
    amount_el = _find(ntry, "Amt")
    try:
        amount = to_decimal(amount_el.text if amount_el is not None else "")
    except MoneyError:
        raise DomainError("CAMT-INVALID-AMOUNT", f"entry {index + 1} has no valid amount",
                          entry=index + 1) from None
    if _text(ntry, "CdtDbtInd") == "DBIT":
        amount = -amount
    tx = _find(ntry, "NtryDtls", "TxDtls")
    debit = amount < 0
    party = _find(tx, "RltdPties", "Cdtr" if debit else "Dbtr")
    account = _find(tx, "RltdPties", "CdtrAcct" if debit else "DbtrAcct")
    reference = _text(tx, "RmtInf", "Strd", "CdtrRefInf", "Ref")
    unstructured = " ".join(u.text.strip() for u in _all(tx, "Ustrd") if u.text) if tx is not None else ""
    booked = _text(ntry, "BookgDt", "Dt") or _text(ntry, "BookgDt", "DtTm")[:10]
    try:
        booking_date = dt.date.fromisoformat(booked)
    except ValueError:
        raise DomainError("CAMT-INVALID-DATE", f"entry {index + 1} has no valid booking date",
                          entry=index + 1) from None
    return StatementEntry(
        statement_id, iban, _text(ntry, "AcctSvcrRef") or _text(ntry, "NtryRef") or f"{statement_id}-{index + 1}",
        booking_date, amount, (amount_el.get("Ccy") or "").upper(),
        _text(party, "Nm") or _text(party, "Pty", "Nm"), _text(account, "Id", "IBAN") or None,
        reference.replace(" ", ""), unstructured)
