"""Company setup and posting setup: the tables Business Central posts through.

Posting never hard-codes an account: a G/L account comes from General Posting
Setup (gen. business x gen. product group), VAT Posting Setup (VAT business x
VAT product group), Vendor/Customer Posting Group or Inventory Posting Setup
(location x inventory posting group), exactly as BC's "Design Details:
Accounts in the General Ledger" describes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column

from domain.identity.model import User  # noqa: F401  (the user table belongs to identity; re-exported)
from domain.orm import Base, Code, Rate, Text


class Company(Base):
    __tablename__ = "company"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[Text]
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    time_zone: Mapped[str] = mapped_column(String(40))
    org_no: Mapped[str | None] = mapped_column(String(20))
    vat_id: Mapped[str | None] = mapped_column(String(20))
    #: the person the statutory audit files (SAF-T, XAF) name as the company's contact
    contact_name: Mapped[str | None] = mapped_column(String(100))
    allow_posting_from: Mapped[dt.date | None] = mapped_column(Date)
    allow_posting_to: Mapped[dt.date | None] = mapped_column(Date)
    #: the last day of the last closed VAT return period: VAT entries on or before it are refused
    vat_closed_through: Mapped[dt.date | None] = mapped_column(Date)
    #: BC Inventory Setup "Automatic Cost Posting": value entries post to G/L at once
    automatic_cost_posting: Mapped[bool] = mapped_column(Boolean, default=True)
    expected_cost_posting: Mapped[bool] = mapped_column(Boolean, default=False)
    prevent_negative_inventory: Mapped[bool] = mapped_column(Boolean, default=True)
    #: BC Company Information "Location Code": a sales line's location when neither the line
    #: nor its customer names one
    location_code: Mapped[Code] = mapped_column(default="", server_default="")
    #: allowed difference between the vendor's printed VAT and ours
    vat_tolerance: Mapped[Rate] = mapped_column(default=Decimal("0.05"))
    #: BC "Check Prepmt. when Posting" (Sales & Receivables / Purchases & Payables Setup): an order
    #: with an unpaid prepayment is not shipped (received) or invoiced
    sales_check_prepmt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    purch_check_prepmt: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    #: number series codes for documents
    purchase_invoice_nos: Mapped[Code] = mapped_column(default="PI")
    purchase_credit_memo_nos: Mapped[Code] = mapped_column(default="PCM")
    posted_purchase_invoice_nos: Mapped[Code] = mapped_column(default="PPI")
    posted_purchase_credit_memo_nos: Mapped[Code] = mapped_column(default="PPCM")
    item_journal_nos: Mapped[Code] = mapped_column(default="IJNL")


class GLAccount(Base):
    __tablename__ = "gl_account"
    no: Mapped[Code] = mapped_column(primary_key=True)
    name: Mapped[Text]
    account_type: Mapped[str] = mapped_column(String(10), default="posting")  # posting|heading
    income_balance: Mapped[str] = mapped_column(String(20))  # income_statement|balance_sheet
    direct_posting: Mapped[bool] = mapped_column(Boolean, default=True)
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    #: default posting groups when the account is used on a document line
    gen_prod_posting_group: Mapped[Code | None] = mapped_column(ForeignKey("gen_prod_posting_group.code"))
    vat_prod_posting_group: Mapped[Code | None] = mapped_column(ForeignKey("vat_prod_posting_group.code"))
    #: reporting code (NS 4102 for NO, RGS reference code for NL)
    reporting_code: Mapped[str | None] = mapped_column(String(40))
    #: SAF-T Financial v1.30 grouping (GroupingCategory + GroupingCode of the næringsspesifikasjon list)
    grouping_category: Mapped[str | None] = mapped_column(String(80))
    grouping_code: Mapped[str | None] = mapped_column(String(20))


class GenBusPostingGroup(Base):
    __tablename__ = "gen_bus_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    default_vat_bus_posting_group: Mapped[Code | None]


class GenProdPostingGroup(Base):
    __tablename__ = "gen_prod_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    default_vat_prod_posting_group: Mapped[Code | None]


class GeneralPostingSetup(Base):
    __tablename__ = "general_posting_setup"
    __table_args__ = (UniqueConstraint("gen_bus_posting_group", "gen_prod_posting_group"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gen_bus_posting_group: Mapped[Code]  # "" = blank business group
    gen_prod_posting_group: Mapped[Code] = mapped_column(ForeignKey("gen_prod_posting_group.code"))
    sales_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    purch_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    cogs_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    cogs_account_interim: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    inventory_adjmt_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    direct_cost_applied_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    overhead_applied_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    purchase_variance_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    invt_accrual_account_interim: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    #: BC Sales Prepayments Account / Purch. Prepmt. Account: prepayment invoices post here
    sales_prepayments_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    purch_prepayments_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))


class VATBusPostingGroup(Base):
    __tablename__ = "vat_bus_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")


class VATProdPostingGroup(Base):
    __tablename__ = "vat_prod_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")


class VATPostingSetup(Base):
    __tablename__ = "vat_posting_setup"
    __table_args__ = (UniqueConstraint("vat_bus_posting_group", "vat_prod_posting_group"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vat_bus_posting_group: Mapped[Code] = mapped_column(ForeignKey("vat_bus_posting_group.code"))
    vat_prod_posting_group: Mapped[Code] = mapped_column(ForeignKey("vat_prod_posting_group.code"))
    vat_pct: Mapped[Rate] = mapped_column()
    #: normal | reverse_charge (BC "VAT Calculation Type")
    calculation_type: Mapped[str] = mapped_column(String(20), default="normal")
    vat_identifier: Mapped[Code] = mapped_column(default="")
    sales_vat_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    purchase_vat_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    reverse_chrg_vat_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    #: SAF-T / MVA-melding code (NO) or BTW rubriek (NL)
    tax_code: Mapped[str | None] = mapped_column(String(10))
    #: BC "Non-Deductible VAT %" (feature Non-Deductible VAT): that part of purchase VAT is not
    #: posted to the VAT account but added to the cost of the item or expense
    non_deductible_pct: Mapped[Rate] = mapped_column(default=Decimal(0), server_default="0")
    #: SAF-T standard tax codes (Skatteetaten's Standard_Tax_Codes list) for sales and for purchases
    sales_standard_tax_code: Mapped[str | None] = mapped_column(String(2))
    purchase_standard_tax_code: Mapped[str | None] = mapped_column(String(2))


class VendorPostingGroup(Base):
    __tablename__ = "vendor_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    payables_account: Mapped[Code] = mapped_column(ForeignKey("gl_account.no"))
    #: an e-invoice's prepaid amount (BT-113) is deducted on this account (BC: Purch. Prepayments Account)
    prepayment_account: Mapped[Code | None]
    #: an e-invoice's payable rounding (BT-114) posts here (BC: Invoice Rounding Account)
    invoice_rounding_account: Mapped[Code | None]


class CustomerPostingGroup(Base):
    __tablename__ = "customer_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    receivables_account: Mapped[Code] = mapped_column(ForeignKey("gl_account.no"))


class InventoryPostingGroup(Base):
    __tablename__ = "inventory_posting_group"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")


class Location(Base):
    __tablename__ = "location"
    code: Mapped[Code] = mapped_column(primary_key=True)
    name: Mapped[Text] = mapped_column(default="")
    #: BC Use As In-Transit: only such a location may carry a transfer order's goods in transit
    use_as_in_transit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class InventoryPostingSetup(Base):
    """Inventory accounts per location ("" = blank location) and inventory posting group."""

    __tablename__ = "inventory_posting_setup"
    __table_args__ = (UniqueConstraint("location_code", "inventory_posting_group"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    location_code: Mapped[Code]
    inventory_posting_group: Mapped[Code] = mapped_column(ForeignKey("inventory_posting_group.code"))
    inventory_account: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))
    inventory_account_interim: Mapped[Code | None] = mapped_column(ForeignKey("gl_account.no"))


class PaymentTerms(Base):
    __tablename__ = "payment_terms"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    due_date_formula: Mapped[str] = mapped_column(String(30), default="0D")
    discount_date_formula: Mapped[str | None] = mapped_column(String(30))
    discount_pct: Mapped[Rate] = mapped_column(default=Decimal(0))


class SetupVersion(Base):
    """One row whose ``version`` triggers renumber on any change of the posting setup
    tables (``domain.db.SETUP_VERSION_TABLES``): the key of the services' setup cache."""

    __tablename__ = "setup_version"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)


class NumberSeries(Base):
    """A number series; ``last_no`` is the counter row locked while posting (gap-free)."""

    __tablename__ = "number_series"
    code: Mapped[Code] = mapped_column(primary_key=True)
    description: Mapped[Text] = mapped_column(default="")
    prefix: Mapped[str] = mapped_column(String(10))
    width: Mapped[int] = mapped_column(Integer, default=6)
    last_no: Mapped[int] = mapped_column(Integer, default=0)
    gap_free: Mapped[bool] = mapped_column(Boolean, default=True)
