"""ISO 20022 pain.001.001.03 customer credit transfer initiation (the bank's payment file): pure.

sepaxml (PyPI) was considered: it writes IBAN-only accounts, an unstructured remittance text and
integer cents, so it cannot carry a Norwegian KID (a structured creditor reference) nor a domestic
BBAN account, which Norwegian banks take for NOK payments. This module writes the message itself,
in the element order of the pain.001.001.03 schema (tests validate the output against the
official XSD): one payment information block per currency, a structured reference
(``Strd/CdtrRefInf``, type SCOR) for a KID or betalingskenmerk, else the invoice numbers as
unstructured text; the SEPA service level only on EUR payments.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

NS = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Account:
    """An IBAN, or a domestic account number (BBAN) when ``iban`` is empty."""

    iban: str = ""
    bban: str = ""
    bic: str = ""


@dataclass(frozen=True)
class Transfer:
    end_to_end_id: str
    amount: Decimal
    currency: str
    creditor_name: str
    creditor_country: str
    creditor_account: Account
    structured_reference: str = ""  # KID / betalingskenmerk / RF reference
    reference_issuer: str = ""  # e.g. CUR for a Dutch betalingskenmerk
    remittance_text: str = ""


@dataclass(frozen=True)
class PaymentFile:
    message_id: str
    created_at: dt.datetime
    execution_date: dt.date
    debtor_name: str
    debtor_org_no: str
    debtor_account: Account
    transfers: tuple[Transfer, ...]


def _clip(text: str, limit: int) -> str:
    return " ".join((text or "").split())[:limit]


def _amount(value: Decimal) -> str:
    return str(Decimal(value).quantize(CENT))


def _el(tag: str, text, **attrs) -> str:
    attr = "".join(f' {k}="{escape(str(v), {chr(34): "&quot;"})}"' for k, v in attrs.items())
    return f"<{tag}{attr}>{escape(str(text))}</{tag}>"


def _account(account: Account, currency: str | None = None) -> str:
    if account.iban:
        ident = _el("IBAN", account.iban)
    else:
        ident = f"<Othr>{_el('Id', account.bban)}<SchmeNm>{_el('Cd', 'BBAN')}</SchmeNm></Othr>"
    return f"<Id>{ident}</Id>" + (_el("Ccy", currency) if currency else "")


def _agent(account: Account) -> str:
    inner = _el("BIC", account.bic) if account.bic else f"<Othr>{_el('Id', 'NOTPROVIDED')}</Othr>"
    return f"<FinInstnId>{inner}</FinInstnId>"


def _transfer(t: Transfer) -> str:
    parts = [f"<PmtId>{_el('EndToEndId', _clip(t.end_to_end_id, 35))}</PmtId>",
             f"<Amt>{_el('InstdAmt', _amount(t.amount), Ccy=t.currency)}</Amt>"]
    if t.creditor_account.bic:
        parts.append(f"<CdtrAgt>{_agent(t.creditor_account)}</CdtrAgt>")
    parts.append(f"<Cdtr>{_el('Nm', _clip(t.creditor_name, 70))}"
                 f"<PstlAdr>{_el('Ctry', t.creditor_country)}</PstlAdr></Cdtr>")
    parts.append(f"<CdtrAcct>{_account(t.creditor_account)}</CdtrAcct>")
    if t.structured_reference:
        issuer = _el("Issr", t.reference_issuer) if t.reference_issuer else ""
        parts.append(f"<RmtInf><Strd><CdtrRefInf><Tp><CdOrPrtry>{_el('Cd', 'SCOR')}</CdOrPrtry>{issuer}</Tp>"
                     f"{_el('Ref', t.structured_reference)}</CdtrRefInf></Strd></RmtInf>")
    elif t.remittance_text:
        parts.append(f"<RmtInf>{_el('Ustrd', _clip(t.remittance_text, 140))}</RmtInf>")
    return f"<CdtTrfTxInf>{''.join(parts)}</CdtTrfTxInf>"


def build(f: PaymentFile) -> bytes:
    """The pain.001.001.03 document (UTF-8 bytes)."""
    by_currency: dict[str, list[Transfer]] = {}
    for t in f.transfers:
        by_currency.setdefault(t.currency, []).append(t)
    total = sum((t.amount for t in f.transfers), Decimal(0))
    header = (f"<GrpHdr>{_el('MsgId', _clip(f.message_id, 35))}"
              f"{_el('CreDtTm', f.created_at.replace(microsecond=0, tzinfo=None).isoformat())}"
              f"{_el('NbOfTxs', len(f.transfers))}{_el('CtrlSum', _amount(total))}"
              f"<InitgPty>{_el('Nm', _clip(f.debtor_name, 70))}"
              + (f"<Id><OrgId><Othr>{_el('Id', f.debtor_org_no)}</Othr></OrgId></Id>" if f.debtor_org_no else "")
              + "</InitgPty></GrpHdr>")
    blocks = []
    for n, (currency, transfers) in enumerate(sorted(by_currency.items()), start=1):
        subtotal = sum((t.amount for t in transfers), Decimal(0))
        sepa = currency == "EUR"
        blocks.append(
            f"<PmtInf>{_el('PmtInfId', _clip(f'{f.message_id}-{n}', 35))}{_el('PmtMtd', 'TRF')}"
            f"{_el('NbOfTxs', len(transfers))}{_el('CtrlSum', _amount(subtotal))}"
            + (f"<PmtTpInf><SvcLvl>{_el('Cd', 'SEPA')}</SvcLvl></PmtTpInf>" if sepa else "")
            + f"{_el('ReqdExctnDt', f.execution_date.isoformat())}"
            f"<Dbtr>{_el('Nm', _clip(f.debtor_name, 70))}</Dbtr>"
            f"<DbtrAcct>{_account(f.debtor_account)}</DbtrAcct>"
            f"<DbtrAgt>{_agent(f.debtor_account)}</DbtrAgt>"
            + (_el("ChrgBr", "SLEV") if sepa else "")
            + "".join(_transfer(t) for t in transfers) + "</PmtInf>")
    return (f'<?xml version="1.0" encoding="UTF-8"?><Document xmlns="{NS}"><CstmrCdtTrfInitn>'
            f"{header}{''.join(blocks)}</CstmrCdtTrfInitn></Document>").encode("utf-8")
