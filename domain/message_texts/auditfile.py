"""Problem texts (en / nb / nl) of the statutory audit files (domain/compliance/saft.py, xaf.py,
auditfile.py) and the setup they need (domain/setup/saft_setup.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "AUDITFILE-PERIOD-REVERSED": {
        "en": "The period ends ({date_to}) before it starts ({date_from}).",
        "nb": "Perioden slutter ({date_to}) før den begynner ({date_from}).",
        "nl": "De periode eindigt ({date_to}) voordat hij begint ({date_from}).",
    },
    "AUDITFILE-COMPANY-INCOMPLETE": {
        "en": "The company lacks {fields}: set it with `ledgerflow setup company`. No file was written.",
        "nb": "Selskapet mangler {fields}: sett det med `ledgerflow setup company`. Ingen fil ble skrevet.",
        "nl": "Het bedrijf mist {fields}: stel het in met `ledgerflow setup company`. Er is geen bestand geschreven.",
    },
    "AUDITFILE-GROUPING-CODE-MISSING": {
        "en": "G/L accounts without a SAF-T grouping code: {accounts}. Set one with "
              "`ledgerflow setup gl-account NO --grouping-code CODE`. No file was written.",
        "nb": "Hovedbokskontoer uten SAF-T-grupperingskode: {accounts}. Sett den med "
              "`ledgerflow setup gl-account NR --grouping-code KODE`. Ingen fil ble skrevet.",
        "nl": "Grootboekrekeningen zonder SAF-T-groeperingscode: {accounts}. Stel er een in met "
              "`ledgerflow setup gl-account NR --grouping-code CODE`. Er is geen bestand geschreven.",
    },
    "AUDITFILE-STANDARD-TAX-CODE-MISSING": {
        "en": "VAT posting setups without SAF-T standard tax codes (sales and purchase): {setups}. Set them with "
              "`ledgerflow setup vat BUS PROD --sales-standard-tax-code C --purchase-standard-tax-code C`. "
              "No file was written.",
        "nb": "MVA-bokføringsoppsett uten SAF-T standard MVA-koder (salg og kjøp): {setups}. Sett dem med "
              "`ledgerflow setup vat BUS PROD --sales-standard-tax-code K --purchase-standard-tax-code K`. "
              "Ingen fil ble skrevet.",
        "nl": "Btw-boekingsinstellingen zonder SAF-T-standaardbelastingcodes (verkoop en inkoop): {setups}. "
              "Stel ze in met `ledgerflow setup vat BUS PROD --sales-standard-tax-code C "
              "--purchase-standard-tax-code C`. Er is geen bestand geschreven.",
    },
    "AUDITFILE-OUT-DIR-MISSING": {
        "en": "There is no folder {folder} to write the file in.",
        "nb": "Mappen {folder} som filen skal skrives i, finnes ikke.",
        "nl": "De map {folder} om het bestand in te schrijven bestaat niet.",
    },
    "AUDITFILE-OUT-IS-FOLDER": {
        "en": "{path} is a folder: give the file to write, for example {path}/saft.xml.",
        "nb": "{path} er en mappe: oppgi filen som skal skrives, for eksempel {path}/saft.xml.",
        "nl": "{path} is een map: geef het bestand dat geschreven moet worden, bijvoorbeeld {path}/saft.xml.",
    },
    "AUDITFILE-WRITE-FAILED": {
        "en": "Could not write {path}: {reason}. No file was written.",
        "nb": "Kunne ikke skrive {path}: {reason}. Ingen fil ble skrevet.",
        "nl": "Kon {path} niet schrijven: {reason}. Er is geen bestand geschreven.",
    },
    "SETUP-GROUPING-CODE-UNKNOWN": {
        "en": "{value} is not a grouping code of the SAF-T v1.30 list (næringsspesifikasjon).",
        "nb": "{value} er ikke en grupperingskode i SAF-T v1.30-listen (næringsspesifikasjon).",
        "nl": "{value} is geen groeperingscode van de SAF-T v1.30-lijst (næringsspesifikasjon).",
    },
    "SETUP-STANDARD-TAX-CODE-UNKNOWN": {
        "en": "{value} is not a SAF-T standard tax code.",
        "nb": "{value} er ikke en SAF-T standard MVA-kode.",
        "nl": "{value} is geen SAF-T-standaardbelastingcode.",
    },
})
