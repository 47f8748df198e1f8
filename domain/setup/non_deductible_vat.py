"""Non-Deductible VAT % on a VAT posting setup (BC feature "Non-Deductible VAT"):
``ledgerflow setup vat BUS PROD --non-deductible-pct P``. Purchases with that setup add P % of
their VAT to the cost of the item or expense instead of posting it to the Purchase VAT Account
(domain.purchasing.rules.non_deductible). A setup change: needs setup.change, audited."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from domain.app import App
from domain.identity.access import audited_change
from domain.parse import RATE, Reader
from domain.problems import DomainError, Problem, Rejected, RejectedError
from domain.setup.model.company import VATPostingSetup

HUNDRED = Decimal(100)


def set_non_deductible_pct(app: App, bus: str, prod: str, pct: str) -> dict:
    r = Reader({"non_deductible_pct": pct})
    value = r.decimal("non_deductible_pct", required=True, places=RATE)
    if value is not None and not Decimal(0) <= value <= HUNDRED:
        r.problems.append(Problem("SETUP-NON-DEDUCTIBLE-PCT-OUT-OF-RANGE", "non_deductible_pct", {"pct": str(value)}))
    if r.problems:
        raise RejectedError(Rejected(r.problems))

    def setup(session) -> VATPostingSetup:
        row = session.scalars(select(VATPostingSetup).where(VATPostingSetup.vat_bus_posting_group == bus,
                                                            VATPostingSetup.vat_prod_posting_group == prod)).first()
        if row is None:
            raise DomainError("NOT-FOUND", f"no VAT posting setup {bus} {prod}", no=f"{bus} {prod}")
        return row

    def change(session) -> dict:
        row = setup(session)
        row.non_deductible_pct = value
        return {"vat_bus_posting_group": bus, "vat_prod_posting_group": prod, "vat_pct": row.vat_pct,
                "non_deductible_pct": row.non_deductible_pct}

    def snapshot(session) -> dict:
        return {"non_deductible_pct": setup(session).non_deductible_pct}

    return audited_change(app, "setup.change", "setup.vat", f"VAT posting setup {bus} {prod}", change, snapshot,
                          {"non_deductible_pct": pct})
