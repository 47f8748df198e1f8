"""Problem texts (en / nb / nl) of the foundation, intake, approvals and costing."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "AP-DUPLICATE-VENDOR-INVOICE": {
        "en": "Vendor {vendor_no} already has a document with vendor invoice no. {vendor_invoice_no} ({existing}).",
        "nb": "Leverandør {vendor_no} har allerede et bilag med fakturanr. {vendor_invoice_no} ({existing}).",
        "nl": "Leverancier {vendor_no} heeft al een document met factuurnummer {vendor_invoice_no} ({existing}).",
    },
    "PURCH-VENDOR-INVOICE-NO-MISSING": {
        "en": "The vendor invoice no. is missing.",
        "nb": "Leverandørens fakturanummer mangler.",
        "nl": "Het factuurnummer van de leverancier ontbreekt.",
    },
    "PURCH-VENDOR-CR-MEMO-NO-MISSING": {
        "en": "The vendor credit memo no. is missing.",
        "nb": "Leverandørens kreditnotanummer mangler.",
        "nl": "Het creditnotanummer van de leverancier ontbreekt.",
    },
    "PURCH-VENDOR-BLOCKED": {
        "en": "Vendor {vendor_no} is blocked.",
        "nb": "Leverandør {vendor_no} er sperret.",
        "nl": "Leverancier {vendor_no} is geblokkeerd.",
    },
    "PURCH-ITEM-BLOCKED": {
        "en": "Item {item_no} is blocked.",
        "nb": "Vare {item_no} er sperret.",
        "nl": "Artikel {item_no} is geblokkeerd.",
    },
    "POST-DATE-NOT-ALLOWED": {
        "en": "Posting date {posting_date} is outside the allowed range {from}..{to}.",
        "nb": "Bokføringsdato {posting_date} er utenfor tillatt periode {from}..{to}.",
        "nl": "Boekingsdatum {posting_date} valt buiten de toegestane periode {from}..{to}.",
    },
    "PURCH-UNKNOWN-VENDOR": {
        "en": "There is no vendor {vendor_no}.",
        "nb": "Leverandør {vendor_no} finnes ikke.",
        "nl": "Leverancier {vendor_no} bestaat niet.",
    },
    "PURCH-UNKNOWN-ITEM": {
        "en": "There is no item {item_no}.",
        "nb": "Vare {item_no} finnes ikke.",
        "nl": "Artikel {item_no} bestaat niet.",
    },
    "INV-INSUFFICIENT-QUANTITY": {
        "en": "Not enough {item_no} in stock: {requested} requested, {available} available.",
        "nb": "Ikke nok {item_no} på lager: {requested} ønsket, {available} tilgjengelig.",
        "nl": "Onvoldoende {item_no} op voorraad: {requested} gevraagd, {available} beschikbaar.",
    },
    "SETUP-MISSING-ACCOUNT": {
        "en": "An account is missing in {setup}.",
        "nb": "En konto mangler i {setup}.",
        "nl": "Er ontbreekt een rekening in {setup}.",
    },
    "SETUP-MISSING-GENERAL-POSTING-SETUP": {
        "en": "General posting setup {gen_bus}/{gen_prod} is missing.",
        "nb": "Bokføringsoppsett {gen_bus}/{gen_prod} mangler.",
        "nl": "Boekingsinstelling {gen_bus}/{gen_prod} ontbreekt.",
    },
    "SETUP-MISSING-VAT-POSTING-SETUP": {
        "en": "VAT posting setup {vat_bus}/{vat_prod} is missing.",
        "nb": "MVA-bokføringsoppsett {vat_bus}/{vat_prod} mangler.",
        "nl": "BTW-boekingsinstelling {vat_bus}/{vat_prod} ontbreekt.",
    },
    "PURCH-VAT-MISMATCH": {
        "en": "The invoice shows VAT {printed}, but the lines give {computed}.",
        "nb": "Fakturaen viser MVA {printed}, men linjene gir {computed}.",
        "nl": "De factuur toont BTW {printed}, maar de regels geven {computed}.",
    },
    "PURCH-CANCEL-INVOICE-PAID": {
        "en": "Invoice {no} is paid or applied and cannot be cancelled.",
        "nb": "Faktura {no} er betalt eller utlignet og kan ikke annulleres.",
        "nl": "Factuur {no} is betaald of vereffend en kan niet worden geannuleerd.",
    },
    "PURCH-CANCEL-ITEM-CONSUMED": {
        "en": "Item {item_no} from entry {entry_no} has been used and cannot be returned exactly.",
        "nb": "Vare {item_no} fra post {entry_no} er brukt og kan ikke returneres eksakt.",
        "nl": "Artikel {item_no} uit post {entry_no} is verbruikt en kan niet exact worden teruggeboekt.",
    },
    "IMPORT-MISSING-FIELD": {
        "en": "Field {field} is required.",
        "nb": "Feltet {field} må fylles ut.",
        "nl": "Veld {field} is verplicht.",
    },
    "IMPORT-INVALID-NUMBER": {
        "en": "Field {field}: {value!r} is not a number.",
        "nb": "Felt {field}: {value!r} er ikke et tall.",
        "nl": "Veld {field}: {value!r} is geen getal.",
    },
    "IMPORT-INVALID-DATE": {
        "en": "Field {field}: {value!r} is not a date (use YYYY-MM-DD).",
        "nb": "Felt {field}: {value!r} er ikke en dato (bruk ÅÅÅÅ-MM-DD).",
        "nl": "Veld {field}: {value!r} is geen datum (gebruik JJJJ-MM-DD).",
    },
    "APPROVAL-REQUIRED": {
        "en": '{no} needs approval (workflow {workflow}): send an approval request first.',
        "nb": '{no} må godkjennes (arbeidsflyt {workflow}): send en godkjenningsforespørsel først.',
        "nl": '{no} moet worden goedgekeurd (workflow {workflow}): verstuur eerst een goedkeuringsverzoek.',
    },
    "APPROVAL-PENDING": {
        "en": '{no} is waiting for approval and cannot be posted yet.',
        "nb": '{no} venter på godkjenning og kan ikke bokføres ennå.',
        "nl": '{no} wacht op goedkeuring en kan nog niet worden geboekt.',
    },
    "APPROVAL-REJECTED": {
        "en": '{no} was rejected: change it if needed and send a new approval request.',
        "nb": '{no} ble avvist: endre bilaget ved behov og send en ny godkjenningsforespørsel.',
        "nl": '{no} is afgewezen: pas het zo nodig aan en verstuur een nieuw goedkeuringsverzoek.',
    },
    "APPROVAL-VERSION-CHANGED": {
        "en": '{no} changed after it was approved (approved version {approved_version}, now {version}): it needs a new approval.',
        "nb": '{no} er endret etter godkjenning (godkjent versjon {approved_version}, nå {version}): det må godkjennes på nytt.',
        "nl": '{no} is gewijzigd na goedkeuring (goedgekeurde versie {approved_version}, nu {version}): het moet opnieuw worden goedgekeurd.',
    },
    "APPROVAL-SELF-APPROVAL": {
        "en": '{user} requested, created or edited the document and may not approve it.',
        "nb": '{user} har bedt om godkjenning av, opprettet eller endret bilaget og kan ikke godkjenne det selv.',
        "nl": '{user} heeft het document aangevraagd, aangemaakt of gewijzigd en mag het niet zelf goedkeuren.',
    },
    "APPROVAL-REASON-REQUIRED": {
        "en": "A sole trader's self-approval of {no} needs a reason (--comment).",
        "nb": 'Egengodkjenning av {no} i enkeltpersonforetak krever en begrunnelse (--comment).',
        "nl": 'Zelfgoedkeuring van {no} door een eenmanszaak vereist een reden (--comment).',
    },
    "APPROVAL-ALREADY-APPROVED-BY-USER": {
        "en": '{user} has already approved {no} in this request; one person gives one approval.',
        "nb": '{user} har allerede godkjent {no} i denne forespørselen; én person gir én godkjenning.',
        "nl": '{user} heeft {no} in dit verzoek al goedgekeurd; één persoon geeft één goedkeuring.',
    },
    "APPROVAL-NOT-YOUR-ENTRY": {
        "en": 'No open approval entry of {no} is assigned to {user}.',
        "nb": 'Ingen åpen godkjenningspost for {no} er tildelt {user}.',
        "nl": 'Er is geen open goedkeuringspost van {no} aan {user} toegewezen.',
    },
    "APPROVAL-SUBSTITUTE-LIMIT": {
        "en": '{user} may not approve {no} on behalf of its approver: {amount} is above your own approval limit.',
        "nb": '{user} kan ikke godkjenne {no} på vegne av godkjenneren: {amount} er over din egen godkjenningsgrense.',
        "nl": '{user} mag {no} niet namens de goedkeurder goedkeuren: {amount} ligt boven uw eigen goedkeuringslimiet.',
    },
    "APPROVAL-ENTRY-ALREADY-DECIDED": {
        "en": 'The approval entry for {no} has already been decided.',
        "nb": 'Godkjenningsposten for {no} er allerede avgjort.',
        "nl": 'Over de goedkeuringspost van {no} is al beslist.',
    },
    "APPROVAL-NO-OPEN-REQUEST": {
        "en": '{no} has no open approval request.',
        "nb": '{no} har ingen åpen godkjenningsforespørsel.',
        "nl": '{no} heeft geen open goedkeuringsverzoek.',
    },
    "APPROVAL-NOT-REQUIRED": {
        "en": 'No enabled approval workflow applies to {no}: it can be posted without approval.',
        "nb": 'Ingen aktiv godkjenningsflyt gjelder {no}: det kan bokføres uten godkjenning.',
        "nl": 'Geen actieve goedkeuringsworkflow is van toepassing op {no}: het kan zonder goedkeuring worden geboekt.',
    },
    "APPROVAL-ALREADY-PENDING": {
        "en": '{no} is already waiting for approval.',
        "nb": '{no} venter allerede på godkjenning.',
        "nl": '{no} wacht al op goedkeuring.',
    },
    "APPROVAL-DOCUMENT-LOCKED": {
        "en": '{no} is waiting for approval and cannot be edited: cancel the request first.',
        "nb": '{no} venter på godkjenning og kan ikke endres: kanseller forespørselen først.',
        "nl": '{no} wacht op goedkeuring en kan niet worden gewijzigd: annuleer eerst het verzoek.',
    },
    "APPROVAL-NO-DELEGATE": {
        "en": 'Nobody can take over this approval of {no} (no substitute, approver or administrator).',
        "nb": 'Ingen kan overta denne godkjenningen av {no} (ingen stedfortreder, godkjenner eller administrator).',
        "nl": 'Niemand kan deze goedkeuring van {no} overnemen (geen vervanger, fiatteur of beheerder).',
    },
    "APPROVAL-ONLY-REQUESTER-CAN-CANCEL": {
        "en": 'Only the requester ({requester}) or an approval administrator can cancel the request for {no}.',
        "nb": 'Bare den som ba om godkjenning ({requester}) eller en godkjenningsadministrator kan kansellere forespørselen for {no}.',
        "nl": 'Alleen de aanvrager ({requester}) of een goedkeuringsbeheerder kan het verzoek voor {no} annuleren.',
    },
    "APPROVAL-LIMIT-NOT-COVERED": {
        "en": 'Nobody up the approver chain may approve {amount}.',
        "nb": 'Ingen i godkjenningskjeden kan godkjenne {amount}.',
        "nl": 'Niemand in de goedkeuringsketen mag {amount} goedkeuren.',
    },
    "APPROVAL-NO-APPROVER": {
        "en": '{field}: no one can approve this step (the requester has no approver, or no member of the '
              'user group may approve).',
        "nb": '{field}: ingen kan godkjenne dette trinnet (den som ber om godkjenning har ingen godkjenner, '
              'eller ingen i brukergruppen kan godkjenne).',
        "nl": '{field}: niemand kan deze stap goedkeuren (de aanvrager heeft geen goedkeurder, of geen lid van '
              'de gebruikersgroep mag goedkeuren).',
    },
    "APPROVAL-USER-NOT-SET-UP": {
        "en": 'User {user} has no approval user setup.',
        "nb": 'Bruker {user} har ikke godkjenningsoppsett.',
        "nl": 'Gebruiker {user} heeft geen goedkeuringsinstellingen.',
    },
    "APPROVAL-APPROVER-NOT-ALLOWED": {
        "en": 'User {user} may not approve (approval limit 0 and not unlimited).',
        "nb": 'Bruker {user} kan ikke godkjenne (grense 0 og ikke ubegrenset).',
        "nl": 'Gebruiker {user} mag niet goedkeuren (limiet 0 en niet onbeperkt).',
    },
    "INTAKE-UNKNOWN-VENDOR": {
        "en": "No vendor matches {name}: check the proposed vendor card {proposed_no} and accept it.",
        "nb": "Ingen leverandør passer til {name}: kontroller forslaget {proposed_no} og godkjenn det.",
        "nl": "Geen leverancier past bij {name}: controleer de voorgestelde kaart {proposed_no} en accepteer die.",
    },
    "INTAKE-SETTLEMENT-ACCOUNT-MISSING": {
        # {account} shows the setting's name in the reader's language (domain/field_names.py), so the
        # options are named here
        "en": "Vendor posting group {group} has no {account}: set it with ledgerflow setup vendor-posting-group "
              "(--prepayment-account, --invoice-rounding-account).",
        "nb": "Leverandørbokføringsgruppe {group} mangler {account}: angi den med ledgerflow setup "
              "vendor-posting-group (--prepayment-account, --invoice-rounding-account).",
        "nl": "Leveranciersboekingsgroep {group} heeft geen {account}: stel die in met ledgerflow setup "
              "vendor-posting-group (--prepayment-account, --invoice-rounding-account).",
    },
    "INTAKE-DRAFT-IN-APPROVAL": {
        "en": "Incoming document {entry_no}: its draft {no} is in approval; cancel the approval request "
              "first, or correct the draft itself.",
        "nb": "Inngående dokument {entry_no}: utkastet {no} er til godkjenning; avbryt "
              "godkjenningsforespørselen først, eller rett selve utkastet.",
        "nl": "Inkomend document {entry_no}: het concept {no} wacht op goedkeuring; annuleer eerst de "
              "goedkeuringsaanvraag, of corrigeer het concept zelf.",
    },
    "INTAKE-LINE-UNCERTAIN": {
        "en": "Line {line} ({description}) looks like item {item_no} ({score} % alike) but not enough to be sure: "
              "map it with documents correct N line.{line}.item=NO or line.{line}.account=NO.",
        "nb": "Linje {line} ({description}) ligner på vare {item_no} ({score} % likhet), men ikke nok til å være "
              "sikker: koble den med documents correct N line.{line}.item=NR eller line.{line}.account=NR.",
        "nl": "Regel {line} ({description}) lijkt op artikel {item_no} ({score} % gelijk), maar niet genoeg om "
              "zeker te zijn: koppel hem met documents correct N line.{line}.item=NR of line.{line}.account=NR.",
    },
    "INTAKE-VENDOR-ID-CONFLICT": {
        "en": "The identifiers on the invoice ({printed}) point at different companies (vendors {vendors}, "
              "or one we do not know): choose the vendor with documents correct N vendor_no=V.",
        "nb": "Identifikatorene på fakturaen ({printed}) peker på ulike selskaper (leverandør {vendors}, "
              "eller et vi ikke kjenner): velg leverandør med documents correct N vendor_no=V.",
        "nl": "De kenmerken op de factuur ({printed}) wijzen naar verschillende bedrijven (leverancier "
              "{vendors}, of een onbekend bedrijf): kies de leverancier met documents correct N vendor_no=V.",
    },
    "INTAKE-BANK-ACCOUNT-CHANGED": {
        "en": "The invoice asks for payment to {printed}, but vendor {vendor_no} has {card} on file.",
        "nb": "Fakturaen ber om betaling til {printed}, men leverandør {vendor_no} har {card} registrert.",
        "nl": "De factuur vraagt betaling op {printed}, maar leverancier {vendor_no} heeft {card} geregistreerd.",
    },
    "INTAKE-MISSING-FIELD": {
        "en": "Field {field} is missing on the invoice.",
        "nb": "Feltet {field} mangler på fakturaen.",
        "nl": "Veld {field} ontbreekt op de factuur.",
    },
    "INTAKE-NO-LINES": {
        "en": "Neither lines nor a VAT breakdown could be read: correct the amounts or lines.",
        "nb": "Verken linjer eller MVA-spesifikasjon kunne leses: korriger beløp eller linjer.",
        "nl": "Geen regels of btw-specificatie gelezen: corrigeer de bedragen of regels.",
    },
    "INTAKE-LINES-FROM-VAT-GROUPS": {
        "en": "The {lines} line(s) do not add up to the net amount: the draft has one line per VAT rate.",
        "nb": "De {lines} linjene summerer ikke til nettobeløpet: utkastet har én linje per MVA-sats.",
        "nl": "De {lines} regel(s) tellen niet op tot het nettobedrag: het concept heeft een regel per btw-tarief.",
    },
    "INTAKE-LINE-UNMAPPED": {
        "en": "No item or account for line {field} ({description}): correct with line.N.account=...",
        "nb": "Ingen vare eller konto for linje {field} ({description}): korriger med line.N.account=...",
        "nl": "Geen artikel of rekening voor regel {field} ({description}): corrigeer met line.N.account=...",
    },
    "INTAKE-VAT-RATE-UNMAPPED": {
        "en": "No VAT posting setup gives {rate} % for business group {vat_bus}.",
        "nb": "Intet MVA-oppsett gir {rate} % for gruppen {vat_bus}.",
        "nl": "Geen btw-instelling geeft {rate} % voor groep {vat_bus}.",
    },
    "INTAKE-TOTALS-MISMATCH": {
        "en": "Net {net} + VAT {vat} is not the total {gross}.",
        "nb": "Netto {net} + MVA {vat} er ikke totalen {gross}.",
        "nl": "Netto {net} + btw {vat} is niet het totaal {gross}.",
    },
    "INTAKE-INVALID-CORRECTION": {
        "en": "{field}: {value!r} is not a valid value.",
        "nb": "{field}: {value!r} er ikke en gyldig verdi.",
        "nl": "{field}: {value!r} is geen geldige waarde.",
    },
    "INTAKE-UNKNOWN-FIELD": {
        "en": "{field} is not a field that can be corrected.",
        "nb": "{field} er ikke et felt som kan korrigeres.",
        "nl": "{field} is geen veld dat gecorrigeerd kan worden.",
    },
    "INTAKE-FIELD-TOO-LONG": {
        "en": "{field} has {length} characters ({value}); at most {max_length} fit: correct it "
              "(documents correct ID {field_key}=...).",
        "nb": "{field} har {length} tegn ({value}); høyst {max_length} får plass: korriger feltet "
              "(documents correct ID {field_key}=...).",
        "nl": "{field} heeft {length} tekens ({value}); hoogstens {max_length} passen: corrigeer het veld "
              "(documents correct ID {field_key}=...).",
    },
    "INTAKE-NUMBER-TOO-LARGE": {
        "en": "{field} is {value}: more than {max_digits} digits before the decimal point: correct it "
              "(documents correct ID {field_key}=...).",
        "nb": "{field} er {value}: mer enn {max_digits} sifre før desimaltegnet: korriger feltet "
              "(documents correct ID {field_key}=...).",
        "nl": "{field} is {value}: meer dan {max_digits} cijfers voor de komma: corrigeer het veld "
              "(documents correct ID {field_key}=...).",
    },
    "INTAKE-DOCUMENT-CLOSED": {
        "en": "Incoming document {entry_no} is {status} and can no longer be changed.",
        "nb": "Innkommende dokument {entry_no} er {status} og kan ikke endres.",
        "nl": "Inkomend document {entry_no} is {status} en kan niet meer worden gewijzigd.",
    },
    "INV-PERIOD-CLOSED": {
        "en": "Inventory is closed up to {closed_through}: nothing can be posted on {posting_date}.",
        "nb": "Lageret er lukket til og med {closed_through}: ingenting kan bokføres {posting_date}.",
        "nl": "De voorraad is afgesloten tot en met {closed_through}: op {posting_date} kan niets worden geboekt.",
    },
    "INV-PERIOD-COST-NOT-ADJUSTED": {
        "en": "Adjust cost before closing the inventory period (items: {items}).",
        "nb": "Juster kost før lagerperioden lukkes (varer: {items}).",
        "nl": "Pas eerst de kostprijs aan voordat de voorraadperiode wordt afgesloten (artikelen: {items}).",
    },
    "COST-UNKNOWN-COSTING-METHOD": {
        "en": "Item cost cannot be adjusted: unknown costing method {method}.",
        "nb": "Varekost kan ikke justeres: ukjent kostmetode {method}.",
        "nl": "Kostprijs kan niet worden aangepast: onbekende waarderingsmethode {method}.",
    },
    "COST-POST-PERIOD-CLOSED": {
        "en": "Value entry dated {posting_date} lies in a closed inventory period and was not posted to G/L.",
        "nb": "Verdipost datert {posting_date} ligger i en lukket lagerperiode og ble ikke bokført i hovedboken.",
        "nl": "Waardepost van {posting_date} valt in een afgesloten voorraadperiode en is niet naar het grootboek geboekt.",
    },
    "POST-DATE-NOT-IN-USER-RANGE": {
        "en": "Posting date {posting_date} is not within your range of allowed posting dates ({from}..{to}, "
              "user setup of {user}).",
        "nb": "Bokføringsdato {posting_date} er utenfor din tillatte bokføringsperiode ({from}..{to}, "
              "brukeroppsett for {user}).",
        "nl": "Boekingsdatum {posting_date} valt buiten uw toegestane boekingsperiode ({from}..{to}, "
              "gebruikersinstelling van {user}).",
    },
    "REVAL-NOTHING-ON-HAND": {
        "en": "Item {item_no} has nothing on hand to revalue on {posting_date}.",
        "nb": "Vare {item_no} har ingen beholdning å omvurdere {posting_date}.",
        "nl": "Artikel {item_no} heeft op {posting_date} geen voorraad om te herwaarderen.",
    },
    "REVAL-AVERAGE-NOT-PERIOD-END": {
        "en": "An average-cost item is revalued only at the end of an average cost period ({period_end}).",
        "nb": "En vare med gjennomsnittskost omvurderes bare ved slutten av en periode ({period_end}).",
        "nl": "Een artikel met gemiddelde kostprijs wordt alleen aan het eind van een periode geherwaardeerd ({period_end}).",
    },
    "REVAL-AVERAGE-PER-ITEM-ONLY": {
        "en": "Average-cost item {item_no} is revalued per item only (no entry no.; calc type Item).",
        "nb": "Vare {item_no} med gjennomsnittskost omvurderes bare per vare.",
        "nl": "Artikel {item_no} met gemiddelde kostprijs wordt alleen per artikel geherwaardeerd.",
    },
    "REVAL-GIVE-UNIT-COST-OR-AMOUNT": {
        "en": "Give either new_unit_cost or revalued_amount ({field}).",
        "nb": "Oppgi enten new_unit_cost eller revalued_amount ({field}).",
        "nl": "Geef new_unit_cost of revalued_amount op ({field}).",
    },
    "REVAL-NEGATIVE-VALUE": {
        "en": "{field} is {value}: inventory can be revalued down to zero, never below.",
        "nb": "{field} er {value}: lager kan omvurderes ned til null, aldri lavere.",
        "nl": "{field} is {value}: voorraad kan tot nul worden geherwaardeerd, nooit lager.",
    },
}
