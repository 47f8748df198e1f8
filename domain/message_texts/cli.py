"""Problem texts (en / nb / nl) of the command line and of reading input: files that cannot
be read, dates outside the accepted range, the database connection, usage errors and
unexpected failures (issue 12). ``PHRASES`` are the CLI's own words around problems."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "IMPORT-DATE-OUT-OF-RANGE": {
        "en": "Field {field}: {value} is outside the dates ledgerflow accepts ({first} to {last}).",
        "nb": "Felt {field}: {value} er utenfor datoene ledgerflow godtar ({first} til {last}).",
        "nl": "Veld {field}: {value} valt buiten de datums die ledgerflow accepteert ({first} tot en met {last}).",
    },
    "IMPORT-FILE-UNREADABLE": {
        "en": "Cannot read {file}: {error}.",
        "nb": "Kan ikke lese {file}: {error}.",
        "nl": "Kan {file} niet lezen: {error}.",
    },
    "IMPORT-INVALID-ENCODING": {
        "en": "{file} is not UTF-8 text (byte {position}): save it as UTF-8 and try again.",
        "nb": "{file} er ikke UTF-8-tekst (byte {position}): lagre den som UTF-8 og prøv igjen.",
        "nl": "{file} is geen UTF-8-tekst (byte {position}): sla het op als UTF-8 en probeer het opnieuw.",
    },
    "IMPORT-INVALID-CSV": {
        "en": "{file} is not a readable CSV file: {error}.",
        "nb": "{file} er ikke en lesbar CSV-fil: {error}.",
        "nl": "{file} is geen leesbaar CSV-bestand: {error}.",
    },
    "SETUP-DATE-FORMULA-OUT-OF-RANGE": {
        "en": "Date formula {formula} from {date} gives a date outside the calendar.",
        "nb": "Datoformel {formula} fra {date} gir en dato utenfor kalenderen.",
        "nl": "Datumformule {formula} vanaf {date} geeft een datum buiten de kalender.",
    },
    "SETUP-POSTING-RANGE-REVERSED": {
        "en": "The allowed posting range {from}..{to} ends before it starts.",
        "nb": "Tillatt bokføringsperiode {from}..{to} slutter før den begynner.",
        "nl": "De toegestane boekingsperiode {from}..{to} eindigt voordat die begint.",
    },
    "DB-INVALID-URL": {
        "en": "The database URL (--db or LEDGERFLOW_DATABASE_URL) is not valid: {error}.",
        "nb": "Database-URL-en (--db eller LEDGERFLOW_DATABASE_URL) er ugyldig: {error}.",
        "nl": "De database-URL (--db of LEDGERFLOW_DATABASE_URL) is ongeldig: {error}.",
    },
    "DB-UNREACHABLE": {
        "en": "Cannot connect to the database {url}: {error}",
        "nb": "Får ikke kontakt med databasen {url}: {error}",
        "nl": "Kan geen verbinding maken met de database {url}: {error}",
    },
    "DB-NOT-UPGRADED": {
        "en": "The database is at migration {current}, older than this ledgerflow ({newest}): "
              "run `ledgerflow db upgrade`.",
        "nb": "Databasen er på migrering {current}, eldre enn denne ledgerflow ({newest}): "
              "kjør `ledgerflow db upgrade`.",
        "nl": "De database staat op migratie {current}, ouder dan deze ledgerflow ({newest}): "
              "voer `ledgerflow db upgrade` uit.",
    },
    "DB-VALUE-REFUSED": {
        "en": "The database refused a value; nothing was saved: {error}",
        "nb": "Databasen avviste en verdi; ingenting ble lagret: {error}",
        "nl": "De database weigerde een waarde; er is niets opgeslagen: {error}",
    },
    "CLI-USAGE": {
        "en": "{detail} (see '{command} --help')",
        "nb": "{detail} (se '{command} --help')",
        "nl": "{detail} (zie '{command} --help')",
    },
    "CLI-UNEXPECTED": {
        "en": "Unexpected failure: {error}. Run again with LEDGERFLOW_DEBUG=1 to see the traceback.",
        "nb": "Uventet feil: {error}. Kjør på nytt med LEDGERFLOW_DEBUG=1 for å se sporingen (traceback).",
        "nl": "Onverwachte fout: {error}. Voer opnieuw uit met LEDGERFLOW_DEBUG=1 om de traceback te zien.",
    },
})

#: the command line's own words around problems (not problem codes)
PHRASES: dict[str, dict[str, str]] = {
    "item": {"en": "item {item_no}", "nb": "vare {item_no}", "nl": "artikel {item_no}"},
}
