"""A hybrid PDF (page + embedded e-invoice XML) through the real sweep, on SQLite and PostgreSQL: a
page that shows another amount than the XML keeps the document in review until a person confirms
the value; a page that agrees becomes a draft; a date that differs is a warning. The values quoted
in the problem are the vendor's text and show as text wherever the problem is shown."""

from __future__ import annotations

import dataclasses
import json
from datetime import timedelta

from typer.testing import CliRunner

from domain.intake import documents as intake
from domain.problems import Problem
from domain.purchasing.model import PurchaseHeader
from flows import inbox
from flows.cli import app as cli
from flows.inbox_flow import document_markdown
from tests.fixtures.hybrid_samples import cii_xml, with_attachment
from tests.support.intake import config, count, no_sleep, vendor_invoice
from web.views import Formats, environment

MISMATCH = "PDF-PAGE-XML-MISMATCH"


def swept(app, tmp_path, data: bytes):
    cfg = config(tmp_path)
    (cfg.inbox / "faktura.pdf").write_bytes(data)
    [result] = inbox.sweep(app, cfg, sleep=no_sleep).results
    return result, intake.show_document(app, result.entry_no)


def mismatches(shown) -> dict[str, str]:
    return {p["field"]: p["severity"] for p in shown["problems"] if p["code"] == MISMATCH}


def test_a_page_showing_other_totals_than_the_xml_waits_in_review_until_a_person_confirms(app, tmp_path):
    page_pdf, page = vendor_invoice(app)
    first = page.lines[0]
    xml = dataclasses.replace(page, lines=[dataclasses.replace(first, unit_price=first.unit_price + 100),
                                           *page.lines[1:]])
    result, shown = swept(app, tmp_path, with_attachment(page_pdf, cii_xml(xml)))
    assert shown["source"] == "cii-embedded"
    assert (result.status, result.document) == ("review", None)
    assert mismatches(shown) == {"gross_amount": "error", "net_amount": "error", "vat_amount": "error"}
    assert count(app, PurchaseHeader) == 0
    # the person checked with the vendor: the XML's amounts are right; confirming them clears the problems
    fixed = intake.correct(app, result.entry_no, {"gross_amount": str(xml.gross), "net_amount": str(xml.net),
                                                  "vat_amount": str(xml.vat)})
    assert fixed["status"] == "created" and mismatches(fixed) == {}, fixed["problems"]


def test_a_hybrid_whose_page_agrees_becomes_a_draft(app, tmp_path):
    page_pdf, page = vendor_invoice(app)
    result, shown = swept(app, tmp_path, with_attachment(page_pdf, cii_xml(page)))
    assert shown["source"] == "cii-embedded" and mismatches(shown) == {}
    assert result.status == "created", shown["problems"]


def test_a_page_with_another_due_date_is_a_warning_and_the_xml_date_posts(app, tmp_path):
    page_pdf, page = vendor_invoice(app)
    xml = dataclasses.replace(page, due_date=page.due_date + timedelta(days=20))
    result, shown = swept(app, tmp_path, with_attachment(page_pdf, cii_xml(xml)))
    assert mismatches(shown) == {"due_date": "warning"}
    assert result.status == "created", shown["problems"]
    assert {f["name"]: f["value"] for f in shown["fields"]}["due_date"] == xml.due_date.isoformat()


HOSTILE = "<img src=x onerror=alert(1)>[link=http://e.x]A[/link]"


def test_markup_in_a_quoted_value_shows_as_text_in_the_artifact_the_cli_and_the_web_page(
        app, db_url, tmp_path, monkeypatch):
    page_pdf, page = vendor_invoice(app)
    result, shown = swept(app, tmp_path, with_attachment(page_pdf, cii_xml(dataclasses.replace(
        page, invoice_no=HOSTILE))))
    [problem] = [p for p in shown["problems"] if p["code"] == MISMATCH]
    assert (problem["field"], problem["params"]["xml_value"]) == ("invoice_no", HOSTILE)
    assert result.status == "review"

    markdown = document_markdown(app, result)  # the Prefect artifact of the sweep
    assert "<img" not in markdown and "](http" not in markdown and "&lt;img src=x" in markdown

    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.setenv("LEDGERFLOW_DATABASE_URL", db_url)
    monkeypatch.setenv("LEDGERFLOW_USER", "kari")
    monkeypatch.setenv("COLUMNS", "400")
    out = CliRunner().invoke(cli, ["documents", "show", str(result.entry_no)])
    assert out.exit_code == 0, out.output
    assert "[link=http://e.x]A[/link]" in " ".join(out.stdout.split())  # never read as rich markup
    as_json = json.loads(CliRunner().invoke(cli, ["documents", "show", str(result.entry_no), "--json"]).stdout)
    assert HOSTILE in [p for p in as_json["problems"] if p["code"] == MISMATCH][0]["message"]

    # the web page renders problems with the same autoescaped environment as its document page
    html = environment().from_string("{{ f.problem(p) }}").render(
        f=Formats("en"), p=Problem(MISMATCH, problem["field"], problem["params"]))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
