"""Printed facts the extractor used to miss (issue 14, session 8), on small synthetic texts:

- a total printed *including* its VAT, with the VAT it contains on its own line (insurance
  premiums, consumer-style invoices, Norwegian "herav mva"): gross and VAT are read, the net is
  computed from them and marked so;
- the day a direct debit draws the amount is the invoice's due date;
- a title line with the invoice number and then nothing but a date dates the invoice;
- an IBAN that fails its check, printed right after a bank-details label, is kept as printed and
  flagged (never used), like one after an "IBAN" label.
"""

import pytest

from ocr.checks import check
from tests.fixtures.ocr_samples import fields_from_text

HEAD_DE = """\
Muster Versicherung a.G.                              Rechnungsnummer:  4711
Hauptstr. 1, 80333 München                            Rechnungsdatum:   05.03.2026
USt-IdNr. DE136695976
"""


def _totals(p):
    return p.value("net_amount"), p.value("vat_amount"), p.value("gross_amount")


@pytest.mark.parametrize("gross_line, vat_line", [
    ("vierteljährlicher Beitrag inklusive 19 % Versicherungsteuer     220,00 €",
     "in diesem Beitrag enthaltene Versicherungsteuer          (35,13 €)"),
    ("Gesamtpreis inkl. 19% MwSt.        220,00", "darin enthaltene MwSt.        35,13"),
    ("Totaal incl. 21% btw        220,00", "waarvan btw        35,13"),
    ("Total including VAT        220,00", "of which VAT        35,13"),
])
def test_a_vat_inclusive_total_gives_gross_and_vat_and_the_net_is_computed(gross_line, vat_line):
    p = fields_from_text(HEAD_DE + gross_line + "\n" + vat_line + "\n")
    assert _totals(p) == ("184.87", "35.13", "220.00")
    assert p.fields["net_amount"].source == "computed"
    assert p.fields["gross_amount"].source == "text"


def test_an_inclusive_total_that_disagrees_with_a_printed_net_is_a_problem_not_a_repair():
    text = HEAD_DE + ("Summe netto        180,00\nGesamtpreis inkl. 19% MwSt.        220,00\n"
                      "darin enthaltene MwSt.        35,13\n")
    p = check(fields_from_text(text))
    assert _totals(p) == (None, None, None)
    assert "OCR-TOTALS-MISMATCH" in {pr.code for pr in p.problems}


def test_a_prices_include_vat_note_without_an_amount_reads_no_total():
    text = HEAD_DE + "Alle Preise inkl. MwSt.\nPos  Artikel                Menge        Preis\n1    Kabel                   2           12,50\n"
    assert fields_from_text(text).value("gross_amount") is None


@pytest.mark.parametrize("sentence, due", [
    ("Der Betrag in Höhe von EUR 529,87 wird am 20.03.2026 von Ihrem Konto mit IBAN DE21860000000086001055",
     "2026-03-20"),
    ("Beløpet trekkes fra din konto 20.03.2026 via AvtaleGiro.", "2026-03-20"),
    ("Het bedrag wordt op 20-03-2026 van uw rekening afgeschreven.", "2026-03-20"),
    ("The amount will be debited from your account on 20.03.2026.", "2026-03-20"),
])
def test_the_day_a_direct_debit_draws_the_amount_is_the_due_date(sentence, due):
    p = fields_from_text(HEAD_DE + "Summe netto   100,00\nUSt. 19%   19,00\nGesamtbetrag   119,00\n" + sentence + "\n")
    assert p.value("due_date") == due


def test_a_delivery_date_sentence_is_not_a_due_date():
    text = HEAD_DE + "Die Lieferung wird am 20.03.2026 erfolgen.\n"
    assert fields_from_text(text).value("due_date") is None


@pytest.mark.parametrize("title, date", [
    ("Beitragsrechnung zur Kraftfahrtversicherung Nr. 00.123.456.7     11. März 2026", "2026-03-11"),
    ("Faktura nr. 10432        12.03.2026", "2026-03-12"),
])
def test_a_title_with_its_number_and_then_a_date_dates_the_invoice(title, date):
    text = "Muster Versicherung a.G.\nHauptstr. 1, 80333 München\n\n" + title + "\nGesamtbetrag   119,00\n"
    assert fields_from_text(text).value("invoice_date") == date


def test_an_iban_failing_its_check_after_a_bank_details_label_is_kept_and_flagged():
    text = HEAD_DE + ("Bitte überweisen Sie den Betrag auf folgende Bankverbindung:\n"
                      "DE75123456780000001234, BIC WELADED1MST, Sparkasse Musterstadt\n")
    p = check(fields_from_text(text))
    assert p.fields["vendor_iban"].value == "DE75123456780000001234"
    assert p.fields["vendor_iban"].confidence <= 0.2
    assert "OCR-INVALID-IBAN" in {pr.code for pr in p.problems}


def test_an_iban_shaped_string_failing_its_check_without_a_label_is_not_taken():
    text = HEAD_DE + "Vertrag DE75123456780000001234 wie vereinbart.\n"
    assert "vendor_iban" not in check(fields_from_text(text)).fields
