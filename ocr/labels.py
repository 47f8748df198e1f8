"""Printed labels of invoice fields in Norwegian, Dutch, English, German, French.

One table, so adding a language is adding words, not code. Patterns are
matched on lower-cased line text; within a field they are ordered from most to
least specific, and the position in the list lowers the confidence of weaker
labels ("Dato" is a weaker invoice-date label than "Fakturadato"). Where two
labels overlap on a line the longer wins, so "Sum eks. mva" is a net label and
not a VAT label.
"""

from __future__ import annotations

import re

_SEP = r"[\s.\-_]*"
NR = r"(?:nr|no|nummer|number|num|n°|nº|#)\.?"
#: an optional VAT rate inside a label: "inkl. 19 % MwSt", "incl. 21% btw"
_RATE = r"(?:\d{1,2}(?:[,.]\d{1,2})?\s*%\s*)?"
#: the rest of a line that is one date ("24. januar 2014", "24.01.2014"), on lower-cased text
_DATE_ONLY = r"(?:\d{1,2}\.?\s?[a-zäéû]{3,9}\.?\s\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\s*$"

FIELD_LABELS: dict[str, list[str]] = {
    "invoice_no": [
        rf"faktura{_SEP}{NR}", rf"kreditnota{_SEP}{NR}", rf"factuur{_SEP}{NR}", rf"creditnota{_SEP}{NR}",
        rf"invoice{_SEP}{NR}", rf"credit{_SEP}note{_SEP}{NR}", rf"rechnungs?{_SEP}{NR}",
        # "Handelsrechnung (380) Nr.", but not "Rechnung gemäß Bestellung Nr." (an order number)
        rf"\w*(?:rechnung|gutschrift|rechnungskorrektur)(?:\s*\([^)]{{0,40}}\))?"
        rf"(?:\s+(?!gem[äa]|bestell|auftrag|liefer|bezug|zu\b)[a-zäöüß]+){{0,3}}?(?:\s*\(\d+\))?\s+{NR}",
        rf"gutschrifts?{_SEP}{NR}", r"num[ée]ro de facture", rf"facture{_SEP}{NR}",
        r"n°\s*de\s*facture", r"invoice\s*id", r"doc(?:ument)?\s*no\.?", r"belegnummer", rf"beleg{_SEP}{NR}",
        r"(?:invoice|facture|faktura|factuur|rechnung)(?=\s+[A-Z]{0,4}[\-/]?\d)",
    ],
    "invoice_date": [
        r"fakturadato", r"factuurdatum", r"invoice\s*date", r"rechnungsdatum", r"date\s*de\s*(?:la\s*)?facture",
        r"kreditnotadato", r"creditnotadatum", r"date\s*of\s*issue", r"issue\s*date", r"ausstellungsdatum",
        r"beleg[\s.\-]*datum",
        rf"\w*(?:rechnung|gutschrift|rechnungskorrektur)(?:\s*\([^)]{{0,40}}\))?(?:\s+[a-zäöüß]+){{0,3}}?\s*\(\d+\)\s*"
        rf"(?:{NR}\s*\S+\s*)?vom",
        rf"\w*(?:rechnung|gutschrift|rechnungskorrektur)\s*{NR}\s*\S+\s*vo[mn]",
        # "Facture n°562044387 du 02 Juillet 2015", "Avoir n° A-12 du", "Invoice no. 4711 dated"
        rf"(?:facture|avoir)\s*{NR}\s*\S+\s*du", rf"invoice\s*{NR}\s*\S+\s*dated",
        # "Rechnung des Versicherers Nr. 01.234.567.8-2018-1 vom" (the date may follow below)
        rf"\w*(?:rechnung|gutschrift)(?:\s+(?!gem[äa]|bestell|auftrag|liefer|bezug|zu\b)[a-zäöüß]+){{1,3}}\s+{NR}"
        rf"\s*\S+\s*vo[mn]",
        r"issued\s*(?:at|on)", r"invoiced\s*on", r"dato", r"datum", r"date",
        # a title with nothing but a date after it: "Beitragsrechnung     24. Januar 2014"
        rf"(?:\w*rechnung|invoice|faktura|factuur|facture)(?=\s+{_DATE_ONLY})",
        # ... or with its number and then nothing but a date: "Beitragsrechnung zur Kfz-Versicherung
        # Nr. 00.123.456.7   11. März 2014", "Faktura nr. 10432   12.03.2024"
        rf"(?:\w*rechnung|invoice|faktura|factuur|facture)(?:\s+[a-zäöüß\-]+){{0,3}}?\s+{NR}\s*[\w./\-]+(?=\s+{_DATE_ONLY})",
    ],
    "due_date": [
        r"forfallsdato", r"forfallsdag", r"forfall", r"betales\s*innen", r"betalingsfrist",
        r"vervaldatum", r"vervaldag", r"uiterste\s*betaaldatum", r"te\s*betalen\s*(?:voor|vóór)",
        r"due\s*date", r"payment\s*due", r"pay(?:able)?\s*by", r"f[äa]lligkeitsdatum", r"f[äa]lligkeitstag",
        r"f[äa]llig\s*am", r"[üu]berweisen\s*sie\s*(?:bitte\s*)?(?:den\s*(?:rechnungs)?betrag\s*)?bis\s*zum",
        r"zahlbar\s*(?:ohne\s*abschlag\s*|netto\s*)?bis", r"f[äa]lligkeit(?!s)", r"remit\s*until", r"pay(?:able)?\s*until", r"zahlbar\s*innerhalb[^.]{0,30}?\bbis", r"date\s*d'[ée]ch[ée]ance", r"date\s*limite\s*de\s*(?:paiement|r[èe]glement)(?:\s*le)?",
        r"[àa]\s*payer\s*avant\s*le", r"[ée]ch[ée]ance",
        # the day a direct debit draws the amount is the day it is due: "Der Betrag in Höhe von EUR 529,87
        # wird am 20.03.2014 ... eingezogen", "Beløpet trekkes fra din konto 15.01.2025", "Het bedrag wordt
        # op 20-03-2014 van uw rekening afgeschreven", "The amount will be debited from your account on"
        r"(?:rechnungs)?betrag\b.{0,40}?\bwird\s*(?:voraussichtlich\s*)?am",
        r"bel[øo]pet\s*(?:vil\s*bli\s*|blir\s*)?(?:trekkes|trukket|belastes|belastet)(?:\s*fra\s*\w+\s*konto)?(?:\s*den|\s*p[åa])?",
        r"bedrag\b.{0,40}?\bwordt\s*(?:omstreeks\s*|rond\s*)?op",
        r"(?:debited|collected)(?:\s*from\s*your\s*(?:bank\s*)?account)?\s*on",
        r"pr[ée]l[èe]vement\s*(?:[àa]\s*partir\s*du|le)",
    ],
    "net_amount": [
        r"sum\s*eks(?:kl)?\.?\s*mva", r"totalt?\s*eks(?:kl)?\.?\s*mva", r"bel[øo]p\s*eks(?:kl)?\.?\s*mva",
        r"eks(?:kl)?\.?\s*mva", r"netto\s*bel[øo]p", r"nettobel[øo]p", r"sum\s*netto",
        r"tota(?:al|l)\s*excl(?:\.|usief)?\s*(?:btw|vat)", r"excl(?:\.|usief)?\s*btw", r"netto\s*bedrag",
        r"total\s*excl(?:\.|uding)?\s*vat", r"total\s*net", r"net\s*total", r"net\s*amount",
        r"summe\s*netto", r"nettobetrag", r"gesamtbetrag\s*netto", r"netto\s*gesamt", r"gesamt\s*netto",
        r"rechnungsbetrag\s*netto", r"rechnungssumme\s*ohne\s*(?:ust|mwst)\.?", r"rechnungssumme\s*netto(?:\s*\((?:excl|exkl|ohne)\.?\s*(?:ust|mwst)\.?\))?", r"summe\s*ohne\s*(?:ust|mwst)\.?",
        r"summe\s*positionen", r"positionssumme", r"warenwert", r"total\s*ht", r"montant\s*ht",
        r"total\s*hors\s*taxes?", r"gesamtbeitrag", r"nettobeitrag", r"sub\s*-?\s*total", r"subtotaal", r"netto",
    ],
    "vat_amount": [
        r"sum\s*mva", r"totalt?\s*mva", r"herav\s*mva", r"merverdiavgift", r"mva[\s-]*bel[øo]p",
        r"btw[\s-]*bedrag", r"totaal\s*btw", r"vat\s*total", r"tax\s*total", r"total\s*vat", r"total\s*tax",
        r"vat\s*amount", r"tax\s*amount",
        r"steuerbetrag", r"summe\s*(?:ust|mwst)\.?", r"zuz[üu]gl(?:ich)?\.?\s*(?:ust|mwst)\.?", r"umsatzsteuer", r"mehrwertsteuer", r"versicherungs?steuer", r"mwst\.?", r"ust\.?(?!-?\s*id)", r"montant\s*tva",
        r"total\s*tva",
        # the VAT a VAT-inclusive total contains: "darin enthaltene Versicherungsteuer (35,13 €)", "waarvan btw",
        # "of which VAT"
        rf"(?:darin\s*|hierin\s*|davon\s*)?enthaltene?\s*{_RATE}(?:ust|mwst|umsatzsteuer|mehrwertsteuer|versicherungs?steuer)\.?",
        rf"waarvan\s*{_RATE}btw", rf"of\s*which\s*{_RATE}vat",
        r"tva", r"mva", r"btw", r"vat", r"tax",
    ],
    "gross_amount": [
        r"(?:sum|totalt|bel[øo]p)?\s*å\s*betale", r"totalt?\s*inkl\.?\s*mva", r"sum\s*inkl\.?\s*mva",
        r"bel[øo]p\s*inkl\.?\s*mva", r"inkl\.?\s*mva", r"fakturabel[øo]p", r"kreditbel[øo]p",
        r"totaal\s*incl(?:\.|usief)?\s*btw", r"incl(?:\.|usief)?\s*btw", r"te\s*betalen", r"totaalbedrag",
        r"factuurbedrag", r"total\s*incl(?:\.|uding)?\s*vat", r"amount\s*due", r"balance\s*due",
        r"total\s*due", r"due\s*payable", r"total\s*payable", r"grand\s*total", r"amount\s*payable", r"total\s*amount", r"invoice\s*total",
        r"rechnungsbetrag", r"bruttobetrag", r"bruttosumme",
        r"rechnungssumme\s*brutto(?:\s*\((?:incl|inkl|mit)\.?\s*(?:ust|mwst)\.?\))?",
        r"summe\s*inkl\.?\s*(?:ust|mwst)\.?", r"rechnungssumme\s*(?:inkl|mit)\.?\s*(?:ust|mwst)\.?",
        r"gesamtbetrag(?!\s*der)", r"zahlbetrag", r"endbetrag", r"rechnungsbeitrag", r"bruttobeitrag",
        r"gesamtsumme", r"summe\s*brutto", r"brutto\s*gesamt", r"zu\s*zahlen", r"total\s*ttc",
        r"montant\s*ttc", r"net\s*[àa]\s*payer", r"(?:somme|montant|total)\s*[àa]\s*payer", r"total\s*(?:de\s*la\s*)?facture",
        # a total that includes its VAT: "Beitrag inklusive 19 % Versicherungsteuer 220,00"
        rf"inkl(?:usive|\.)?\s*{_RATE}(?:ust|mwst|umsatzsteuer|mehrwertsteuer|versicherungs?steuer)\.?",
        rf"incl(?:usief|uding|\.)?\s*{_RATE}(?:btw|vat)", rf"inkl(?:udert|\.)?\s*{_RATE}mva",
        r"totaal", r"totalt", r"total", r"sum",
    ],
    "payment_reference": [
        r"kid[\s.-]*(?:nr|nummer)?\.?", r"betalingskenmerk", r"betalings?referentie",
        r"payment\s*reference", r"verwendungszweck", r"zahlungsreferenz", r"r[ée]f[ée]rence\s*de\s*paiement",
        r"referenz\s*\(bitte\s*bei\s*zahlung\s*angeben\)",
    ],
    "currency": [r"rechnungsw[äa]hrung", r"factuurvaluta", r"fakturavaluta", r"invoice\s*currency",
                 r"valuta", r"currency", r"w[äa]hrung", r"devise",
                 # "Beträge in EUR", "Amounts in EUR", "Bedragen in EUR", "Beløp i NOK", "Montants en EUR"
                 r"betr[äa]ge\s*in", r"amounts\s*in", r"bedragen\s*in", r"bel[øo]p\s*i", r"montants\s*en"],
}

#: a line with one of these labels starts the buyer's block (not the vendor's)
BUYER_LABELS = re.compile(
    r"\b(?:kunde(?:n)?|faktureres\s*til|fakturamottaker|mottaker|leveringsadresse|levering\s*til|"
    r"klant|factuuradres|afleveradres|gefactureerd\s*aan|bill(?:ed)?\s*to|invoice\s*to|sold\s*to|"
    r"ship\s*to|deliver(?:y)?\s*(?:to|address)|customer|buyer|k[äa]ufer|rechnungsempf[äa]nger|"
    r"leistungsempf[äa]nger|lieferanschrift|client|acheteur|destinataire|factur[ée]\s*[àa]|"
    # third parties whose identifiers are not the vendor's either: the seller's tax representative
    r"steuerbevollm[äa]chtigter(?:\s+des\s+verk[äa]ufers)?|tax\s*representative|repr[ée]sentant\s*fiscal|"
    r"fiscaal\s*vertegenwoordiger|skatterepresentant|mva-representant)\b",
    re.I,
)
#: a line with one of these starts the seller's block
SELLER_LABELS = re.compile(
    r"\b(?:leverand[øo]r|selger|avsender|fra|leverancier|verkoper|afzender|from|seller|supplier|"
    r"vendor|verk[äa]ufer|lieferant|rechnungssteller|fournisseur|vendeur|[ée]metteur)\b\s*:?",
    re.I,
)
#: identifier labels naming the buyer ("Deres org.nr", "Your VAT no", "Ihre USt-IdNr")
BUYER_ID_LABELS = re.compile(
    r"\b(?:deres|kundens|kunde|your|customer|buyer|uw|klant|ihre?|kunden|k[äa]ufers?|client|acheteur)\b"
    r"[\w\s.\-]{0,12}(?:org|mva|vat|btw|kvk|ust|tva|tax|id|iban)"
    r"|\b(?:vat|tva|btw|ust|mva|tax)[\w\s.°\-]{0,12}(?:client|customer|klant|kunde|k[äa]ufer|buyer)\b"
    # the account a direct debit is drawn from: "von Ihrem Konto mit IBAN", "from your account"
    r"|\b(?:ihrem|ihres|your|uw|deres|din|votre)\s+(?:\w+\s+)?(?:konto|bankkonto|account|rekening|compte)\b",
    re.I,
)

CREDIT_NOTE = re.compile(
    r"\b(?:kreditnota|creditnota|credit\s*note|credit\s*memo|gutschrift|avoir|kreditering|creditfactuur|"
    r"rechnungskorrektur|stornorechnung)\b",
    re.I,
)


#: OCR (and the nor+nld+eng models) confuse accented vowels ("Wåhrung" for "Währung"),
#: so labels are matched on text with the vowels folded, one character for one
#: (offsets into the line stay valid). Norwegian "å betale" folds to "a betale".
_FOLD = str.maketrans("äåàáâãöøóòôõüúùûéèêëÄÅÀÁÂÃÖØÓÒÔÕÜÚÙÛÉÈÊË",
                      "aaaaaaoooooouuuueeeeAAAAAAOOOOOOUUUUEEEE")


def fold(text: str) -> str:
    """``text`` with accented vowels folded, same length."""
    return text if text.isascii() else text.translate(_FOLD)


def compiled() -> dict[str, list[re.Pattern[str]]]:
    """Label patterns per field, compiled once (folded), matched at word starts."""
    return {name: [re.compile(rf"(?<![\w]){fold(p)}(?![a-zæøåäöü])", re.I) for p in patterns]
            for name, patterns in FIELD_LABELS.items()}


PATTERNS = compiled()
