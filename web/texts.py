"""The approvals page's own words (labels, buttons, confirmations) in en / nb / nl.
Refusals are problem codes with texts in domain/message_texts/."""

from __future__ import annotations

from domain.approvals.documents import SEVERITIES, TITLES

LANGUAGES = ("nb", "nl", "en")

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "title": "Approvals", "sign_in": "Sign in", "sign_out": "Sign out", "user_id": "User id",
        "password": "Password", "waiting": "Waiting for me", "sent": "Sent by me", "nothing": "Nothing here.",
        "document": "Document", "vendor": "Vendor", "amount_excl": "Amount excl. VAT",
        "amount_incl": "Amount incl. VAT", "vat": "VAT", "vat_rate": "VAT {rate} %", "due_date": "Due date",
        "approve_by": "Approve by", "status": "Status", "lines": "Lines", "description": "Description",
        "quantity": "Quantity", "unit_cost": "Unit cost", "line_amount": "Amount", "problems": "Problems",
        "history": "History", "comment": "Comment", "approve": "Approve", "reject": "Reject",
        "delegate": "Delegate", "pdf": "Open the original PDF", "no_pdf": "Entered without a PDF.",
        "page": "Page {n}", "vendor_invoice_no": "Vendor invoice no.", "document_date": "Document date",
        "as_substitute": "as substitute for {user}", "approvers": "Waiting for", "posted_as": "Posted as {no}.",
        "approved": "Approved.", "rejected": "Rejected.", "delegated": "Delegated.",
        "released": "Approved: the document is released.", "not_posted": "Approved and released; not posted yet:",
        "back": "Back to my list", "refused": "Refused", "vendor_total": "Total on the vendor's invoice",
        "signed_in_as": "Signed in as {name}", "when": "When", "who": "Who", "what": "What",
        "status_open": "open", "status_pending_approval": "pending approval", "status_released": "released", "status_posted": "posted", "status_rejected": "rejected",
        "status_closed": "closed", "status_converted": "made an order", "customer": "Customer",
        "external_document_no": "External document no.", "unit_price": "Unit price",
        "nav_approvals": "Approvals", "nav_kpi": "Key figures", "show": "Show",
    },
    "nb": {
        "title": "Godkjenninger", "sign_in": "Logg inn", "sign_out": "Logg ut", "user_id": "Bruker-id",
        "password": "Passord", "waiting": "Venter på meg", "sent": "Sendt av meg", "nothing": "Ingenting her.",
        "document": "Bilag", "vendor": "Leverandør", "amount_excl": "Beløp ekskl. mva",
        "amount_incl": "Beløp inkl. mva", "vat": "Mva", "vat_rate": "Mva {rate} %", "due_date": "Forfallsdato",
        "approve_by": "Godkjenn innen", "status": "Status", "lines": "Linjer", "description": "Beskrivelse",
        "quantity": "Antall", "unit_cost": "Enhetspris", "line_amount": "Beløp", "problems": "Problemer",
        "history": "Historikk", "comment": "Kommentar", "approve": "Godkjenn", "reject": "Avvis",
        "delegate": "Deleger", "pdf": "Åpne original-PDF", "no_pdf": "Registrert uten PDF.",
        "page": "Side {n}", "vendor_invoice_no": "Leverandørens fakturanr.", "document_date": "Bilagsdato",
        "as_substitute": "som stedfortreder for {user}", "approvers": "Venter på", "posted_as": "Bokført som {no}.",
        "approved": "Godkjent.", "rejected": "Avvist.", "delegated": "Delegert.",
        "released": "Godkjent: bilaget er frigitt.", "not_posted": "Godkjent og frigitt; ikke bokført ennå:",
        "back": "Tilbake til listen", "refused": "Avvist", "vendor_total": "Totalt på leverandørens faktura",
        "signed_in_as": "Logget inn som {name}", "when": "Når", "who": "Hvem", "what": "Hva",
        "status_open": "åpen", "status_pending_approval": "venter på godkjenning", "status_released": "frigitt", "status_posted": "bokført", "status_rejected": "avvist",
        "status_closed": "lukket", "status_converted": "gjort til ordre", "customer": "Kunde",
        "external_document_no": "Eksternt bilagsnr.", "unit_price": "Enhetspris",
        "nav_approvals": "Godkjenninger", "nav_kpi": "Nøkkeltall", "show": "Vis",
    },
    "nl": {
        "title": "Goedkeuringen", "sign_in": "Inloggen", "sign_out": "Uitloggen", "user_id": "Gebruikers-id",
        "password": "Wachtwoord", "waiting": "Wacht op mij", "sent": "Door mij verstuurd", "nothing": "Niets hier.",
        "document": "Document", "vendor": "Leverancier", "amount_excl": "Bedrag excl. btw",
        "amount_incl": "Bedrag incl. btw", "vat": "Btw", "vat_rate": "Btw {rate} %", "due_date": "Vervaldatum",
        "approve_by": "Goedkeuren voor", "status": "Status", "lines": "Regels", "description": "Omschrijving",
        "quantity": "Aantal", "unit_cost": "Stukprijs", "line_amount": "Bedrag", "problems": "Problemen",
        "history": "Geschiedenis", "comment": "Opmerking", "approve": "Goedkeuren", "reject": "Afwijzen",
        "delegate": "Delegeren", "pdf": "Originele pdf openen", "no_pdf": "Ingevoerd zonder pdf.",
        "page": "Pagina {n}", "vendor_invoice_no": "Factuurnr. leverancier", "document_date": "Documentdatum",
        "as_substitute": "als vervanger van {user}", "approvers": "Wacht op", "posted_as": "Geboekt als {no}.",
        "approved": "Goedgekeurd.", "rejected": "Afgewezen.", "delegated": "Gedelegeerd.",
        "released": "Goedgekeurd: het document is vrijgegeven.",
        "not_posted": "Goedgekeurd en vrijgegeven; nog niet geboekt:",
        "back": "Terug naar mijn lijst", "refused": "Geweigerd", "vendor_total": "Totaal op de factuur van de leverancier",
        "signed_in_as": "Ingelogd als {name}", "when": "Wanneer", "who": "Wie", "what": "Wat",
        "status_open": "open", "status_pending_approval": "wacht op goedkeuring", "status_released": "vrijgegeven", "status_posted": "geboekt", "status_rejected": "afgewezen",
        "status_closed": "gesloten", "status_converted": "omgezet in order", "customer": "Klant",
        "external_document_no": "Extern documentnr.", "unit_price": "Stukprijs",
        "nav_approvals": "Goedkeuringen", "nav_kpi": "Kerncijfers", "show": "Tonen",
    },
}


def text(language: str, key: str, **params) -> str:
    words = TEXTS.get(language, TEXTS["en"])
    template = words.get(key) or TEXTS["en"].get(key) or key
    return template.format(**params) if params else template


def from_accept_language(header: str | None) -> str:
    """nb / nl / en from the browser's Accept-Language (no and nn count as nb)."""
    for part in (header or "").split(","):
        tag = part.split(";")[0].strip().lower()[:2]
        if tag in ("nb", "no", "nn"):
            return "nb"
        if tag in ("nl", "en"):
            return tag
    return "en"


# what each document under approval is called (purchase order, sales invoice, ...): "kind_<type>",
# and what a problem's severity is called: "severity_<severity>" (both shared with the approval e-mails)
for _index, _language in enumerate(("en", "nb", "nl")):
    for _kind, _names in TITLES.items():
        TEXTS[_language][f"kind_{_kind}"] = _names[_index]
    for _severity, _names in SEVERITIES.items():
        TEXTS[_language][f"severity_{_severity}"] = _names[_index]
