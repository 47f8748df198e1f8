"""Label rules for German/English/Dutch invoice headers and totals (issue 14), on small
synthetic texts: parenthetical labels, invoice currency labels, a free-text payment reference,
invoice numbers and dates after a qualified title."""

from tests.fixtures.ocr_samples import fields_from_text

TOTALS = """\
Muster Lieferant GmbH                                 RECHNUNG
Hauptstr. 1, 80333 München                            Rechnungsnummer:   4711
                                                      Rechnungsdatum:    05.03.2026
{currency}
Rechnungssumme Netto (excl. USt.)                     198,00
Steuerbasisbetrag USt. 19%          198,00            37,62
Rechnungssumme Brutto (inkl. USt.)                    235,62
"""


def test_net_and_gross_labels_with_a_vat_parenthetical_read_their_amounts():
    p = fields_from_text(TOTALS.format(currency="Beträge in      EUR"))
    assert (p.value("net_amount"), p.value("vat_amount"), p.value("gross_amount")) == ("198.00", "37.62", "235.62")


def test_amounts_in_label_names_the_currency():
    assert fields_from_text(TOTALS.format(currency="Beträge in      EUR")).value("currency") == "EUR"
    assert fields_from_text(TOTALS.format(currency="Amounts in      GBP")).value("currency") == "GBP"


def test_the_invoice_currency_wins_over_the_vat_accounting_currency():
    text = TOTALS.format(currency="Rechnungswährung   : GBP\nWährung der Umsatzsteuerbuchung : EUR")
    assert fields_from_text(text).value("currency") == "GBP"


def test_a_free_text_payment_reference_may_hold_a_label_word():
    text = TOTALS.format(currency="") + "Zahlungsreferenz      : Rechnung 181301674\n"
    assert fields_from_text(text).value("payment_reference") == "Rechnung 181301674"


def test_a_qualified_credit_note_title_carries_number_and_date():
    text = """\
Muster Lieferant GmbH
Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 471102 vom 05.03.2018
Summe netto                          100,00
Umsatzsteuer 19 %                     19,00
Gesamtbetrag                         119,00 EUR
"""
    p = fields_from_text(text)
    assert (p.value("invoice_no"), p.value("invoice_date")) == ("471102", "2018-03-05")


def test_an_invoice_date_below_a_qualified_title_ending_in_vom():
    text = """\
Versicherungsverein Musterstadt a.G.
Rechnung des Versicherers Nr. 01.234.567.8-2018-1 vom
06.12.2018
Summe netto                          100,00
Umsatzsteuer 19 %                     19,00
Gesamtbetrag                         119,00 EUR
"""
    p = fields_from_text(text)
    assert (p.value("invoice_no"), p.value("invoice_date")) == ("01.234.567.8-2018-1", "2018-12-06")


def test_an_order_date_after_rechnung_gemass_bestellung_is_not_the_invoice_date():
    text = TOTALS.format(currency="") + "Rechnung gemäß Bestellung Nr. 2026-1 vom 01.03.2026\n"
    assert fields_from_text(text).value("invoice_date") == "2026-03-05"


def test_a_title_followed_only_by_a_date_dates_the_invoice():
    text = """\
Versicherungsverein Musterstadt a.G.
Beitragsrechnung                                  24. Januar 2014
Gesamtbeitrag                                     50,00 €
Versicherungsteuer 19 %                            9,50 €
Rechnungsbeitrag                                  59,50 €
"""
    p = fields_from_text(text)
    assert p.value("invoice_date") == "2014-01-24"
    assert (p.value("net_amount"), p.value("vat_amount"), p.value("gross_amount")) == ("50.00", "9.50", "59.50")


def test_a_title_followed_by_more_than_a_date_does_not_date_the_invoice():
    text = "Muster GmbH\nRechnung gemäß Bestellung vom 01.03.2013\nGesamtbetrag     119,00 EUR\n"
    assert fields_from_text(text).value("invoice_date") is None


FR_HEAD = """\
Fournisseur SAS                                 N° de TVA intracommunautaire: FR 604 219 388 61
8 rue de la Paix 75008 Paris

Facture n°562044387 du 02 Juillet 2015
Date limite de paiement le 05 Juillet 2015         29.99 € TTC
"""


def test_a_french_invoice_dates_itself_after_its_number_and_names_its_payment_deadline():
    p = fields_from_text(FR_HEAD + "TVA 20%        5.00\nSomme à payer      29.99 € TTC\n")
    assert (p.value("invoice_no"), p.value("invoice_date"), p.value("due_date")) == \
        ("562044387", "2015-07-02", "2015-07-05")
    assert p.value("gross_amount") == "29.99"


def test_a_french_direct_debit_date_is_the_due_date():
    text = FR_HEAD.replace("Date limite de paiement le 05 Juillet 2015", "") + \
        "Montant du prélèvement 29.99 €    Prélèvement à partir du : 06 Juillet 2015\n"
    assert fields_from_text(text).value("due_date") == "2015-07-06"


def test_a_us_date_with_a_space_before_its_comma_is_read():
    text = "Example Web Services Invoice\nInvoice Number: 42183017\nInvoice Date: August 3 , 2014\n"
    assert fields_from_text(text).value("invoice_date") == "2014-08-03"


def test_a_german_month_read_without_its_umlaut_is_read():
    text = "Muster Versicherung a.G.\n\nBeitragsrechnung zur Kfz-Versicherung Nr. 00.123.456.7     11. Marz 2014\n"
    assert fields_from_text(text).value("invoice_date") == "2014-03-11"


def test_a_misread_month_name_beside_its_label_is_not_replaced_by_the_date_below():
    text = ("Muster Versicherung a.G.\n\nBeitragsrechnung zur Kfz-Versicherung Nr. 00.123.456.7     11. Merz 2014\n"
            "Rechnungszeitraum: 01.04.2014 - 30.06.2014\n")
    assert fields_from_text(text).value("invoice_date") is None
