"""Problem texts (en / nb / nl) of the approvals page and its sign-in."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

MESSAGES.update({
    "AUTH-SIGN-IN-FAILED": {
        "en": "Sign-in failed. Check your user id and password; after repeated failures sign-in is blocked for a while.",
        "nb": "Innloggingen mislyktes. Sjekk bruker-id og passord; etter gjentatte feil sperres innloggingen en stund.",
        "nl": "Inloggen mislukt. Controleer gebruikers-id en wachtwoord; na herhaalde fouten wordt inloggen een tijd geblokkeerd.",
    },
    "WEB-CSRF-INVALID": {
        "en": "This form has expired or did not come from this page. Go back, reload the page and try again.",
        "nb": "Skjemaet er utløpt eller kom ikke fra denne siden. Gå tilbake, last siden på nytt og prøv igjen.",
        "nl": "Dit formulier is verlopen of kwam niet van deze pagina. Ga terug, laad de pagina opnieuw en probeer het nog eens.",
    },
    "WEB-LINK-INVALID": {
        "en": "This link is not valid: it was changed or has expired. Open the document from the approvals page instead.",
        "nb": "Lenken er ikke gyldig: den er endret eller utløpt. Åpne bilaget fra godkjenningssiden i stedet.",
        "nl": "Deze link is niet geldig: hij is gewijzigd of verlopen. Open het document via de goedkeuringspagina.",
    },
    "WEB-LINK-OTHER-USER": {
        "en": "This link was sent to another user. Sign out and sign in as that user, or open your own list.",
        "nb": "Lenken ble sendt til en annen bruker. Logg ut og logg inn som den brukeren, eller åpne din egen liste.",
        "nl": "Deze link is naar een andere gebruiker gestuurd. Log uit en log in als die gebruiker, of open uw eigen lijst.",
    },
    "WEB-TOO-MANY-ATTEMPTS": {
        "en": "Too many failed sign-ins from your address. Wait a few minutes and try again.",
        "nb": "For mange mislykkede innlogginger fra din adresse. Vent noen minutter og prøv igjen.",
        "nl": "Te veel mislukte inlogpogingen vanaf uw adres. Wacht een paar minuten en probeer het opnieuw.",
    },
    "WEB-PLAIN-HTTP-REFUSED": {
        "en": "The approvals page is served only over HTTPS here: use the https:// address your administrator gave you.",
        "nb": "Godkjenningssiden vises bare over HTTPS her: bruk https://-adressen du fikk av administratoren.",
        "nl": "De goedkeuringspagina is hier alleen via HTTPS bereikbaar: gebruik het https://-adres van uw beheerder.",
    },
    "WEB-DOCUMENT-NOT-VISIBLE": {
        "en": "Document {no} does not exist or you may not see it.",
        "nb": "Bilag {no} finnes ikke, eller du har ikke tilgang til det.",
        "nl": "Document {no} bestaat niet of u mag het niet zien.",
    },
    "WEB-NO-PDF": {
        "en": "Document {no} has no PDF (it was entered without one).",
        "nb": "Bilag {no} har ingen PDF (det ble registrert uten).",
        "nl": "Document {no} heeft geen pdf (het is zonder ingevoerd).",
    },
})
