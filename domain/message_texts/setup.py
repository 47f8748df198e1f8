"""Problem texts (en / nb / nl) of setup and master data: company, chart of accounts, number
series, vendors, customers, items, users, identifiers; and the kernel's generic refusals."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# kernel (domain/problems.py, domain/money.py, domain/dateformula.py)
MESSAGES.update({
    "DOMAIN-ERROR": {
        "en": "The command was refused.",
        "nb": "Kommandoen ble avvist.",
        "nl": "De opdracht is geweigerd.",
    },
    "REJECTED": {
        "en": "The command was refused.",
        "nb": "Kommandoen ble avvist.",
        "nl": "De opdracht is geweigerd.",
    },
    "NOT-FOUND": {
        "en": "{no} does not exist.",
        "nb": "{no} finnes ikke.",
        "nl": "{no} bestaat niet.",
    },
    "MONEY-INVALID": {
        "en": "{field}: not a valid amount.",
        "nb": "{field}: ikke et gyldig beløp.",
        "nl": "{field}: geen geldig bedrag.",
    },
    "SETUP-INVALID-DATE-FORMULA": {
        "en": "{formula!r} is not a date formula (for example 30D, 1M, CM+10D).",
        "nb": "{formula!r} er ikke en datoformel (for eksempel 30D, 1M, CM+10D).",
        "nl": "{formula!r} is geen datumformule (bijvoorbeeld 30D, 1M, CM+10D).",
    },
})

# company and general setup (domain/setup/initialize.py, queries.py, numbers.py, posting_setup.py)
MESSAGES.update({
    "SETUP-NO-COMPANY": {
        "en": "There is no company yet: run `ledgerflow init --country NO|NL` first.",
        "nb": "Det finnes ikke noe selskap ennå: kjør `ledgerflow init --country NO|NL` først.",
        "nl": "Er is nog geen bedrijf: voer eerst `ledgerflow init --country NO|NL` uit.",
    },
    "INIT-UNSUPPORTED-COUNTRY": {
        "en": "Country {country!r} is not supported: use NO or NL.",
        "nb": "Landet {country!r} støttes ikke: bruk NO eller NL.",
        "nl": "Land {country!r} wordt niet ondersteund: gebruik NO of NL.",
    },
    "INIT-COUNTRY-MISMATCH": {
        "en": "This database already holds a company in {existing}; it cannot be set up for {country}.",
        "nb": "Denne databasen har allerede et selskap i {existing}; den kan ikke settes opp for {country}.",
        "nl": "Deze database bevat al een bedrijf in {existing}; hij kan niet voor {country} worden ingericht.",
    },
    "SETUP-INVALID-CHOICE": {
        "en": "{field}: {value!r} is not allowed; use one of {allowed}.",
        "nb": "{field}: {value!r} er ikke tillatt; bruk en av {allowed}.",
        "nl": "{field}: {value!r} is niet toegestaan; gebruik een van {allowed}.",
    },
    "SETUP-MISSING-NUMBER-SERIES": {
        "en": "Number series {series} does not exist.",
        "nb": "Nummerserien {series} finnes ikke.",
        "nl": "Nummerreeks {series} bestaat niet.",
    },
    "SETUP-UNKNOWN-ACCOUNT": {
        "en": "There is no G/L account {account}.",
        "nb": "Finanskonto {account} finnes ikke.",
        "nl": "Grootboekrekening {account} bestaat niet.",
    },
    "GL-ACCOUNT-BLOCKED": {
        "en": "G/L account {account} is blocked or not a posting account.",
        "nb": "Finanskonto {account} er sperret eller er ikke en bokføringskonto.",
        "nl": "Grootboekrekening {account} is geblokkeerd of is geen boekingsrekening.",
    },
    "SETUP-UNKNOWN-POSTING-GROUP": {
        "en": "{field}: there is no posting group {code}.",
        "nb": "{field}: bokføringsgruppen {code} finnes ikke.",
        "nl": "{field}: boekingsgroep {code} bestaat niet.",
    },
    "SETUP-UNKNOWN-VAT-PROD-POSTING-GROUP": {
        "en": "{field}: there is no VAT product posting group {code}.",
        "nb": "{field}: MVA-produktbokføringsgruppen {code} finnes ikke.",
        "nl": "{field}: btw-productboekingsgroep {code} bestaat niet.",
    },
    "SETUP-UNKNOWN-PAYMENT-TERMS": {
        "en": "There are no payment terms {code}.",
        "nb": "Betalingsbetingelsen {code} finnes ikke.",
        "nl": "Betalingsconditie {code} bestaat niet.",
    },
    "SETUP-UNKNOWN-LOCATION": {
        "en": "{field}: there is no location {location}.",
        "nb": "{field}: lokasjonen {location} finnes ikke.",
        "nl": "{field}: locatie {location} bestaat niet.",
    },
})

# master data (domain/setup/masterdata.py)
MESSAGES.update({
    "VENDOR-EXISTS": {
        "en": "Vendor {no} already exists.",
        "nb": "Leverandør {no} finnes allerede.",
        "nl": "Leverancier {no} bestaat al.",
    },
    "CUSTOMER-EXISTS": {
        "en": "Customer {no} already exists.",
        "nb": "Kunde {no} finnes allerede.",
        "nl": "Klant {no} bestaat al.",
    },
    "ITEM-EXISTS": {
        "en": "Item {no} already exists.",
        "nb": "Vare {no} finnes allerede.",
        "nl": "Artikel {no} bestaat al.",
    },
    "ITEM-CHARGE-EXISTS": {
        "en": "Item charge {no} already exists.",
        "nb": "Varegebyr {no} finnes allerede.",
        "nl": "Artikeltoeslag {no} bestaat al.",
    },
    "ITEM-INVALID-GTIN": {
        "en": "{value} is not a valid GTIN/EAN bar code (its check digit is wrong).",
        "nb": "{value} er ikke en gyldig GTIN/EAN-strekkode (kontrollsifferet er feil).",
        "nl": "{value} is geen geldige GTIN/EAN-streepjescode (het controlecijfer klopt niet).",
    },
    "ITEM-REFERENCE-EXISTS": {
        "en": "The reference {reference_no} already names an item.",
        "nb": "Referansen {reference_no} peker allerede på en vare.",
        "nl": "De referentie {reference_no} verwijst al naar een artikel.",
    },
    "ITEM-REFERENCE-TOO-LONG": {
        "en": "The reference has {length} characters; at most {max} fit.",
        "nb": "Referansen har {length} tegn; høyst {max} får plass.",
        "nl": "De referentie heeft {length} tekens; er passen er hoogstens {max}.",
    },
    "ITEM-NEGATIVE-AMOUNT": {
        "en": "{field} cannot be negative ({value}).",
        "nb": "{field} kan ikke være negativ ({value}).",
        "nl": "{field} kan niet negatief zijn ({value}).",
    },
    "ITEM-STANDARD-COST-MISSING": {
        "en": "An item with costing method Standard needs a standard cost.",
        "nb": "En vare med kostmetode Standard må ha en standardkost.",
        "nl": "Een artikel met waarderingsmethode Standaard heeft een vaste verrekenprijs nodig.",
    },
    "USER-EXISTS": {
        "en": "User {id} already exists.",
        "nb": "Bruker {id} finnes allerede.",
        "nl": "Gebruiker {id} bestaat al.",
    },
    "USER-NOT-FOUND": {
        "en": "There is no user {id}.",
        "nb": "Bruker {id} finnes ikke.",
        "nl": "Gebruiker {id} bestaat niet.",
    },
})

# identifiers (domain/identifiers.py); the value is the one given
MESSAGES.update({
    "ID-INVALID-ORGNR": {
        "en": "{value!r} is not a valid Norwegian organisation number (9 digits, check digit).",
        "nb": "{value!r} er ikke et gyldig organisasjonsnummer (9 siffer, kontrollsiffer).",
        "nl": "{value!r} is geen geldig Noors organisatienummer (9 cijfers, controlecijfer).",
    },
    "ID-INVALID-MVA": {
        "en": "{value!r} is not a valid Norwegian VAT number (NO + organisation number + MVA).",
        "nb": "{value!r} er ikke et gyldig MVA-nummer (NO + organisasjonsnummer + MVA).",
        "nl": "{value!r} is geen geldig Noors btw-nummer (NO + organisatienummer + MVA).",
    },
    "ID-INVALID-VAT": {
        "en": "{value!r} is not a valid VAT registration number.",
        "nb": "{value!r} er ikke et gyldig MVA-registreringsnummer.",
        "nl": "{value!r} is geen geldig btw-identificatienummer.",
    },
    "ID-INVALID-BTW": {
        "en": "{value!r} is not a valid Dutch VAT number (NL + 9 digits + B + 2 digits).",
        "nb": "{value!r} er ikke et gyldig nederlandsk MVA-nummer (NL + 9 siffer + B + 2 siffer).",
        "nl": "{value!r} is geen geldig btw-identificatienummer (NL + 9 cijfers + B + 2 cijfers).",
    },
    "ID-INVALID-KVK": {
        "en": "{value!r} is not a valid KvK number (8 digits).",
        "nb": "{value!r} er ikke et gyldig KvK-nummer (8 siffer).",
        "nl": "{value!r} is geen geldig KvK-nummer (8 cijfers).",
    },
    "ID-INVALID-IBAN": {
        "en": "{value!r} is not a valid IBAN.",
        "nb": "{value!r} er ikke et gyldig IBAN.",
        "nl": "{value!r} is geen geldig IBAN.",
    },
    "ID-INVALID-BIC": {
        "en": "{value!r} is not a valid BIC (SWIFT code, 8 or 11 characters).",
        "nb": "{value!r} er ikke en gyldig BIC (SWIFT-kode, 8 eller 11 tegn).",
        "nl": "{value!r} is geen geldige BIC (SWIFT-code, 8 of 11 tekens).",
    },
    "ID-INVALID-ACCOUNT": {
        "en": "{value!r} is not a valid Norwegian bank account number (11 digits, check digit).",
        "nb": "{value!r} er ikke et gyldig kontonummer (11 siffer, kontrollsiffer).",
        "nl": "{value!r} is geen geldig Noors bankrekeningnummer (11 cijfers, controlecijfer).",
    },
    "ID-INVALID-KID": {
        "en": "{value!r} is not a valid KID payment reference.",
        "nb": "{value!r} er ikke et gyldig KID-nummer.",
        "nl": "{value!r} is geen geldig KID-betalingskenmerk.",
    },
    "ID-INVALID-RF": {
        "en": "{value!r} is not a valid RF creditor reference.",
        "nb": "{value!r} er ikke en gyldig RF-kreditorreferanse.",
        "nl": "{value!r} is geen geldige RF-crediteurreferentie.",
    },
    "ID-INVALID-BETALINGSKENMERK": {
        "en": "{value!r} is not a valid Dutch payment reference (betalingskenmerk).",
        "nb": "{value!r} er ikke en gyldig nederlandsk betalingsreferanse (betalingskenmerk).",
        "nl": "{value!r} is geen geldig betalingskenmerk.",
    },
})

# currencies (domain/setup/currencies.py)
MESSAGES.update({
    "SETUP-UNKNOWN-CURRENCY": {
        "en": "{currency} is not a known currency code (the company's currency or an ISO 4217 code).",
        "nb": "{currency} er ikke en kjent valutakode (selskapets valuta eller en ISO 4217-kode).",
        "nl": "{currency} is geen bekende valutacode (de valuta van het bedrijf of een ISO 4217-code).",
    },
})

# direct posting (domain/setup/posting_setup.py direct_account, masterdata.account_line_defaults)
MESSAGES.update({
    "GL-ACCOUNT-NO-DIRECT-POSTING": {
        "en": "G/L account {account} does not allow direct posting: it is a control account that only its "
              "subledger posts to.",
        "nb": "Finanskonto {account} tillater ikke direkte bokføring: den er en samlekonto som bare "
              "reskontroen bokfører på.",
        "nl": "Grootboekrekening {account} staat geen directe boeking toe: het is een beheersrekening waarop "
              "alleen de subadministratie boekt.",
    },
})
