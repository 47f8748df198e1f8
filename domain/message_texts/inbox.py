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
    "MAIL-NOT-CONFIGURED": {
        "en": "E-mail intake is not configured: set {missing} (or give the options of inbox mail).",
        "nb": "E-postmottak er ikke satt opp: angi {missing} (eller valgene til inbox mail).",
        "nl": "E-mailontvangst is niet ingesteld: stel {missing} in (of geef de opties van inbox mail).",
    },
    "MAIL-PASSWORD-FILE-UNREADABLE": {
        "en": "The password file {path} cannot be read.",
        "nb": "Passordfilen {path} kan ikke leses.",
        "nl": "Het wachtwoordbestand {path} kan niet worden gelezen.",
    },
    "MAIL-INVALID-TLS": {
        "en": "{value} is not a TLS mode: use one of {choices}.",
        "nb": "{value} er ikke en TLS-modus: bruk en av {choices}.",
        "nl": "{value} is geen TLS-modus: gebruik een van {choices}.",
    },
    "MAIL-INVALID-PORT": {
        "en": "{value} is not a port number.",
        "nb": "{value} er ikke et portnummer.",
        "nl": "{value} is geen poortnummer.",
    },
    "MAIL-PLAINTEXT-REFUSED": {
        "en": "The mail server {host} is not on this machine: the password would cross the network in clear "
              "text. Use --tls ssl or starttls.",
        "nb": "E-postserveren {host} er ikke på denne maskinen: passordet ville gått ukryptert over nettet. "
              "Bruk --tls ssl eller starttls.",
        "nl": "De mailserver {host} staat niet op deze machine: het wachtwoord zou onversleuteld over het "
              "netwerk gaan. Gebruik --tls ssl of starttls.",
    },
    "MAIL-CONNECT-FAILED": {
        "en": "Could not read the mailbox at {host}:{port}: {reason}",
        "nb": "Kunne ikke lese postkassen på {host}:{port}: {reason}",
        "nl": "Kon de mailbox op {host}:{port} niet lezen: {reason}",
    },
    "MAIL-SERVER-REFUSED": {
        "en": "The mail server refused {command}: {reason}",
        "nb": "E-postserveren avviste {command}: {reason}",
        "nl": "De mailserver weigerde {command}: {reason}",
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
