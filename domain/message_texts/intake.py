"""Problem texts (en / nb / nl) of document intake: the file and its sandbox, PDF and XML
structure, fields read by OCR (ocr/codes.py) and incoming documents (domain/intake/)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# the file itself and the process that reads it (ocr/safety.py, sandbox.py, pipeline.py)
MESSAGES.update({
    "INTAKE-EMPTY-FILE": {
        "en": "File {name} is empty.",
        "nb": "Filen {name} er tom.",
        "nl": "Bestand {name} is leeg.",
    },
    "INTAKE-TOO-LARGE": {
        "en": "The file is larger than the limit of {max_bytes} bytes.",
        "nb": "Filen er større enn grensen på {max_bytes} byte.",
        "nl": "Het bestand is groter dan de limiet van {max_bytes} bytes.",
    },
    "INTAKE-UNSUPPORTED-TYPE": {
        "en": "File {name} is neither a PDF nor an XML e-invoice.",
        "nb": "Filen {name} er verken en PDF eller en XML-faktura (EHF/UBL).",
        "nl": "Bestand {name} is geen pdf en geen XML-e-factuur.",
    },
    "INTAKE-SYMLINK": {
        "en": "{name} is a symbolic link; only regular files are read.",
        "nb": "{name} er en symbolsk lenke; bare vanlige filer leses.",
        "nl": "{name} is een symbolische koppeling; alleen gewone bestanden worden gelezen.",
    },
    "INTAKE-UNSAFE-NAME": {
        "en": "The file name is not safe to use; rename the file and drop it in the inbox again.",
        "nb": "Filnavnet er ikke trygt å bruke; gi filen nytt navn og legg den i innboksen igjen.",
        "nl": "De bestandsnaam is niet veilig; geef het bestand een andere naam en zet het opnieuw in de inbox.",
    },
    "INTAKE-TIMEOUT": {
        "en": "Reading the file took longer than {timeout_s} seconds and was stopped.",
        "nb": "Lesingen av filen tok mer enn {timeout_s} sekunder og ble stoppet.",
        "nl": "Het lezen van het bestand duurde langer dan {timeout_s} seconden en is gestopt.",
    },
    "INTAKE-MEMORY-LIMIT": {
        "en": "Reading the file needed more than {memory_mb} MB of memory and was stopped.",
        "nb": "Lesingen av filen trengte mer enn {memory_mb} MB minne og ble stoppet.",
        "nl": "Het lezen van het bestand had meer dan {memory_mb} MB geheugen nodig en is gestopt.",
    },
    "INTAKE-PARSER-CRASH": {
        "en": "The file could not be read: the reader stopped with an error.",
        "nb": "Filen kunne ikke leses: leseren stoppet med en feil.",
        "nl": "Het bestand kon niet worden gelezen: de lezer stopte met een fout.",
    },
})

# PDF and XML structure (ocr/pdf.py, tesseract.py, xmlsafe.py)
MESSAGES.update({
    "PDF-NOT-A-PDF": {
        "en": "{name} is named .pdf but is not a PDF.",
        "nb": "{name} heter .pdf, men er ikke en PDF.",
        "nl": "{name} heet .pdf, maar is geen pdf.",
    },
    "PDF-CORRUPT": {
        "en": "The PDF is damaged and cannot be read ({reason}).",
        "nb": "PDF-en er skadet og kan ikke leses ({reason}).",
        "nl": "De pdf is beschadigd en kan niet worden gelezen ({reason}).",
    },
    "PDF-ENCRYPTED": {
        "en": "The PDF is password-protected; ask the vendor for an unprotected copy.",
        "nb": "PDF-en er passordbeskyttet; be leverandøren om en kopi uten beskyttelse.",
        "nl": "De pdf is met een wachtwoord beveiligd; vraag de leverancier om een onbeveiligde versie.",
    },
    "PDF-TOO-MANY-PAGES": {
        "en": "The PDF has {pages} pages; at most {max_pages} are read.",
        "nb": "PDF-en har {pages} sider; høyst {max_pages} leses.",
        "nl": "De pdf heeft {pages} pagina's; er worden er hoogstens {max_pages} gelezen.",
    },
    "PDF-DECOMPRESSION-BOMB": {
        "en": "The PDF unpacks to more than {limit} bytes and is refused as unsafe.",
        "nb": "PDF-en pakkes ut til mer enn {limit} byte og avvises som utrygg.",
        "nl": "De pdf pakt uit tot meer dan {limit} bytes en wordt als onveilig geweigerd.",
    },
    "PDF-IMAGE-BOMB": {
        "en": "A page of the PDF holds an image too large to read safely.",
        "nb": "En side i PDF-en inneholder et bilde som er for stort til å leses trygt.",
        "nl": "Een pagina van de pdf bevat een afbeelding die te groot is om veilig te lezen.",
    },
    "PDF-NO-TEXT": {
        "en": "No text could be read from the PDF.",
        "nb": "Det kunne ikke leses noen tekst fra PDF-en.",
        "nl": "Er kon geen tekst uit de pdf worden gelezen.",
    },
    "PDF-PAGE-XML-MISMATCH": {
        "en": "The PDF's page shows {field} {page_value}, its embedded e-invoice (which is what posts) says "
              "{xml_value}; check with the vendor which is right.",
        "nb": "PDF-siden viser {field} {page_value}, men den innebygde e-fakturaen (som er det som bokføres) "
              "sier {xml_value}; sjekk med leverandøren hva som er riktig.",
        "nl": "De pagina van de pdf toont {field} {page_value}, de ingesloten e-factuur (die wordt geboekt) "
              "zegt {xml_value}; vraag de leverancier welke juist is.",
    },
    "XML-INVALID": {
        "en": "The XML file is not well-formed or not safe to read ({reason}).",
        "nb": "XML-filen er ikke gyldig eller ikke trygg å lese ({reason}).",
        "nl": "Het XML-bestand is niet geldig of niet veilig om te lezen ({reason}).",
    },
    "XML-UNSUPPORTED": {
        "en": "The XML file is not a supported e-invoice (UBL / EHF / Peppol BIS or CII).",
        "nb": "XML-filen er ikke en støttet e-faktura (UBL / EHF / Peppol BIS eller CII).",
        "nl": "Het XML-bestand is geen ondersteunde e-factuur (UBL / Peppol BIS of CII).",
    },
})

# fields read from the document and their cross-checks (ocr/checks.py, fields.py, parties.py, totals.py)
MESSAGES.update({
    "OCR-MISSING-FIELD": {
        "en": "{field} could not be read from the document.",
        "nb": "{field} kunne ikke leses fra dokumentet.",
        "nl": "{field} kon niet uit het document worden gelezen.",
    },
    "OCR-AMBIGUOUS-FIELD": {
        "en": "{field}: the document shows more than one value ({values}); choose the right one.",
        "nb": "{field}: dokumentet viser flere verdier ({values}); velg riktig verdi.",
        "nl": "{field}: het document toont meer dan één waarde ({values}); kies de juiste.",
    },
    "OCR-INVALID-ORGNR": {
        "en": "{field}: {value!r} is not a valid organisation number.",
        "nb": "{field}: {value!r} er ikke et gyldig organisasjonsnummer.",
        "nl": "{field}: {value!r} is geen geldig organisatienummer.",
    },
    "OCR-INVALID-VAT-ID": {
        "en": "{field}: {value!r} is not a valid VAT number.",
        "nb": "{field}: {value!r} er ikke et gyldig MVA-nummer.",
        "nl": "{field}: {value!r} is geen geldig btw-nummer.",
    },
    "OCR-INVALID-KVK": {
        "en": "{field}: {value!r} is not a valid KvK number.",
        "nb": "{field}: {value!r} er ikke et gyldig KvK-nummer.",
        "nl": "{field}: {value!r} is geen geldig KvK-nummer.",
    },
    "OCR-INVALID-IBAN": {
        "en": "{field}: {value!r} is not a valid IBAN.",
        "nb": "{field}: {value!r} er ikke et gyldig IBAN.",
        "nl": "{field}: {value!r} is geen geldig IBAN.",
    },
    "OCR-INVALID-ACCOUNT": {
        "en": "{field}: {value!r} is not a valid bank account number.",
        "nb": "{field}: {value!r} er ikke et gyldig kontonummer.",
        "nl": "{field}: {value!r} is geen geldig bankrekeningnummer.",
    },
    "OCR-INVALID-PAYMENT-REFERENCE": {
        "en": "{field}: {value!r} is not a valid payment reference (KID, RF or betalingskenmerk).",
        "nb": "{field}: {value!r} er ikke en gyldig betalingsreferanse (KID, RF eller betalingskenmerk).",
        "nl": "{field}: {value!r} is geen geldige betalingsreferentie (KID, RF of betalingskenmerk).",
    },
    "OCR-TOTALS-MISMATCH": {
        "en": "The amounts read do not add up: net {net} + VAT {vat} is not the total {gross}.",
        "nb": "Beløpene som ble lest, stemmer ikke: netto {net} + MVA {vat} er ikke totalen {gross}.",
        "nl": "De gelezen bedragen kloppen niet: netto {net} + btw {vat} is niet het totaal {gross}.",
    },
    "OCR-PAYABLE-MISMATCH": {
        "en": "The amount due {payable} is not the total {gross} less the prepaid {prepaid} plus the rounding "
              "{rounding}.",
        "nb": "Beløpet å betale {payable} er ikke totalen {gross} minus forskuddet {prepaid} pluss "
              "avrundingen {rounding}.",
        "nl": "Het te betalen bedrag {payable} is niet het totaal {gross} min de vooruitbetaling {prepaid} "
              "plus de afronding {rounding}.",
    },
    "OCR-LINES-MISMATCH": {
        "en": "The lines add up to {lines_total}, but the net amount is {net}.",
        "nb": "Linjene summerer til {lines_total}, men nettobeløpet er {net}.",
        "nl": "De regels tellen op tot {lines_total}, maar het nettobedrag is {net}.",
    },
    "OCR-LINE-AMOUNT-MISMATCH": {
        "en": "Line {line}: the amount is not quantity × unit price (less discount).",
        "nb": "Linje {line}: beløpet er ikke antall × enhetspris (minus rabatt).",
        "nl": "Regel {line}: het bedrag is niet aantal × eenheidsprijs (min korting).",
    },
    "OCR-VAT-GROUP-MISMATCH": {
        "en": "The VAT breakdown does not match the VAT amount of the document.",
        "nb": "MVA-spesifikasjonen stemmer ikke med MVA-beløpet på dokumentet.",
        "nl": "De btw-specificatie komt niet overeen met het btw-bedrag van het document.",
    },
    "OCR-VAT-RATE-ILLEGAL": {
        "en": "VAT rate {rate} % does not exist in {country}.",
        "nb": "MVA-sats {rate} % finnes ikke i {country}.",
        "nl": "Btw-tarief {rate} % bestaat niet in {country}.",
    },
    "OCR-DUE-BEFORE-INVOICE": {
        "en": "The due date {due_date} is before the invoice date {invoice_date}.",
        "nb": "Forfallsdatoen {due_date} er før fakturadatoen {invoice_date}.",
        "nl": "De vervaldatum {due_date} ligt voor de factuurdatum {invoice_date}.",
    },
    "OCR-DUE-IMPLAUSIBLE": {
        "en": "The due date read by OCR, {due_date}, is more than a year after the invoice date {invoice_date}; "
              "it is left empty (a misread year is likely).",
        "nb": "Forfallsdatoen lest med OCR, {due_date}, er mer enn et år etter fakturadatoen {invoice_date}; "
              "den er latt tom (trolig feillest årstall).",
        "nl": "De met OCR gelezen vervaldatum {due_date} ligt meer dan een jaar na de factuurdatum {invoice_date}; "
              "hij is leeg gelaten (waarschijnlijk een verkeerd gelezen jaartal).",
    },
})

# incoming documents (domain/intake/documents.py)
MESSAGES.update({
    "INTAKE-DOCUMENT-NOT-FOUND": {
        "en": "There is no incoming document {entry_no}.",
        "nb": "Innkommende dokument {entry_no} finnes ikke.",
        "nl": "Inkomend document {entry_no} bestaat niet.",
    },
    "INTAKE-NO-FILE": {
        "en": "Incoming document {entry_no} has no stored file.",
        "nb": "Innkommende dokument {entry_no} har ingen lagret fil.",
        "nl": "Inkomend document {entry_no} heeft geen opgeslagen bestand.",
    },
    "INTAKE-NO-PROPOSED-VENDOR": {
        "en": "Incoming document {entry_no} has no proposed vendor to accept.",
        "nb": "Innkommende dokument {entry_no} har ingen foreslått leverandør å godta.",
        "nl": "Inkomend document {entry_no} heeft geen voorgestelde leverancier om te accepteren.",
    },
})
