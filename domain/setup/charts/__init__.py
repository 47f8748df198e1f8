"""Country starting data: chart of accounts, VAT and posting setup (plain data)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class CountryChart:
    country: str
    currency: str
    time_zone: str
    language: str
    #: (no, name, income_balance, gen_prod, vat_prod, reporting code)
    accounts: list[tuple]
    #: (code, description, default vat bus group)
    gen_bus: list[tuple]
    #: (code, description, default vat prod group)
    gen_prod: list[tuple]
    vat_bus: list[tuple]
    vat_prod: list[tuple]
    #: (bus, prod, pct, calc type, purchase acc, sales acc, reverse acc, tax code)
    vat_setup: list[tuple]
    #: gen prod -> dict of account fields (same for every business group)
    general_setup: dict[str, dict]
    #: business group -> overrides (e.g. export sales account)
    general_bus_overrides: dict[str, dict]
    inventory_account: str
    inventory_account_interim: str
    payables_account: str
    receivables_account: str
    #: (code, description, due formula, discount formula, discount pct)
    payment_terms: list[tuple]
    labels: dict[str, str] = field(default_factory=dict)
    #: where an e-invoice's prepaid amount (EN 16931 BT-113) and its payable rounding (BT-114)
    #: post: on the vendor posting groups (BC: Purch. Prepayments Account, Invoice Rounding Account)
    prepayment_account: str | None = None
    invoice_rounding_account: str | None = None
    #: BC Sales Prepayments Account of the general posting setup (a liability: customers' prepayments);
    #: the Purch. Prepayments Account is ``prepayment_account``
    sales_prepayment_account: str | None = None
    #: BC Currency "Realized Gains Acc." / "Realized Losses Acc.": a payment in local currency
    #: applied to a foreign-currency entry posts the exchange difference here
    realized_gains_account: str = ""
    realized_losses_account: str = ""

    @property
    def no_direct_posting(self) -> frozenset[str]:
        """Accounts only their subledgers or the posting engine post to (BC "Direct Posting"
        off): payables, receivables, inventory and its interim account, the interim accrual
        and COGS accounts, and every VAT account. A G/L line on one of them would leave the
        account no longer equal to its subledger (vendors, customers, inventory, VAT)."""
        vat = {acc for row in self.vat_setup for acc in row[4:7] if acc}
        interim = {acc for accounts in self.general_setup.values()
                   for key, acc in accounts.items() if key.endswith("_interim") and acc}
        return frozenset({self.payables_account, self.receivables_account, self.inventory_account,
                          self.inventory_account_interim, *vat, *interim})


PCT = Decimal

NUMBER_SERIES = [
    ("PI", "Purchase invoice drafts", "PI-"),
    ("PCM", "Purchase credit memo drafts", "PCM-"),
    ("PPI", "Posted purchase invoices", "PPI-"),
    ("PPCM", "Posted purchase credit memos", "PPCM-"),
    ("IJNL", "Item journal documents", "IJ-"),
    ("SQ", "Sales quotes", "SQ-"),
    ("SO", "Sales orders", "SO-"),
    ("SI", "Sales invoice drafts", "SI-"),
    ("SCM", "Sales credit memo drafts", "SCM-"),
    ("PSS", "Posted sales shipments", "PSS-"),
    ("PSI", "Posted sales invoices", "PSI-"),
    ("PSCM", "Posted sales credit memos", "PSCM-"),
    ("PO", "Purchase orders", "PO-"),
    ("PRCPT", "Posted purchase receipts", "PRCPT-"),
    ("PAY", "Payment journal documents", "PAY-"),
    ("PRO", "Purchase return orders", "PRO-"),
    ("PRSHP", "Posted return shipments", "PRSHP-"),
    ("SRO", "Sales return orders", "SRO-"),
    ("SRRCP", "Posted return receipts", "SRRCP-"),
    ("CT", "Contacts", "CT-"),
    ("PQ", "Purchase quotes", "PQ-"),
]
