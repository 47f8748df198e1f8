"""Problem texts (en / nb / nl) of item cards, categories and attributes, physical
inventory and transfer orders (domain/inventory: items, counting, transfers)."""

from __future__ import annotations

from domain.message_texts.core import MESSAGES

# item cards, categories, attributes (domain/inventory/items.py, card_rules.py)
MESSAGES.update({
    "ITEM-NOT-FOUND": {
        "en": "There is no item {no}.",
        "nb": "Vare {no} finnes ikke.",
        "nl": "Artikel {no} bestaat niet.",
    },
    "ITEM-UNKNOWN-CATEGORY": {
        "en": "{field}: there is no item category {code}.",
        "nb": "{field}: varekategorien {code} finnes ikke.",
        "nl": "{field}: artikelcategorie {code} bestaat niet.",
    },
    "ITEM-CATEGORY-CODE-TOO-LONG": {
        "en": "The category code {code} is longer than {max} characters.",
        "nb": "Kategorikoden {code} er lengre enn {max} tegn.",
        "nl": "De categoriecode {code} is langer dan {max} tekens.",
    },
    "ITEM-CATEGORY-CYCLE": {
        "en": "That parent would make the category its own ancestor: {path}.",
        "nb": "Den overordnede kategorien ville gjort kategorien til sin egen forelder: {path}.",
        "nl": "Die bovenliggende categorie maakt de categorie haar eigen voorouder: {path}.",
    },
    "ITEM-ATTRIBUTE-NAME-TOO-LONG": {
        "en": "An attribute name has at most {max} characters.",
        "nb": "Et attributtnavn har høyst {max} tegn.",
        "nl": "Een kenmerknaam heeft hoogstens {max} tekens.",
    },
    "ITEM-ATTRIBUTE-EXISTS": {
        "en": "The item attribute {attribute} already exists.",
        "nb": "Vareattributtet {attribute} finnes allerede.",
        "nl": "Het artikelkenmerk {attribute} bestaat al.",
    },
    "ITEM-UNKNOWN-ATTRIBUTE": {
        "en": "There is no item attribute {attribute}.",
        "nb": "Vareattributtet {attribute} finnes ikke.",
        "nl": "Artikelkenmerk {attribute} bestaat niet.",
    },
    "ITEM-ATTRIBUTE-VALUES-ONLY-FOR-OPTION": {
        "en": "{field}: only an option attribute has a list of values (this one is {type}).",
        "nb": "{field}: bare et alternativattributt har en liste med verdier (dette er {type}).",
        "nl": "{field}: alleen een optiekenmerk heeft een lijst met waarden (dit is {type}).",
    },
    "ITEM-ATTRIBUTE-OPTION-NEEDS-VALUES": {
        "en": "{field}: an option attribute needs its values (--values a,b).",
        "nb": "{field}: et alternativattributt trenger verdiene sine (--values a,b).",
        "nl": "{field}: een optiekenmerk heeft zijn waarden nodig (--values a,b).",
    },
    "ITEM-ATTRIBUTE-DUPLICATE-OPTION": {
        "en": "{field}: each option value may appear only once.",
        "nb": "{field}: hver alternativverdi kan bare stå én gang.",
        "nl": "{field}: elke optiewaarde mag maar één keer voorkomen.",
    },
    "ITEM-ATTRIBUTE-WRONG-TYPE": {
        "en": "{field}: {value} is not a value of type {type} (attribute {attribute}).",
        "nb": "{field}: {value} er ikke en verdi av typen {type} (attributt {attribute}).",
        "nl": "{field}: {value} is geen waarde van type {type} (kenmerk {attribute}).",
    },
    "ITEM-ATTRIBUTE-VALUE-EMPTY": {
        "en": "{field}: attribute {attribute} needs a value.",
        "nb": "{field}: attributtet {attribute} trenger en verdi.",
        "nl": "{field}: kenmerk {attribute} heeft een waarde nodig.",
    },
    "ITEM-ATTRIBUTE-VALUE-TOO-LONG": {
        "en": "{field}: a value of attribute {attribute} has at most {max} characters.",
        "nb": "{field}: en verdi av attributtet {attribute} har høyst {max} tegn.",
        "nl": "{field}: een waarde van kenmerk {attribute} heeft hoogstens {max} tekens.",
    },
    "ITEM-ATTRIBUTE-UNKNOWN-OPTION": {
        "en": "{field}: {value} is not an option of attribute {attribute} ({options}).",
        "nb": "{field}: {value} er ikke et alternativ for attributtet {attribute} ({options}).",
        "nl": "{field}: {value} is geen optie van kenmerk {attribute} ({options}).",
    },
    "ITEM-VARIANT-CODE-TOO-LONG": {
        "en": "The variant code {code} is longer than {max} characters.",
        "nb": "Variantkoden {code} er lengre enn {max} tegn.",
        "nl": "De variantcode {code} is langer dan {max} tekens.",
    },
    "ITEM-VARIANT-EXISTS": {
        "en": "Item {item_no} already has a variant {code}.",
        "nb": "Vare {item_no} har allerede en variant {code}.",
        "nl": "Artikel {item_no} heeft al een variant {code}.",
    },
})

# physical inventory (domain/inventory/counting.py, count_rules.py)
MESSAGES.update({
    "PHYS-UNKNOWN-BATCH": {
        "en": "There is no physical inventory batch {batch}.",
        "nb": "Lageropptellingsbunken {batch} finnes ikke.",
        "nl": "Er is geen inventarisatiebatch {batch}.",
    },
    "PHYS-BATCH-POSTED": {
        "en": "Physical inventory batch {batch} is already posted ({document_no}).",
        "nb": "Lageropptellingsbunken {batch} er allerede bokført ({document_no}).",
        "nl": "Inventarisatiebatch {batch} is al geboekt ({document_no}).",
    },
    "PHYS-COUNTING-FREQUENCY": {
        "en": "{field}: a count frequency per year is a whole number from {min} to {max} (got {value}).",
        "nb": "{field}: tellefrekvens per år er et heltall fra {min} til {max} (fikk {value}).",
        "nl": "{field}: de telfrequentie per jaar is een geheel getal van {min} tot {max} (gekregen: {value}).",
    },
    "PHYS-COUNTING-PERIOD-CODE-TOO-LONG": {
        "en": "Counting period code {code} is longer than {max} characters.",
        "nb": "Telleperiodekoden {code} er lengre enn {max} tegn.",
        "nl": "Telperiodecode {code} is langer dan {max} tekens.",
    },
    "PHYS-UNKNOWN-COUNTING-PERIOD": {
        "en": "There is no counting period {code}: add it with `physical-inventory counting-period add`.",
        "nb": "Det finnes ingen telleperiode {code}: legg den til med `physical-inventory counting-period add`.",
        "nl": "Er is geen telperiode {code}: voeg die toe met `physical-inventory counting-period add`.",
    },
    "PHYS-NOTHING-DUE": {
        "en": "No item is due for counting on {date}: no batch was made (see `physical-inventory due`).",
        "nb": "Ingen varer skal telles {date}: ingen bunke ble laget (se `physical-inventory due`).",
        "nl": "Geen artikel hoeft op {date} geteld te worden: er is geen batch gemaakt (zie `physical-inventory due`).",
    },
    "PHYS-ITEM-NOT-IN-BATCH": {
        "en": "Item {item_no} is not in batch {batch}: calculate a new batch that includes it.",
        "nb": "Vare {item_no} er ikke i bunken {batch}: beregn en ny bunke som tar den med.",
        "nl": "Artikel {item_no} staat niet in batch {batch}: bereken een nieuwe batch waarin het staat.",
    },
    "PHYS-NEGATIVE-QUANTITY": {
        "en": "{field}: a counted quantity cannot be negative ({value}).",
        "nb": "{field}: et opptalt antall kan ikke være negativt ({value}).",
        "nl": "{field}: een geteld aantal kan niet negatief zijn ({value}).",
    },
    "PHYS-TRACKING-REQUIRED": {
        "en": "{field}: item {item_no} is tracked by {tracking} no.: count each {tracking} no. on its own.",
        "nb": "{field}: vare {item_no} spores med {tracking}nr.: tell hvert {tracking}nr. for seg.",
        "nl": "{field}: artikel {item_no} wordt gevolgd op {tracking}nr.: tel elk {tracking}nr. apart.",
    },
    "PHYS-ITEM-NOT-TRACKED": {
        "en": "{field}: item {item_no} is not tracked that way; count it without a lot or serial no.",
        "nb": "{field}: vare {item_no} spores ikke slik; tell den uten lot- eller serienr.",
        "nl": "{field}: artikel {item_no} wordt zo niet gevolgd; tel het zonder lot- of serienr.",
    },
    "PHYS-SERIAL-QUANTITY": {
        "en": "{field}: serial no. {serial_no} is counted as 0 or 1, not {value}.",
        "nb": "{field}: serienr. {serial_no} telles som 0 eller 1, ikke {value}.",
        "nl": "{field}: serienr. {serial_no} telt als 0 of 1, niet {value}.",
    },
})

# transfer orders (domain/inventory/transfers.py, transfer_rules.py)
MESSAGES.update({
    "TRANSFER-NOT-FOUND": {
        "en": "There is no transfer order {no}.",
        "nb": "Overføringsordren {no} finnes ikke.",
        "nl": "Transferorder {no} bestaat niet.",
    },
    "TRANSFER-NO-LINES": {
        "en": "{field}: a transfer order needs at least one line.",
        "nb": "{field}: en overføringsordre trenger minst én linje.",
        "nl": "{field}: een transferorder heeft minstens één regel nodig.",
    },
    "TRANSFER-SAME-LOCATION": {
        "en": "{field}: a transfer goes from {location} to another location, not to itself.",
        "nb": "{field}: en overføring går fra {location} til en annen lokasjon, ikke til seg selv.",
        "nl": "{field}: een transfer gaat van {location} naar een andere locatie, niet naar zichzelf.",
    },
    "TRANSFER-LOCATION-IS-IN-TRANSIT": {
        "en": "{field}: {location} is an in-transit location; goods only pass through it.",
        "nb": "{field}: {location} er en transittlokasjon; varer går bare gjennom den.",
        "nl": "{field}: {location} is een onderweglocatie; goederen gaan er alleen doorheen.",
    },
    "TRANSFER-NOT-IN-TRANSIT": {
        "en": "{field}: location {location} is not set up as an in-transit location "
              "(location set {location} --in-transit yes).",
        "nb": "{field}: lokasjonen {location} er ikke satt opp som transittlokasjon "
              "(location set {location} --in-transit yes).",
        "nl": "{field}: locatie {location} is niet ingesteld als onderweglocatie "
              "(location set {location} --in-transit yes).",
    },
    "TRANSFER-TRACKING-NOT-A-LIST": {
        "en": "{field} must be a list of objects with lot_no or serial_no and quantity.",
        "nb": "{field} må være en liste med objekter med lot_no eller serial_no og quantity.",
        "nl": "{field} moet een lijst van objecten met lot_no of serial_no en quantity zijn.",
    },
    "TRANSFER-TRACKING-ONE-NO": {
        "en": "{field}: give either a lot_no or a serial_no.",
        "nb": "{field}: oppgi enten lot_no eller serial_no.",
        "nl": "{field}: geef een lot_no of een serial_no.",
    },
    "TRANSFER-TRACKING-QUANTITY": {
        "en": "{field}: the tracking adds up to {tracked}, the line's quantity is {quantity}.",
        "nb": "{field}: sporingen summerer til {tracked}, linjens antall er {quantity}.",
        "nl": "{field}: de tracering telt op tot {tracked}, het aantal van de regel is {quantity}.",
    },
    "TRANSFER-UNKNOWN-LINE": {
        "en": "{field}: the order has no line {line}.",
        "nb": "{field}: ordren har ingen linje {line}.",
        "nl": "{field}: de order heeft geen regel {line}.",
    },
    "TRANSFER-MORE-THAN-OUTSTANDING": {
        "en": "{field}: line {line} has {open} left to ship, not {quantity}.",
        "nb": "{field}: linje {line} har {open} igjen å sende, ikke {quantity}.",
        "nl": "{field}: regel {line} heeft nog {open} te verzenden, niet {quantity}.",
    },
    "TRANSFER-MORE-THAN-SHIPPED": {
        "en": "{field}: line {line} has {open} shipped and not received, not {quantity}.",
        "nb": "{field}: linje {line} har {open} sendt og ikke mottatt, ikke {quantity}.",
        "nl": "{field}: regel {line} heeft {open} verzonden en niet ontvangen, niet {quantity}.",
    },
    "TRANSFER-NOTHING-TO-SHIP": {
        "en": "{field}: there is nothing to ship.",
        "nb": "{field}: det er ingenting å sende.",
        "nl": "{field}: er is niets te verzenden.",
    },
    "TRANSFER-NOTHING-TO-RECEIVE": {
        "en": "{field}: there is nothing to receive.",
        "nb": "{field}: det er ingenting å motta.",
        "nl": "{field}: er is niets te ontvangen.",
    },
    "TRANSFER-RECEIPT-BEFORE-SHIPMENT": {
        "en": "{field}: goods shipped on {shipped} cannot be received on {date}, before they left.",
        "nb": "{field}: varer sendt {shipped} kan ikke mottas {date}, før de ble sendt.",
        "nl": "{field}: goederen verzonden op {shipped} kunnen niet op {date} ontvangen worden, voor vertrek.",
    },
    "TRANSFER-MORE-THAN-AVAILABLE": {
        "en": "{field}: {quantity} of item {item_no} ({tracking}) is more than the {available} "
              "available at {location}.",
        "nb": "{field}: {quantity} av vare {item_no} ({tracking}) er mer enn de {available} "
              "tilgjengelige på {location}.",
        "nl": "{field}: {quantity} van artikel {item_no} ({tracking}) is meer dan de {available} "
              "beschikbaar op {location}.",
    },
})
