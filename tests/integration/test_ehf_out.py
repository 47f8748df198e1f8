"""EHF / PEPPOL BIS Billing 3 out on SQLite and PostgreSQL: a posted sales invoice and its credit
memo from the Norwegian (EHF) and the Dutch (NLCIUS) demo company pass the official Schematron rules
with no error, and the project's own intake reads them back to the same amounts."""

from decimal import Decimal as D
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from domain.compliance import schematron
from domain.documents import ehf
from domain.documents import out as documents_out
from domain.messaging.model import OutboxAttachment
from domain.problems import RejectedError
from domain.sales import correction as sales_correction
from domain.sales import documents as sales_documents
from domain.sales import posting as sales_posting
from domain.sales.model import PostedSalesHeader, PostedSalesLine
from domain.setup.model.cards import Customer
from flows import documents
from flows.cli import app as cli
from ocr.pipeline import extract_bytes

PEPPOL = Path(__file__).resolve().parents[3] / "shared" / "standards" / "peppol-bis-3"
RULES = schematron.PEPPOL_BIS3_RULES  # the shipped copies (byte-identical to PEPPOL, tests/unit/test_schematron.py)
LINES = [{"type": "item", "no": "9000", "quantity": "3", "unit_price": "950.00"},
         {"type": "item", "no": "9000", "quantity": "2.5", "unit_price": "349.30", "line_discount_pct": "10",
          "description": "Rigging & <kabler>"}]
ADDRESS = {"NO": ("Storgata 1", "0155", "Oslo", "NO9386011117947"),
           "NL": ("Damrak 1", "1012 LG", "Amsterdam", "NL91ABNA0417164300")}


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def company_ready(app, country):
    address, post_code, city, iban = ADDRESS[country]
    documents_out.set_document_setup(app, address=address, post_code=post_code, city=city, iban=iban)


def invoice_and_credit_memo(app) -> tuple[str, str]:
    draft = sales_documents.create_document(app, {
        "document_type": "invoice", "customer_no": "C10000", "document_date": "2026-11-20",
        "posting_date": "2026-11-20", "external_document_no": "PO-4711", "lines": LINES})
    invoice_no = sales_posting.post(app, draft).invoice_no
    return invoice_no, sales_correction.cancel_invoice(app, invoice_no).invoice_no


def test_norwegian_ehf_invoice_and_credit_note_pass_the_rules_and_read_back(app, tmp_path):
    exported_passes_and_reads_back(app, "NO", tmp_path)


def test_dutch_nlcius_invoice_and_credit_note_pass_the_rules_and_read_back(app_nl, tmp_path):
    exported_passes_and_reads_back(app_nl, "NL", tmp_path)


def exported_passes_and_reads_back(application, country, tmp_path):
    company_ready(application, country)
    for no in invoice_and_credit_memo(application):
        out = ehf.export_ehf(application, no, tmp_path / f"{no}.xml")
        data = out.read_bytes()
        report = schematron.validate(data, RULES)
        assert report.errors == (), [(f.rule_id, f.text) for f in report.errors]
        with application.uow() as s:
            posted = s.get(PostedSalesHeader, no)
            expected = (posted.amount, posted.amount_including_vat - posted.amount, posted.amount_including_vat)
        proposal = extract_bytes(data, out.name)
        values = {k: f.value for k, f in proposal.fields.items()}
        assert (D(values["net_amount"]), D(values["vat_amount"]), D(values["gross_amount"])) == expected
        assert (values["invoice_no"], values["currency"]) == (no, "NOK" if country == "NO" else "EUR")
        assert proposal.document_type == ("credit_memo" if no.startswith("PSCM") else "invoice")
        assert proposal.problems == [] and len(proposal.lines) == 2
        with application.uow() as s:
            posted_lines = [r.amount for r in s.scalars(select(PostedSalesLine).where(
                PostedSalesLine.document_no == no).order_by(PostedSalesLine.line_no))]
        assert [line.amount for line in proposal.lines] == posted_lines and posted_lines[0] == D("2850.00")
        assert b"Rigging &amp; &lt;kabler&gt;" in data


def test_norwegian_invoice_names_org_nr_mva_foretaksregisteret_and_kid(app, tmp_path):
    company_ready(app, "NO")
    invoice_no, _ = invoice_and_credit_memo(app)
    data = ehf.ehf_bytes(app, invoice_no).decode()
    with app.uow() as s:
        reference = s.get(PostedSalesHeader, invoice_no).payment_reference
        customer = s.get(Customer, "C10000")
    assert f'<cbc:EndpointID schemeID="0192">{customer.org_no}</cbc:EndpointID>' in data
    assert "<cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>" in data
    assert f"<cbc:PaymentID>{reference}</cbc:PaymentID>" in data
    assert "<cbc:BuyerReference>PO-4711</cbc:BuyerReference>" in data


def test_a_customer_without_an_endpoint_is_refused_and_no_file_is_written(app_nl, tmp_path):
    company_ready(app_nl, "NL")
    invoice_no, _ = invoice_and_credit_memo(app_nl)
    with app_nl.uow() as s:
        s.get(Customer, "C10000").org_no = None
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(RejectedError) as refused:
        ehf.export_ehf(app_nl, invoice_no, folder / "invoice.xml")
    assert refused.value.rejected.codes == ["EHF-CUSTOMER-NO-ENDPOINT"]
    assert list(folder.iterdir()) == []


def test_a_company_without_address_and_account_gets_every_problem_at_once(app, tmp_path):
    invoice_no, _ = invoice_and_credit_memo(app)
    with pytest.raises(RejectedError) as refused:
        ehf.export_ehf(app, invoice_no, tmp_path / "x.xml")
    assert refused.value.rejected.codes == ["EHF-SELLER-NO-ADDRESS", "EHF-SELLER-NO-ACCOUNT"]


def test_cli_exports_and_sends_the_ehf_beside_the_pdf(app, db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    company_ready(app, "NO")
    invoice_no, _ = invoice_and_credit_memo(app)
    with app.uow() as s:
        s.get(Customer, "C10000").email = "post@kunde.example"
    runner = CliRunner()
    out = tmp_path / "ehf.xml"
    exported = runner.invoke(cli, ["--db", db_url, "sales", "export-ehf", invoice_no, "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert out.read_bytes() == ehf.ehf_bytes(app, invoice_no)
    missing = runner.invoke(cli, ["--db", db_url, "sales", "export-ehf", "PSI-999999", "--out", str(out)])
    assert missing.exit_code == 2 and "EHF-DOCUMENT-NOT-FOUND" in missing.output
    bad = runner.invoke(cli, ["--db", db_url, "sales", "send", invoice_no, "--format", "fax"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output
    sent = runner.invoke(cli, ["--db", db_url, "sales", "send", invoice_no, "--format", "both", "--queue-only"])
    assert sent.exit_code == 0, sent.output
    with app.uow() as s:
        names = sorted(a.filename for a in s.scalars(select(OutboxAttachment)))
    assert names == [f"{invoice_no}.pdf", f"{invoice_no}.xml"]


def test_send_format_ehf_attaches_only_the_xml(app):
    company_ready(app, "NO")
    invoice_no, _ = invoice_and_credit_memo(app)
    with app.uow() as s:
        s.get(Customer, "C10000").email = "post@kunde.example"
    documents.send(app, invoice_no, fmt="ehf")
    expected = ehf.ehf_bytes(app, invoice_no)
    with app.uow() as s:
        (attachment,) = s.scalars(select(OutboxAttachment)).all()
        assert (attachment.filename, attachment.content_type) == (f"{invoice_no}.xml", "application/xml")
        assert attachment.content == expected
