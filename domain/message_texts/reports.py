"""Problem texts (en / nb / nl) of the reports' common options: the posting-date range
(``--from`` / ``--to``, domain/date_range.py) and the CSV and Excel files they write (flows/tables.py);
and of the role center KPIs (domain/operations/kpi.py)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "REPORT-PERIOD-REVERSED": {
        "en": "--from {date_from} is after --to {date_to}: the period ends before it starts.",
        "nb": "--from {date_from} er etter --to {date_to}: perioden slutter før den begynner.",
        "nl": "--from {date_from} ligt na --to {date_to}: de periode eindigt voordat die begint.",
    },
    "REPORT-END-GIVEN-TWICE": {
        "en": "--as-of {as_of} and --to {date_to} name two different end dates: give one of them.",
        "nb": "--as-of {as_of} og --to {date_to} angir to ulike sluttdatoer: oppgi én av dem.",
        "nl": "--as-of {as_of} en --to {date_to} noemen twee verschillende einddatums: geef er één op.",
    },
    "REPORT-OUT-DIR-MISSING": {
        "en": "The folder {folder} to write {path} in does not exist. No file was written.",
        "nb": "Mappen {folder} som {path} skal skrives i, finnes ikke. Ingen fil ble skrevet.",
        "nl": "De map {folder} om {path} in te schrijven bestaat niet. Er is geen bestand geschreven.",
    },
    "REPORT-OUT-IS-FOLDER": {
        "en": "{path} is a folder: give the file to write. No file was written.",
        "nb": "{path} er en mappe: oppgi filen som skal skrives. Ingen fil ble skrevet.",
        "nl": "{path} is een map: geef het bestand dat geschreven moet worden. Er is geen bestand geschreven.",
    },
    "REPORT-WRITE-FAILED": {
        "en": "Could not write {path}: {reason}. The file was left as it was.",
        "nb": "Kunne ikke skrive {path}: {reason}. Filen ble latt være som den var.",
        "nl": "Kon {path} niet schrijven: {reason}. Het bestand is gelaten zoals het was.",
    },
    "KPI-MONTHS-OUT-OF-RANGE": {
        "en": "The number of months must be from 1 to {max}, not {months}.",
        "nb": "Antall måneder må være fra 1 til {max}, ikke {months}.",
        "nl": "Het aantal maanden moet van 1 tot {max} zijn, niet {months}.",
    },
})
