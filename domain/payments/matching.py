"""``payments match`` and ``payments apply --statement-line``: proposals for unmatched statement lines.

The statement import (``bank_import``) applies a payment by its KID / betalingskenmerk, a document
no. in its text, or a unique exact amount; what it cannot place stays ``unmatched``. For those
lines this module lists application proposals scored as BC's Payment Reconciliation Journal scores
them (``match_rules``), and applies the one a person takes: the payment is posted and applied like
an imported one, and the statement line records it. Money in is matched against open customer
invoices, money out against open vendor invoices.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity import access
from domain.ledger.customer_entries import LEDGERS
from domain.money import ZERO
from domain.payments import match_rules as rules
from domain.payments.model import BankStatementLine
from domain.payments.posting import payment_in_session
from domain.payments.refund_rules import overpayment_warning
from domain.problems import Problem, Rejected
from domain.setup.model.cards import Customer, Vendor


def _candidates(session: Session, party: str) -> list[rules.Candidate]:
    cls, _, column, _, _ = LEDGERS[party]
    card = Customer if party == "customer" else Vendor
    rows = session.execute(select(cls, card.name).join(card, card.no == getattr(cls, column)).where(
        cls.open.is_(True), cls.document_type == "invoice").order_by(cls.entry_no)).all()
    return [rules.Candidate(e.entry_no, party, getattr(e, column), name, e.document_no, abs(e.remaining_amount))
            for e, name in rows]


def _line_proposals(line: BankStatementLine, candidates: dict) -> list[rules.Proposal]:
    party = "customer" if line.amount > ZERO else "vendor"
    return rules.propose(line.amount, line.counterparty_name, candidates[party])


def _row(line: BankStatementLine, p: rules.Proposal) -> dict:
    c = p.candidate
    return {"statement_line": line.id, "entry_reference": line.entry_reference, "booking_date": line.booking_date,
            "amount": line.amount, "counterparty": line.counterparty_name, "party_type": c.party,
            "party_no": c.party_no, "party_name": c.party_name, "document_no": c.document_no,
            "remaining_amount": c.remaining, "confidence": p.confidence, "score": p.score,
            "amount_matches": p.amount_matches, "name_matches": p.name_matches}


def proposals(app: App) -> list[dict]:
    """Every proposal for every unmatched statement line, per line best first."""
    with app.uow() as session:
        candidates = {party: _candidates(session, party) for party in LEDGERS}
        lines = session.scalars(select(BankStatementLine).where(BankStatementLine.status == "unmatched")
                                .order_by(BankStatementLine.id)).all()
        return [_row(line, p) for line in lines for p in _line_proposals(line, candidates)]


def apply_proposal(app: App, line_id: int, document_no: str | None = None) -> dict | Rejected:
    """Post the payment of unmatched statement line ``line_id`` applied to a proposed entry:
    ``document_no``, or the best proposal when one is better than the rest."""
    def run(session: Session):
        line = session.get(BankStatementLine, line_id)
        if line is None:
            return Rejected([Problem("PAY-STATEMENT-LINE-NOT-FOUND", "statement_line", {"line": line_id})])
        if line.status != "unmatched":
            return Rejected([Problem("PAY-STATEMENT-LINE-DONE", "statement_line",
                                     {"line": line_id, "status": line.status})])
        party = "customer" if line.amount > ZERO else "vendor"
        found = _line_proposals(line, {party: _candidates(session, party)})
        chosen = _choose(found, line_id, document_no)
        if isinstance(chosen, Rejected):
            return chosen
        c = chosen.candidate
        result = payment_in_session(session, party, c.party_no, abs(line.amount), [c.document_no],
                                    line.booking_date, line.entry_reference[:50], app.user)
        if isinstance(result, Rejected):
            return result
        line.party_type, line.party_no = party, c.party_no
        line.payment_document_no, line.applied_document_no = result.document_no, c.document_no
        line.residue = result.residue
        line.status = "applied" if result.residue == ZERO and c.document_no in result.closed else "partial"
        session.flush()
        return {**_row(line, chosen), "status": line.status, "payment_document_no": result.document_no,
                "applied": result.applied, "residue": result.residue,
                "warnings": overpayment_warning(party, c.party_no, result.residue, [c.document_no])}

    return access.command(app, "payments.post", run)


def _choose(found: list[rules.Proposal], line_id: int, document_no: str | None) -> rules.Proposal | Rejected:
    if document_no is not None:
        chosen = next((p for p in found if p.candidate.document_no == document_no), None)
        if chosen is None:
            return Rejected([Problem("PAY-NOT-PROPOSED", "document_no", {"line": line_id, "document_no": document_no})])
        return chosen
    if not found:
        return Rejected([Problem("PAY-NO-PROPOSAL", "statement_line", {"line": line_id})])
    if len(found) > 1 and found[1].score == found[0].score:
        return Rejected([Problem("PAY-AMBIGUOUS-PROPOSAL", "statement_line",
                                 {"line": line_id, "count": str(sum(p.score == found[0].score for p in found)),
                                  "confidence": found[0].confidence})])
    return found[0]

