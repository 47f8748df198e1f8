"""General reading rules of issue 14 (accuracy), on small synthetic invoice texts.

Each rule came from a miss on real third-party invoices (the corpus benchmark,
bench/extraction.py); none names a vendor or a file. Text-layer words carry no
confidence; OCR words are made with ``words_from_text(..., conf=...)``.
"""

from ocr.checks import check
from ocr.fields import extract_fields
from ocr.layout import Word, group_lines
from ocr.parsing import ocr_decimal_mark
from tests.fixtures.ocr_samples import fields_from_text, words_from_text

HEAD = """\
Muster Lieferant GmbH                                 RECHNUNG
Hauptstr. 1, 80333 München                            Rechnungsnummer:   471102
                                                      Rechnungsdatum:    05.03.2026
"""
TOTALS = """\
Rechnungssumme netto                                  100,00
Umsatzsteuer 19 %                                     19,00
Rechnungsbetrag                                       119,00
"""


def _ocr(text: str, conf: float = 92.0):
    return check(extract_fields(group_lines(words_from_text(text, conf=conf)), "ocr"))


def test_a_value_in_larger_type_beside_a_small_label_is_on_the_label_s_line():
    label = [Word(t, x, 126.9, x + 5 * len(t), 133.8) for t, x in
             (("Referenz", 364.5), ("(bitte", 394.2), ("bei", 411.4), ("Zahlung", 422.4), ("angeben)", 449.1))]
    value = Word("2013-471102", 510.3, 128.1, 555.0, 138.9)
    lines = group_lines(label + [value, Word("Kundennummer", 364.5, 141.6, 420.0, 148.5)])
    assert [line.text for line in lines] == ["Referenz (bitte bei Zahlung angeben)  2013-471102", "Kundennummer"]


def test_two_lines_of_the_same_size_are_never_joined():
    lines = group_lines([Word("Netto", 10, 100, 40, 110), Word("100,00", 200, 104.6, 240, 114.6)])
    assert len(lines) == 2


def test_a_labelled_number_the_page_asks_to_quote_when_paying_is_the_payment_reference():
    text = HEAD + "Allgemeine Haftpflichtversicherung VSNR: 01.234.567.8\n" \
                  "(Bei Schriftwechsel und Zahlung bitte angeben.)\n" + TOTALS
    assert fields_from_text(text).value("payment_reference") == "01.234.567.8"
    inline = HEAD + "Policy no. 12-3456-7 (please quote on your payment)\n" + TOTALS
    assert fields_from_text(inline).value("payment_reference") == "12-3456-7"
    assert fields_from_text(HEAD + "VSNR: 01.234.567.8\n" + TOTALS).value("payment_reference") is None


def test_the_buyer_s_iban_is_not_the_vendor_s():
    debit = HEAD + TOTALS + "Der Betrag wird von Ihrem Konto mit IBAN DE21860000000086001055 eingezogen.\n"
    assert fields_from_text(debit).value("vendor_iban") is None
    buyer = HEAD + TOTALS + "Käufer-IBAN : DE21860000000086001055\nIBAN: DE88 2008 0000 0970 3757 00\n"
    assert fields_from_text(buyer).value("vendor_iban") == "DE88200800000970375700"


def test_an_ocr_near_miss_of_a_currency_code_after_its_label_is_read():
    text = HEAD + "Währung  > BUR\n" + TOTALS
    assert _ocr(text).value("currency") == "EUR"
    assert fields_from_text(text).value("currency") is None  # the text layer's own characters: as printed
    assert _ocr(HEAD + "Währung  MUR\n" + TOTALS).value("currency") is None  # a real code is never another


def test_ocr_misreadings_of_a_decimal_comma_are_put_right_in_a_labelled_total():
    assert ocr_decimal_mark("215:07") == "215,07"
    assert ocr_decimal_mark("059") == "0,59"
    assert ocr_decimal_mark("12:30 Uhr, 2018") == "12,30 Uhr, 2018"  # only used where no amount was read
    text = HEAD + "Rechnungssumme ohne USt.  8,41\nSteuerbetrag  059\nBruttosumme  9:00\n"
    p = _ocr(text)
    assert (p.value("net_amount"), p.value("vat_amount"), p.value("gross_amount")) == ("8.41", "0.59", "9.00")


def test_an_ambiguous_slash_date_in_an_english_only_document_is_not_read():
    text = "Invoice FA-2017-0008\nInvoice Date  11/03/2017\nDue Date  12/03/2017\nTotal  100.00\n"
    p = fields_from_text(text)
    assert p.value("invoice_date") is None and p.value("due_date") is None
    shown = text + "SEPA Wire transfer  11/17/2017  623.00\n"  # a date that can only be month-first
    assert fields_from_text(shown).value("invoice_date") == "2017-11-03"
    dutch = "Factuur 2017-0008\nFactuurdatum  11/03/2017\nTotaal  100,00\n"
    assert fields_from_text(dutch).value("invoice_date") == "2017-03-11"


def test_an_unreadable_date_beside_the_best_date_label_is_not_replaced_by_a_weaker_label_s_date():
    text = "RECHNUNGS-KORREKTUR\nBeleg-Datum  16:0972013\nLeistungs-Datum  05.08.2013\n" + TOTALS
    assert _ocr(text).value("invoice_date") is None
    readable = "RECHNUNGS-KORREKTUR\nBeleg-Datum  16.09.2013\nLeistungs-Datum  05.08.2013\n" + TOTALS
    assert _ocr(readable).value("invoice_date") == "2013-09-16"


def test_a_date_alone_after_vom_under_the_invoice_number_is_the_invoice_date():
    text = "Gutschrift (Selbst ausgestellte Rechnung) Nr. 47110818\nvom 31.10.2018\n" + TOTALS
    p = fields_from_text(text)
    assert (p.value("invoice_no"), p.value("invoice_date")) == ("47110818", "2018-10-31")
    order = "Rechnung gemäß Bestellung\nvom 01.03.2013\n" + TOTALS  # no invoice number above: not read
    assert fields_from_text(order).value("invoice_date") is None


def test_the_seller_s_tax_representative_s_vat_id_is_not_the_vendor_s_even_with_ocr_accents():
    text = HEAD + TOTALS + """
Steuerbevollmåchtigter des Verkåufers:
Global Supplies Financial Services
DE 12345 Berlin
USt-IdNr.: DE136695976
"""
    assert fields_from_text(text).value("vendor_vat_id") is None
