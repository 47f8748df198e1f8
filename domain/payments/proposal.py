"""Vendor payment proposals: suggest what to pay, write the bank's pain.001 file, post when confirmed.

BC "Suggest Vendor Payments": the open vendor invoices due by a date (less the payment discount
still possible on the execution date), per vendor less its open credit memos. A vendor without
open credit memos gets one credit transfer per invoice, carrying the invoice's KID /
betalingskenmerk as a structured reference (Norwegian banks need the exact KID per invoice); a
vendor with open credit memos gets one transfer of the net amount with the document numbers as
text (the credit memos are applied to the invoices when the proposal is confirmed). Vendors
blocked for payment are left out; a vendor without a bank account or IBAN refuses the proposal
(PAY-VENDOR-NO-BANK-ACCOUNT: choose the vendors with ``vendors``), and nothing is written.

``confirm`` posts every transfer of a proposal in one transaction (all or nothing): the credit
memos applied to the invoices, then one vendor payment per transfer applied to its invoices.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.ledger.customer_entries import apply_entries
from domain.ledger.model import VendorLedgerEntry
from domain.ledger.writer import new_transaction
from domain.money import ZERO
from domain.payments import payment_file as pf
from domain.payments.model import PaymentProposal, PaymentProposalLine
from domain.payments.posting import PaymentResult, payment_in_session
from domain.problems import DomainError, NotFound, Problem, Rejected, RejectedError
from domain.setup.model.cards import Vendor
from domain.setup.queries import company


@dataclass(frozen=True)
class Debtor:
    """The company's account the payments leave from (the document setup's bank details)."""

    name: str
    org_no: str
    iban: str = ""
    bank_account_no: str = ""
    bic: str = ""


def _discount(entry: VendorLedgerEntry, execution_date: dt.date) -> Decimal:
    """The payment discount still possible on the execution date (as payments.rules.discounts
    takes it: an untouched entry paid within its discount date)."""
    if entry.pmt_discount_date and execution_date <= entry.pmt_discount_date and \
            entry.remaining_amount == entry.amount and entry.original_pmt_disc_possible:
        return abs(entry.original_pmt_disc_possible)
    return ZERO


def _lines(session: Session, due_by: dt.date, execution_date: dt.date, vendors: list[str] | None,
           problems: list[Problem], local_currency: str) -> list[PaymentProposalLine]:
    query = select(VendorLedgerEntry).where(VendorLedgerEntry.open.is_(True)).order_by(
        VendorLedgerEntry.vendor_no, VendorLedgerEntry.due_date, VendorLedgerEntry.entry_no)
    if vendors:
        query = query.where(VendorLedgerEntry.vendor_no.in_(vendors))
    by_vendor: dict[str, list[VendorLedgerEntry]] = {}
    for entry in session.scalars(query):
        by_vendor.setdefault(entry.vendor_no, []).append(entry)
    lines: list[PaymentProposalLine] = []
    for vendor_no, entries in by_vendor.items():
        vendor = session.get(Vendor, vendor_no)
        if vendor.blocked in ("payment", "all"):
            continue
        invoices = [e for e in entries if e.remaining_amount < 0 and e.due_date <= due_by
                    and e.document_type != "payment"]
        credits = [e for e in entries if e.remaining_amount > 0 and e.document_type == "credit_memo"]
        if not invoices:
            continue
        net = -sum((e.remaining_amount for e in invoices), ZERO) \
            - sum((e.remaining_amount for e in credits), ZERO)
        if net <= 0:
            continue  # the credit memos cover what is due
        if not (vendor.iban or vendor.bank_account_no):
            problems.append(Problem("PAY-VENDOR-NO-BANK-ACCOUNT", "vendor_no",
                                    {"vendor_no": vendor_no, "name": vendor.name}))
            continue
        common = dict(vendor_no=vendor_no, vendor_name=vendor.name, iban=vendor.iban or "",
                      bank_account_no=vendor.bank_account_no or "")
        if credits:
            documents = [e.document_no for e in invoices + credits]
            text = "; ".join(e.external_document_no or e.document_no for e in invoices + credits)
            lines.append(PaymentProposalLine(
                currency=invoices[0].currency_code or local_currency, amount=net, discount=ZERO, reference="",
                remittance=text[:250], applies_to=",".join(documents), **common))
            continue
        for e in invoices:
            discount = _discount(e, execution_date)
            lines.append(PaymentProposalLine(
                currency=e.currency_code or local_currency, amount=-e.remaining_amount - discount, discount=discount,
                reference=e.payment_reference or "",
                remittance=(e.external_document_no or e.document_no)[:250], applies_to=e.document_no, **common))
    for n, line in enumerate(lines, start=1):
        line.line_no = n
    return lines


def suggest(app: App, due_by: dt.date, execution_date: dt.date | None = None,
            vendors: list[str] | None = None) -> dict:
    """Make a proposal of the vendor payments due by ``due_by`` (needs payments.post); returns it."""

    def run(session: Session):
        comp = company(session)
        execution = execution_date or app.today(comp.time_zone)
        problems: list[Problem] = []
        for no in vendors or []:
            if session.get(Vendor, no) is None:
                problems.append(Problem("PAY-UNKNOWN-PARTY", "vendor_no", {"party": "vendor", "party_no": no}))
        lines = [] if problems else _lines(session, due_by, execution, vendors, problems, comp.currency)
        if problems:
            return Rejected(problems)
        if not lines:
            raise DomainError("PAY-NOTHING-DUE", f"no vendor payments due by {due_by}", due_by=due_by.isoformat())
        proposal = PaymentProposal(no="", due_by=due_by, execution_date=execution, status="proposed",
                                   message_id="", created_by=app.user, created_at=app.now())
        session.add(proposal)
        session.flush()
        proposal.no = f"PROP-{proposal.id:06d}"
        proposal.message_id = f"{proposal.no}-{app.now():%Y%m%d%H%M%S}"
        for line in lines:
            line.proposal_id = proposal.id
            session.add(line)
        session.flush()
        return _as_dict(proposal, lines)

    result = access.command(app, "payments.post", run)
    if isinstance(result, Rejected):
        raise RejectedError(result)
    return result


def _as_dict(proposal: PaymentProposal, lines) -> dict:
    return {"no": proposal.no, "status": proposal.status, "due_by": proposal.due_by,
            "execution_date": proposal.execution_date, "message_id": proposal.message_id,
            "total": sum((x.amount for x in lines), ZERO),
            "lines": [{"line_no": x.line_no, "vendor_no": x.vendor_no, "vendor_name": x.vendor_name,
                       "currency": x.currency, "amount": x.amount, "discount": x.discount,
                       "account": x.iban or x.bank_account_no, "reference": x.reference,
                       "remittance": x.remittance, "applies_to": x.applies_to,
                       "payment_document_no": x.payment_document_no} for x in lines]}


def _load(session: Session, no: str) -> tuple[PaymentProposal, list[PaymentProposalLine]]:
    proposal = session.scalar(select(PaymentProposal).where(PaymentProposal.no == no))
    if proposal is None:
        raise NotFound("PAY-PROPOSAL-NOT-FOUND", f"no payment proposal {no!r}", no=no)
    lines = list(session.scalars(select(PaymentProposalLine).where(PaymentProposalLine.proposal_id == proposal.id)
                                 .order_by(PaymentProposalLine.line_no)))
    return proposal, lines


def show(app: App, no: str) -> dict:
    with app.uow() as session:
        return _as_dict(*_load(session, no))


def payment_file(app: App, no: str, debtor: Debtor) -> bytes:
    """The pain.001.001.03 credit transfer file of proposal ``no`` from ``debtor``'s account."""
    if not (debtor.iban or debtor.bank_account_no):
        raise DomainError("PAY-NO-DEBTOR-ACCOUNT", "the company has no bank account or IBAN to pay from")
    with app.uow() as session:
        comp = company(session)
        proposal, lines = _load(session, no)
        vendors = {v.no: v for v in session.scalars(select(Vendor).where(
            Vendor.no.in_({x.vendor_no for x in lines})))}
        transfers = []
        for x in lines:
            domestic_bban = comp.country == "NO" and vendors[x.vendor_no].country == "NO" and x.bank_account_no
            account = pf.Account(bban=x.bank_account_no) if domestic_bban or not x.iban else pf.Account(iban=x.iban)
            transfers.append(pf.Transfer(
                end_to_end_id=f"{proposal.no}-{x.line_no}", amount=x.amount, currency=x.currency,
                creditor_name=x.vendor_name, creditor_country=vendors[x.vendor_no].country, creditor_account=account,
                structured_reference=x.reference, reference_issuer="CUR" if x.reference and comp.country == "NL" else "",
                remittance_text=x.remittance))
        debtor_account = pf.Account(iban=debtor.iban, bic=debtor.bic) if debtor.iban else \
            pf.Account(bban=debtor.bank_account_no, bic=debtor.bic)
        return pf.build(pf.PaymentFile(proposal.message_id, proposal.created_at or app.now(),
                                       proposal.execution_date, debtor.name, debtor.org_no, debtor_account,
                                       tuple(transfers)))


def confirm(app: App, no: str) -> dict:
    """Post every transfer of proposal ``no`` (needs payments.post), all or nothing."""

    def run(session: Session):
        proposal, lines = _load(session, no)
        if proposal.status != "proposed":
            raise DomainError("PAY-PROPOSAL-NOT-OPEN", f"{no} is {proposal.status}", no=no, status=proposal.status)
        problems: list[Problem] = []
        for x in lines:
            entries = _entries(session, x, problems)
            if entries is None:
                continue
            invoices = [e for e in entries if e.remaining_amount < 0]
            credits = [e for e in entries if e.remaining_amount > 0]
            _apply_credits(session, proposal, credits, invoices, app.user)
            result = payment_in_session(session, "vendor", x.vendor_no, x.amount,
                                        [e.document_no for e in invoices if e.open],
                                        proposal.execution_date, proposal.no, app.user)
            if isinstance(result, Rejected):
                problems.extend(result.problems)
                continue
            assert isinstance(result, PaymentResult)
            x.payment_document_no = result.document_no
        if problems:
            return Rejected(problems)
        proposal.status, proposal.confirmed_by, proposal.confirmed_at = "confirmed", app.user, app.now()
        session.flush()
        return _as_dict(proposal, lines)

    result = access.command(app, "payments.post", run)
    if isinstance(result, Rejected):
        raise RejectedError(result)
    return result


def _entries(session: Session, line: PaymentProposalLine, problems: list[Problem]):
    """The line's entries, still open for what the proposal counted (else PAY-PROPOSAL-STALE)."""
    entries = []
    for document_no in line.applies_to.split(","):
        entry = session.scalar(select(VendorLedgerEntry).where(VendorLedgerEntry.vendor_no == line.vendor_no,
                                                               VendorLedgerEntry.document_no == document_no))
        if entry is None or not entry.open:
            problems.append(Problem("PAY-PROPOSAL-STALE", "applies_to", {"document_no": document_no}))
            return None
        entries.append(entry)
    expected = -sum((e.remaining_amount for e in entries), ZERO) - line.discount
    if expected != line.amount:
        problems.append(Problem("PAY-PROPOSAL-STALE", "applies_to", {"document_no": line.applies_to}))
        return None
    return entries


def _apply_credits(session: Session, proposal: PaymentProposal, credits, invoices, user) -> None:
    """Apply each open credit memo to the invoices, oldest due first (BC "Apply Entries")."""
    if not credits:
        return
    transaction_no = new_transaction(session, "PAYMENTS", proposal.no, user)
    for credit in credits:
        for invoice in invoices:
            take = min(credit.remaining_amount, -invoice.remaining_amount)
            if take <= 0:
                continue
            apply_entries(session, "vendor", credit, invoice, take, proposal.execution_date, proposal.no,
                          transaction_no)
            apply_entries(session, "vendor", invoice, credit, -take, proposal.execution_date, proposal.no,
                          transaction_no)
            if credit.remaining_amount == 0:
                break
