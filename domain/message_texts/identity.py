"""Problem texts (en / nb / nl) of users, roles, permissions and log-in (domain.identity)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "AUTH-PERMISSION-DENIED": {
        "en": "User {user} may not do this: it needs the permission {permission}, which none of their roles "
              "grants (see `ledgerflow user roles`).",
        "nb": "Bruker {user} har ikke lov til dette: det krever tillatelsen {permission}, som ingen av "
              "brukerens roller gir (se `ledgerflow user roles`).",
        "nl": "Gebruiker {user} mag dit niet: daarvoor is de machtiging {permission} nodig, die geen van de "
              "rollen van deze gebruiker geeft (zie `ledgerflow user roles`).",
    },
    "AUTH-UNKNOWN-USER": {
        "en": "There is no user {user}: give an existing user with --user or LEDGERFLOW_USER.",
        "nb": "Brukeren {user} finnes ikke: oppgi en eksisterende bruker med --user eller LEDGERFLOW_USER.",
        "nl": "Gebruiker {user} bestaat niet: geef een bestaande gebruiker op met --user of LEDGERFLOW_USER.",
    },
    "AUTH-USER-DISABLED": {
        "en": "User {user} is disabled.",
        "nb": "Bruker {user} er deaktivert.",
        "nl": "Gebruiker {user} is uitgeschakeld.",
    },
    "AUTH-UNKNOWN-ROLE": {
        "en": "There is no role {role}; the roles are: {allowed}.",
        "nb": "Rollen {role} finnes ikke; rollene er: {allowed}.",
        "nl": "De rol {role} bestaat niet; de rollen zijn: {allowed}.",
    },
    "AUTH-LAST-ADMINISTRATOR": {
        "en": "This would leave no enabled user with the administrator role.",
        "nb": "Da ville ingen aktiv bruker ha rollen administrator.",
        "nl": "Dan zou geen actieve gebruiker nog de rol administrator hebben.",
    },
    "AUTH-PASSWORD-TOO-SHORT": {
        "en": "The password must have at least {min} characters.",
        "nb": "Passordet må ha minst {min} tegn.",
        "nl": "Het wachtwoord moet minstens {min} tekens hebben.",
    },
    "AUTH-USER-LOCKED": {
        "en": "User {user} is locked out after too many failed log-ins, until {until} (UTC).",
        "nb": "Bruker {user} er sperret etter for mange mislykkede innlogginger, til {until} (UTC).",
        "nl": "Gebruiker {user} is geblokkeerd na te veel mislukte aanmeldingen, tot {until} (UTC).",
    },
})
