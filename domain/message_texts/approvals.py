"""Problem texts (en / nb / nl) of approvals: requests, decisions and the approval configuration."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# requests and decisions (domain/approvals/core.py, decide.py, rules.py)
MESSAGES.update({
    "APPROVAL-CODE-INVALID": {
        "en": "The one-time code does not prove that you are {user}: enter the current code of your authenticator app.",
        "nb": "Engangskoden beviser ikke at du er {user}: skriv inn gjeldende kode fra autentiseringsappen.",
        "nl": "De eenmalige code bewijst niet dat u {user} bent: voer de huidige code van uw authenticator-app in.",
    },
    "APPROVAL-ALREADY-RELEASED": {
        "en": "{no} is already approved and released.",
        "nb": "{no} er allerede godkjent og frigitt.",
        "nl": "{no} is al goedgekeurd en vrijgegeven.",
    },
    "APPROVAL-DOCUMENT-POSTED": {
        "en": "{no} is posted: a posted document needs no approval.",
        "nb": "{no} er bokført: et bokført bilag trenger ingen godkjenning.",
        "nl": "{no} is geboekt: een geboekt document hoeft niet te worden goedgekeurd.",
    },
    "APPROVAL-DUPLICATE-APPROVER": {
        "en": "{user} already approves in this request; one person gives one approval.",
        "nb": "{user} godkjenner allerede i denne forespørselen; én person gir én godkjenning.",
        "nl": "{user} keurt in dit verzoek al goed; één persoon geeft één goedkeuring.",
    },
    "APPROVAL-NO-USER": {
        "en": "Who acts? Give --user or set LEDGERFLOW_USER.",
        "nb": "Hvem utfører handlingen? Oppgi --user eller sett LEDGERFLOW_USER.",
        "nl": "Wie voert dit uit? Geef --user op of stel LEDGERFLOW_USER in.",
    },
    "APPROVAL-UNKNOWN-APPROVER-TYPE": {
        "en": "{field}: unknown approver type {type}.",
        "nb": "{field}: ukjent godkjennertype {type}.",
        "nl": "{field}: onbekend type goedkeurder {type}.",
    },
    "APPROVAL-UNKNOWN-DECISION": {
        "en": "Unknown decision {decision!r}: use approve, reject or delegate.",
        "nb": "Ukjent avgjørelse {decision!r}: bruk approve, reject eller delegate.",
        "nl": "Onbekende beslissing {decision!r}: gebruik approve, reject of delegate.",
    },
    "APPROVAL-UNKNOWN-USER-GROUP": {
        "en": "There is no workflow user group {group} (or it has no members).",
        "nb": "Brukergruppen {group} for arbeidsflyt finnes ikke (eller har ingen medlemmer).",
        "nl": "Workflowgebruikersgroep {group} bestaat niet (of heeft geen leden).",
    },
})

# the approval configuration (domain/approvals/setup.py, ledgerflow approvals configure)
MESSAGES.update({
    "APPROVAL-CONFIG-INVALID": {
        "en": "The approval configuration is not valid: {reason}.",
        "nb": "Godkjenningsoppsettet er ugyldig: {reason}.",
        "nl": "De goedkeuringsconfiguratie is ongeldig: {reason}.",
    },
    "APPROVAL-CONFIG-NO-STEPS": {
        "en": "{field}: a workflow needs at least one approval step.",
        "nb": "{field}: en arbeidsflyt må ha minst ett godkjenningstrinn.",
        "nl": "{field}: een workflow heeft minstens één goedkeuringsstap nodig.",
    },
    "APPROVAL-CONFIG-UNKNOWN-CONDITION": {
        "en": "{field}: unknown workflow condition {kind}.",
        "nb": "{field}: ukjent betingelse {kind} i arbeidsflyten.",
        "nl": "{field}: onbekende workflowvoorwaarde {kind}.",
    },
    "APPROVAL-CONFIG-DELEGATE-AFTER": {
        "en": "{field}: delegate_after {value!r} is not allowed; use one of {allowed}.",
        "nb": "{field}: delegate_after {value!r} er ikke tillatt; bruk en av {allowed}.",
        "nl": "{field}: delegate_after {value!r} is niet toegestaan; gebruik een van {allowed}.",
    },
    "APPROVAL-CONFIG-DUE-FORMULA": {
        "en": "{field}: {value!r} is not a date formula (for example 2D, 1W, CM).",
        "nb": "{field}: {value!r} er ikke en datoformel (for eksempel 2D, 1W, CM).",
        "nl": "{field}: {value!r} is geen datumformule (bijvoorbeeld 2D, 1W, CM).",
    },
    "APPROVAL-NEGATIVE-LIMIT": {
        "en": "{field}: the purchase amount approval limit cannot be negative.",
        "nb": "{field}: beløpsgrensen for godkjenning av kjøp kan ikke være negativ.",
        "nl": "{field}: de goedkeuringslimiet voor inkoopbedragen kan niet negatief zijn.",
    },
    "APPROVAL-SETUP-SELF-REFERENCE": {
        "en": "{field}: user {id} cannot be their own approver or substitute.",
        "nb": "{field}: bruker {id} kan ikke være sin egen godkjenner eller stedfortreder.",
        "nl": "{field}: gebruiker {id} kan niet zijn eigen goedkeurder of vervanger zijn.",
    },
})
