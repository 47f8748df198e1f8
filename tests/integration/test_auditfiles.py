"""The statutory audit files (issue 18 items 1-2): SAF-T Financial v1.30 (NO) and XAF 3.2 (NL) of
the demo company after a realistic month, validated against the official XSDs in
../shared/standards, with balances that agree with the trial balance; and what bad input gets.
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal as D
from pathlib import Path

import pytest
from lxml import etree
from sqlalchemy import select
from typer.testing import CliRunner

from domain.compliance import auditfile, saft, xaf
from domain.costing import adjustment
from domain.identity import access
from domain.ledger import reports
from domain.payments import posting as payments
from domain.problems import DomainError, Rejected
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.setup import saft_setup
from domain.setup.model.company import GLAccount, VATPostingSetup
from flows.cli import app as cli
from tests.support.documents import credit_memo, gl_line, invoice, item_line

REPO = Path(__file__).resolve().parents[2]
STANDARDS = REPO / ".." / "shared" / "standards"
SAFT_XSD = STANDARDS / "saft-no" / "Norwegian_SAF-T_Financial_Schema_v_1.30.xsd"
XAF_XSD = STANDARDS / "xaf-nl" / "XmlAuditfileFinancieel3.2.xsd"
NOVEMBER = (dt.date(2026, 11, 1), dt.date(2026, 11, 30))
S = {"s": saft.NS}
X = {"x": xaf.NS}


@pytest.fixture(scope="module")
def saft_schema():
    return etree.XMLSchema(etree.parse(str(SAFT_XSD)))


@pytest.fixture(scope="module")
def xaf_schema():
    return etree.XMLSchema(etree.parse(str(XAF_XSD)))


def valid(schema, path: Path):
    doc = etree.parse(str(path))
    assert schema.validate(doc), "\n".join(str(e) for e in schema.error_log)
    return doc


def realistic_month(app, expense: str) -> dict:
    """Purchases (items and a cost line, a credit memo), sales, a customer and a vendor payment,
    and a back-dated purchase that makes the cost adjustment change the cost of a sale."""
    def purchase(data):
        return purchase_posting.post_document(app, purchase_documents.create_document(app, data)).posted_no

    first = purchase(invoice("V10000", lines=[item_line("1200", "10", "1150.00"), gl_line(expense, "800.00")],
                             posting_date="2026-11-02", document_date="2026-11-02"))
    purchase(credit_memo("V10000", lines=[gl_line(expense, "100.00")], posting_date="2026-11-04",
                         document_date="2026-11-04"))
    sale = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "posting_date": "2026-11-10", "lines": [
            {"type": "item", "no": "1200", "quantity": "4", "unit_price": "1590", "location": "MAIN"},
            {"type": "item", "no": "9000", "quantity": "2", "unit_price": "950"}]})
    sold = sales_posting.post(app, sale).invoice_no
    purchase(invoice("V10000", lines=[item_line("1200", "10", "1300.00")], posting_date="2026-11-05",
                     document_date="2026-11-05"))
    adjustment.adjust(app, all_items=True)
    payments.post_payment(app, "customer", "C10000", D("1000.00"), [sold], dt.date(2026, 11, 20))
    payments.post_payment(app, "vendor", "V10000", D("2000.00"), [first], dt.date(2026, 11, 20))
    return {"sale": sold, "purchase": first}


def company_org_no(app) -> str:
    """The demo company's org.nr / KvK (init's demo data gives it one)."""
    from domain.setup.model.company import Company
    with app.uow() as session:
        return session.get(Company, 1).org_no


def trial(app) -> dict[str, D]:
    return {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}


def amount(el, debit: str, credit: str, ns) -> D:
    d, c = el.find(debit, ns), el.find(credit, ns)
    return D(d.text) if d is not None else -D(c.text)


def test_saft_of_the_norwegian_demo_month_is_valid_and_closes_on_the_trial_balance(app, tmp_path, saft_schema):
    realistic_month(app, "6800")
    out = tmp_path / "saft.xml"
    result = saft.export(app, *NOVEMBER, out)
    assert isinstance(result, saft.Export) and result.total_debit == result.total_credit
    doc = valid(saft_schema, out)
    header = doc.find("s:Header", S)
    assert header.findtext("s:Company/s:RegistrationNumber", namespaces=S) == company_org_no(app)
    assert header.findtext("s:SoftwareID", namespaces=S) == "ledgerflow"
    accounts = {a.findtext("s:AccountID", namespaces=S): a
                for a in doc.iterfind("s:MasterFiles/s:GeneralLedgerAccounts/s:Account", S)}
    balances = trial(app)
    assert balances  # the month posted something on many accounts
    for no, account in accounts.items():
        opening = amount(account, "s:OpeningDebitBalance", "s:OpeningCreditBalance", S)
        closing = amount(account, "s:ClosingDebitBalance", "s:ClosingCreditBalance", S)
        assert opening == 0
        assert closing == balances.get(no, D(0)), no
        assert account.findtext("s:GroupingCategory", namespaces=S) and account.findtext("s:GroupingCode", namespaces=S)
    # opening + every line of the period = closing, account by account
    moved: dict[str, D] = {}
    lines = list(doc.iterfind(".//s:Transaction/s:Line", S))
    for line in lines:
        no = line.findtext("s:AccountID", namespaces=S)
        moved[no] = moved.get(no, D(0)) + (D(line.findtext("s:DebitAmount/s:Amount", "0", S))
                                           - D(line.findtext("s:CreditAmount/s:Amount", "0", S)))
    assert {k: v for k, v in moved.items() if v} == {k: v for k, v in balances.items() if v}
    entries = doc.find("s:GeneralLedgerEntries", S)
    assert int(entries.findtext("s:NumberOfEntries", namespaces=S)) == len(doc.findall(".//s:Transaction", S))
    assert D(entries.findtext("s:TotalDebit", namespaces=S)) == D(entries.findtext("s:TotalCredit", namespaces=S))
    assert len(lines) == result.lines
    # customers and suppliers: on the receivables/payables lines, with balances matching their ledgers
    assert {line.findtext("s:CustomerID", namespaces=S) for line in lines} >= {"C10000"}
    assert {line.findtext("s:SupplierID", namespaces=S) for line in lines} >= {"V10000"}
    customer = doc.find("s:MasterFiles/s:Customers/s:Customer[s:CustomerID='C10000']", S)
    receivable = amount(customer.find("s:BalanceAccount", S), "s:ClosingDebitBalance", "s:ClosingCreditBalance", S)
    assert receivable == balances["1500"]
    supplier = doc.find("s:MasterFiles/s:Suppliers/s:Supplier[s:SupplierID='V10000']", S)
    assert amount(supplier.find("s:BalanceAccount", S), "s:ClosingDebitBalance", "s:ClosingCreditBalance",
                  S) == balances["2400"]
    # tax information on the VAT lines, with codes of the tax table and their standard codes
    table = {d.findtext("s:TaxCode", namespaces=S): d.findtext("s:StandardTaxCode", namespaces=S)
             for d in doc.iterfind(".//s:TaxCodeDetails", S)}
    used = {line.findtext("s:AccountID", namespaces=S): table[line.findtext("s:TaxInformation/s:TaxCode", namespaces=S)]
            for line in lines if line.find("s:TaxInformation", S) is not None}
    assert used == {"2710": "1", "2700": "3"}  # input VAT 25 % (code 1), output VAT 25 % (code 3)
    vat_total = sum(amount(i, "s:DebitTaxAmount/s:Amount", "s:CreditTaxAmount/s:Amount", S)
                    for i in doc.iterfind(".//s:TaxInformation", S))
    assert vat_total == balances["2710"] + balances["2700"]


def test_xaf_of_the_dutch_demo_month_is_valid_and_closes_on_the_trial_balance(app_nl, tmp_path, xaf_schema):
    realistic_month(app_nl, "4300")
    out = tmp_path / "audit.xaf"
    result = xaf.export(app_nl, *NOVEMBER, out)
    assert isinstance(result, xaf.Export)
    doc = valid(xaf_schema, out)
    company = doc.find("x:company", X)
    assert company.findtext("x:taxRegIdent", namespaces=X).startswith("NL")
    assert company.findtext("x:companyIdent", namespaces=X) == company_org_no(app_nl)
    balances = trial(app_nl)
    moved: dict[str, D] = {}
    for line in doc.iterfind(".//x:trLine", X):
        sign = 1 if line.findtext("x:amntTp", namespaces=X) == "D" else -1
        no = line.findtext("x:accID", namespaces=X)
        moved[no] = moved.get(no, D(0)) + sign * D(line.findtext("x:amnt", namespaces=X))
    assert {k: v for k, v in moved.items() if v} == {k: v for k, v in balances.items() if v}
    transactions = doc.find("x:company/x:transactions", X)
    assert int(transactions.findtext("x:linesCount", namespaces=X)) == result.lines == len(doc.findall(".//x:trLine", X))
    assert D(transactions.findtext("x:totalDebit", namespaces=X)) == D(transactions.findtext("x:totalCredit", namespaces=X))
    assert doc.findtext("x:company/x:openingBalance/x:linesCount", namespaces=X) == "0"
    cust = {line.findtext("x:custSupID", namespaces=X) for line in doc.iterfind(".//x:trLine", X)}
    assert {"C10000", "V10000"} <= cust
    vat = sum((1 if v.findtext("x:vatAmntTp", namespaces=X) == "D" else -1) * D(v.findtext("x:vatAmnt", namespaces=X))
              for v in doc.iterfind(".//x:trLine/x:vat", X))
    assert vat == balances["1510"] + balances["1500"]
    # the next month: no entries, an empty but valid file that opens on the trial balance
    december = tmp_path / "december.xaf"
    assert xaf.export(app_nl, dt.date(2026, 12, 1), dt.date(2026, 12, 31), december).lines == 0
    doc = valid(xaf_schema, december)
    opening = {ob.findtext("x:accID", namespaces=X): (1 if ob.findtext("x:amntTp", namespaces=X) == "D" else -1)
               * D(ob.findtext("x:amnt", namespaces=X)) for ob in doc.iterfind(".//x:obLine", X)}
    assert opening == {k: v for k, v in balances.items() if v}
    assert doc.find(".//x:journal", X) is None


def test_a_period_after_the_month_opens_on_the_trial_balance_and_is_an_empty_valid_saft(app, tmp_path, saft_schema):
    realistic_month(app, "6800")
    out = tmp_path / "december.xml"
    assert saft.export(app, dt.date(2026, 12, 1), dt.date(2026, 12, 31), out).transactions == 0
    doc = valid(saft_schema, out)
    balances = trial(app)
    for account in doc.iterfind(".//s:GeneralLedgerAccounts/s:Account", S):
        no = account.findtext("s:AccountID", namespaces=S)
        opening = amount(account, "s:OpeningDebitBalance", "s:OpeningCreditBalance", S)
        assert opening == amount(account, "s:ClosingDebitBalance", "s:ClosingCreditBalance", S) == balances.get(no, 0)
    assert doc.findtext(".//s:NumberOfEntries", namespaces=S) == "0" and doc.find(".//s:Journal", S) is None


def test_missing_grouping_and_standard_tax_codes_are_named_and_no_file_is_written(app, tmp_path):
    with app.uow() as s:
        s.get(GLAccount, "6800").grouping_code = None
        s.get(GLAccount, "1920").grouping_code = None
        setup = s.scalars(select(VATPostingSetup).where(VATPostingSetup.vat_bus_posting_group == "FOREIGN",
                                                        VATPostingSetup.vat_prod_posting_group == "HIGH")).one()
        setup.sales_standard_tax_code = None
    folder = tmp_path / "out"  # the SQLite database lives in tmp_path itself
    folder.mkdir()
    out = folder / "saft.xml"
    out.write_text("the previous file")
    refused = saft.export(app, *NOVEMBER, out)
    assert isinstance(refused, Rejected)
    assert refused.codes == ["AUDITFILE-GROUPING-CODE-MISSING", "AUDITFILE-STANDARD-TAX-CODE-MISSING"]
    assert refused.problems[0].params["accounts"] == "1920, 6800"
    assert refused.problems[1].params["setups"] == "FOREIGN HIGH"
    assert "1920, 6800" in refused.problems[0].message("nb")
    assert out.read_text() == "the previous file" and list(folder.iterdir()) == [out]
    reversed_period = saft.export(app, dt.date(2026, 12, 1), dt.date(2026, 11, 1), folder / "x.xml")
    assert "AUDITFILE-PERIOD-REVERSED" in reversed_period.codes and list(folder.iterdir()) == [out]


def test_a_failure_while_writing_leaves_neither_a_file_nor_a_temporary_one(app, tmp_path, monkeypatch):
    realistic_month(app, "6800")

    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(saft._TransactionWriter, "transaction", broken)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(RuntimeError):
        saft.export(app, *NOVEMBER, folder / "saft.xml")
    assert list(folder.iterdir()) == []


def test_grouping_and_standard_tax_codes_are_set_checked_and_audited(app):
    assert saft_setup.set_grouping(app, "6800", "6500")["grouping_category"] == "annenDriftskostnad"
    with pytest.raises(DomainError) as unknown:
        saft_setup.set_grouping(app, "6800", "6500", "salgsinntekt")
    assert unknown.value.code == "SETUP-GROUPING-CODE-UNKNOWN"
    with pytest.raises(DomainError) as unknown_tax:
        saft_setup.set_standard_tax_codes(app, "DOMESTIC", "HIGH", "99", None)
    assert unknown_tax.value.code == "SETUP-STANDARD-TAX-CODE-UNKNOWN"
    assert saft_setup.set_standard_tax_codes(app, "DOMESTIC", "HIGH", None, "14")["purchase_standard_tax_code"] == "14"
    with pytest.raises(DomainError) as org:
        saft_setup.set_company(app, org_no="123456789")
    assert org.value.code == "ID-INVALID-ORGNR"
    with app.uow() as s:
        assert (s.get(GLAccount, "6800").grouping_code, s.get(GLAccount, "6800").grouping_category) == (
            "6500", "annenDriftskostnad")
    actions = [e["action"] for e in access.list_audit(app)]
    assert {"setup.gl-account", "setup.vat"} <= set(actions)


def test_the_cli_exports_and_refuses_with_codes(db_url, tmp_path, saft_schema, xaf_schema):
    runner = CliRunner()

    def run(*args):
        return runner.invoke(cli, ["--db", db_url, *args])

    assert run("init", "--country", "NO").exit_code == 0  # no demo: no org.nr, no contact
    out = tmp_path / "saft.xml"
    refused = run("export", "saft", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out))
    assert refused.exit_code == 2 and "AUDITFILE-COMPANY-INCOMPLETE" in refused.output and not out.exists()
    assert run("setup", "company", "--org-no", "920000002", "--contact-name", "Kari Nordmann").exit_code == 0
    done = run("export", "saft", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(out), "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.output)["transactions"] == 0
    valid(saft_schema, out)
    bad_date = run("export", "xaf", "--from", "2026-11-31", "--to", "2026-11-30", "--out", str(out))
    assert bad_date.exit_code == 2
    xaf_refused = run("export", "xaf", "--from", "2026-11-01", "--to", "2026-11-30", "--out", str(tmp_path / "a.xaf"))
    assert xaf_refused.exit_code == 2 and "AUDITFILE-COMPANY-INCOMPLETE" in xaf_refused.output  # no VAT id


def test_the_shipped_code_lists_are_skatteetatens_unchanged():
    from domain.setup.charts import saft_codes

    assert saft_codes.GROUPING_FILE.read_bytes() == (STANDARDS / "saft-no" / "naeringsspesifikasjon.csv").read_bytes()
    assert saft_codes.TAX_CODE_FILE.read_bytes() == (STANDARDS / "saft-no" / "Standard_Tax_Codes.csv").read_bytes()


def test_vendor_text_that_xml_cannot_hold_is_escaped_or_dropped_and_the_files_stay_valid(
        app, tmp_path, saft_schema):
    # imports refuse control characters and text longer than its column (issue 12), so the card
    # that holds one comes from elsewhere (an older version, a direct edit): the file still drops it
    from domain.setup.model.cards import Vendor
    with app.uow() as s:
        s.get(Vendor, "V10000").name = "Nordvik \u0007 Trelast AS"
    hostile = 'Frakt <b>&amp; "tilbud"</b> æøå ' + "x" * 200
    no = purchase_documents.create_document(app, invoice("V10000", lines=[gl_line("6800", "100.00",
                                                                                   description=hostile)]))
    purchase_posting.post_document(app, no)
    out = tmp_path / "saft.xml"
    saft.export(app, *NOVEMBER, out)
    doc = valid(saft_schema, out)
    texts = [d.text for d in doc.iterfind(".//s:Line/s:Description", S) if d.text.startswith("Frakt")]
    assert texts and texts[0].startswith('Frakt <b>&amp; "tilbud"</b> æøå x') and len(texts[0]) <= 256
    assert "\u0007" not in out.read_text(encoding="utf-8")


def test_init_fills_in_missing_codes_again_but_keeps_the_ones_a_user_set(app):
    from domain.setup.initialize import initialize

    saft_setup.set_grouping(app, "6800", "6500")
    with app.uow() as s:
        s.get(GLAccount, "1920").grouping_code = None  # as after upgrading an older database
        s.get(GLAccount, "1920").grouping_category = None
    initialize(app, "NO", demo=True)
    with app.uow() as s:
        assert s.get(GLAccount, "6800").grouping_code == "6500"
        assert (s.get(GLAccount, "1920").grouping_category, s.get(GLAccount, "1920").grouping_code) == (
            "balanseverdiForOmloepsmiddel", "1920")


def test_an_output_path_that_is_a_folder_or_cannot_be_written_is_refused_with_a_code(app, tmp_path, monkeypatch):
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(DomainError) as is_folder:
        saft.export(app, *NOVEMBER, folder)
    assert is_folder.value.code == "AUDITFILE-OUT-IS-FOLDER"

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(auditfile.os, "replace", disk_full)
    with pytest.raises(DomainError) as cannot:
        saft.export(app, *NOVEMBER, folder / "saft.xml")
    assert cannot.value.code == "AUDITFILE-WRITE-FAILED" and cannot.value.params["reason"] == "No space left on device"
    assert list(folder.iterdir()) == []
