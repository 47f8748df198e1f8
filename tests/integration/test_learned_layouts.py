"""Learned vendor layouts through the real sweep, on SQLite and PostgreSQL: a person corrects
the first invoice of a vendor whose labels the generic reader does not know, and the next
invoice with the same layout is read right without help (issue 14)."""

from __future__ import annotations

from fpdf import FPDF

from domain.intake import documents as intake
from domain.intake import layouts
from domain.setup.model.cards import Vendor
from flows import inbox
from flows.learning import learn_from_corrections
from tests.support.intake import config, no_sleep


def text_pdf(text: str) -> bytes:
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_font("Courier", size=9)
    for line in text.splitlines():
        pdf.cell(0, 5, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def invoice_text(org_no: str, account: str, no: str, issued: str, due: str, net: str, vat: str, gross: str) -> str:
    return f"""\
Nordvik Trelast AS                           Org.nr {org_no} MVA
Dokument   {no}                              Utstedt     {issued}
Kunde 4411                                   Betal innen {due}
Kontonr {account}

Beskrivelse                      Antall        Pris          Beløp
Konstruksjonsvirke 48x98              1   {net}       {net}

Sum eks. mva                                               {net}
Mva 25 %                                                   {vat}
Å betale NOK                                               {gross}
"""


def sweep(app, cfg):
    return inbox.sweep(app, cfg, sleep=no_sleep)


def fields(app, entry_no) -> dict:
    return {f["name"]: (f["value"], f["source"]) for f in intake.show_document(app, entry_no)["fields"]}


def test_one_correction_teaches_the_vendors_layout_and_the_next_invoice_is_read_by_it(app, tmp_path):
    with app.uow() as session:
        vendor = session.get(Vendor, "V10000")
        org_no, account = vendor.org_no, vendor.bank_account_no
    cfg = config(tmp_path)
    (cfg.inbox / "first.pdf").write_bytes(text_pdf(invoice_text(
        org_no, account, "A-77812", "03.11.2026", "17.11.2026", "8 000,00", "2 000,00", "10 000,00")))
    [first] = sweep(app, cfg).results
    before = fields(app, first.entry_no)
    assert before.get("invoice_no", (None,))[0] != "A-77812" or before.get("invoice_date", (None,))[0] != "2026-11-03"
    intake.correct(app, first.entry_no, {"invoice_no": "A-77812", "invoice_date": "2026-11-03",
                                         "due_date": "2026-11-17"})
    learned = learn_from_corrections(app, first.entry_no)
    assert {a["field"]: a["label"] for a in learned} == {
        "invoice_no": "dokument", "invoice_date": "utstedt", "due_date": "betal innen"}
    assert {row["field"] for row in layouts.list_layouts(app, "V10000")} == {"invoice_no", "invoice_date", "due_date"}

    (cfg.inbox / "next.pdf").write_bytes(text_pdf(invoice_text(
        org_no, account, "A-78040", "24.11.2026", "08.12.2026", "1 200,00", "300,00", "1 500,00")))
    [nxt] = sweep(app, cfg).results
    read = fields(app, nxt.entry_no)
    assert read["invoice_no"] == ("A-78040", "layout")
    assert read["invoice_date"] == ("2026-11-24", "layout") and read["due_date"] == ("2026-12-08", "layout")
    assert nxt.status == "created"  # nothing left for a person: the draft is made
