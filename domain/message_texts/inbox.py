"""Problem texts (en / nb / nl) of the inbox and its quarantine: what the sweep could not take
(files that are not regular files, unreadable files and folders, over-long e-invoices)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "INTAKE-NOT-A-FILE": {
        "en": "{name} is not a file (a FIFO, socket or device): recorded in quarantine and removed, never opened.",
        "nb": "{name} er ikke en fil (FIFO, socket eller enhet): registrert i karantene og fjernet, aldri åpnet.",
        "nl": "{name} is geen bestand (FIFO, socket of apparaat): vastgelegd in quarantaine en verwijderd, "
              "nooit geopend.",
    },
    "INTAKE-UNREADABLE": {
        "en": "{name} cannot be read by ledgerflow (file permissions): it is in quarantine; give it read access "
              "and put it back in the inbox.",
        "nb": "{name} kan ikke leses av ledgerflow (filrettigheter): den ligger i karantene; gi lesetilgang og "
              "legg den tilbake i innboksen.",
        "nl": "{name} kan niet door ledgerflow worden gelezen (bestandsrechten): het staat in quarantaine; geef "
              "leesrechten en zet het terug in de inbox.",
    },
    "INTAKE-QUARANTINE-UNRECORDED": {
        "en": "{name} was moved to quarantine by a sweep that stopped before recording why: look at the file.",
        "nb": "{name} ble flyttet til karantene av en kjøring som stoppet før årsaken ble registrert: se på filen.",
        "nl": "{name} is in quarantaine gezet door een run die stopte voordat de reden werd vastgelegd: bekijk "
              "het bestand.",
    },
    "INTAKE-FILE-NOT-TAKEN": {
        "en": "{path} has waited {minutes} minutes: hidden and temporary files (leading dot, ~$, .part, .tmp) are "
              "never read; rename it if it is an invoice, else remove it.",
        "nb": "{path} har ventet i {minutes} minutter: skjulte og midlertidige filer (punktum først, ~$, .part, "
              ".tmp) leses aldri; gi den nytt navn hvis den er en faktura, ellers slett den.",
        "nl": "{path} wacht al {minutes} minuten: verborgen en tijdelijke bestanden (punt vooraan, ~$, .part, "
              ".tmp) worden nooit gelezen; hernoem het als het een factuur is, verwijder het anders.",
    },
    "INTAKE-FOLDER-UNREADABLE": {
        "en": "The inbox folder {path} cannot be read: the files in it are never swept.",
        "nb": "Innboksmappen {path} kan ikke leses: filene i den blir aldri hentet.",
        "nl": "De inboxmap {path} kan niet worden gelezen: de bestanden erin worden nooit opgehaald.",
    },
    "INTAKE-INBOX-NOT-FOUND": {
        "en": "{path} is not a folder: check --inbox.",
        "nb": "{path} er ikke en mappe: kontroller --inbox.",
        "nl": "{path} is geen map: controleer --inbox.",
    },
    "OCR-TOO-MANY-LINES": {
        "en": "The invoice has {lines} lines; at most {max_lines} are read, so none was: register it by hand "
              "or ask the vendor to split it.",
        "nb": "Fakturaen har {lines} linjer; høyst {max_lines} leses, så ingen ble lest: registrer den manuelt "
              "eller be leverandøren dele den opp.",
        "nl": "De factuur heeft {lines} regels; er worden er hoogstens {max_lines} gelezen, dus geen enkele: "
              "boek hem met de hand of vraag de leverancier hem te splitsen.",
    },
})
