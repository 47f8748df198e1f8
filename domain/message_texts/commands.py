"""Problem texts (en / nb / nl) of reading input: import files and their fields
(domain/parse.py) and command-line options (flows/cli/)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# import files and fields (domain/parse.py, flows/cli/common.py)
MESSAGES.update({
    "IMPORT-FILE-NOT-FOUND": {
        "en": "There is no file {path}.",
        "nb": "Filen {path} finnes ikke.",
        "nl": "Bestand {path} bestaat niet.",
    },
    "IMPORT-INVALID-JSON": {
        "en": "{path} is not valid JSON ({reason}).",
        "nb": "{path} er ikke gyldig JSON ({reason}).",
        "nl": "{path} is geen geldige JSON ({reason}).",
    },
    "IMPORT-NOT-AN-OBJECT": {
        "en": "A record must be a JSON object with named fields.",
        "nb": "En post må være et JSON-objekt med navngitte felt.",
        "nl": "Een record moet een JSON-object met benoemde velden zijn.",
    },
    "IMPORT-INVALID-BOOLEAN": {
        "en": "Field {field}: {value!r} is not yes or no (true/false).",
        "nb": "Felt {field}: {value!r} er ikke ja eller nei (true/false).",
        "nl": "Veld {field}: {value!r} is geen ja of nee (true/false).",
    },
    "IMPORT-INVALID-CHOICE": {
        "en": "Field {field}: {value!r} is not allowed; use one of {allowed}.",
        "nb": "Felt {field}: {value!r} er ikke tillatt; bruk en av {allowed}.",
        "nl": "Veld {field}: {value!r} is niet toegestaan; gebruik een van {allowed}.",
    },
    "IMPORT-TOO-MANY-DECIMALS": {
        "en": "Field {field}: {value} has more than {places} decimals.",
        "nb": "Felt {field}: {value} har mer enn {places} desimaler.",
        "nl": "Veld {field}: {value} heeft meer dan {places} decimalen.",
    },
    "IMPORT-NUMBER-TOO-LARGE": {
        "en": "Field {field}: {value} is too large.",
        "nb": "Felt {field}: {value} er for stort.",
        "nl": "Veld {field}: {value} is te groot.",
    },
    "IMPORT-UNKNOWN-KEY": {
        "en": "Field {field}: ledgerflow does not know the key {key!r}; the keys here are {allowed}.",
        "nb": "Felt {field}: ledgerflow kjenner ikke nøkkelen {key!r}; nøklene her er {allowed}.",
        "nl": "Veld {field}: ledgerflow kent de sleutel {key!r} niet; de sleutels hier zijn {allowed}.",
    },
    "IMPORT-MISSPELLED-KEY": {
        "en": "Field {field}: ledgerflow does not know the key {key!r}; did you mean {suggestion}?",
        "nb": "Felt {field}: ledgerflow kjenner ikke nøkkelen {key!r}; mente du {suggestion}?",
        "nl": "Veld {field}: ledgerflow kent de sleutel {key!r} niet; bedoelde u {suggestion}?",
    },
    "IMPORT-TEXT-TOO-LONG": {
        "en": "Field {field}: the text has {length} characters, at most {max} fit.",
        "nb": "Felt {field}: teksten har {length} tegn, høyst {max} får plass.",
        "nl": "Veld {field}: de tekst heeft {length} tekens, er passen er hoogstens {max}.",
    },
    "IMPORT-CONTROL-CHARACTER": {
        "en": "Field {field}: the text holds the control character {character} at position {position}.",
        "nb": "Felt {field}: teksten inneholder kontrolltegnet {character} på plass {position}.",
        "nl": "Veld {field}: de tekst bevat het stuurteken {character} op positie {position}.",
    },
})

# command-line options (flows/cli/)
MESSAGES.update({
    "CLI-INVALID-OPTION": {
        "en": "Option {option}: invalid value or combination; see --help.",
        "nb": "Alternativet {option}: ugyldig verdi eller kombinasjon; se --help.",
        "nl": "Optie {option}: ongeldige waarde of combinatie; zie --help.",
    },
    "CLI-MISSING-OPTION": {
        "en": "Give at least one of {options}.",
        "nb": "Oppgi minst én av {options}.",
        "nl": "Geef minstens een van {options} op.",
    },
    "CLI-MISSING-FILE": {
        "en": "This command needs a file.",
        "nb": "Denne kommandoen trenger en fil.",
        "nl": "Deze opdracht heeft een bestand nodig.",
    },
})
