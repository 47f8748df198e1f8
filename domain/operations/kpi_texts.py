"""The role center KPIs' own words (chart titles, series, buckets, table headings) in en / nb / nl."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "kpi_title": "Key figures", "as_of": "As of {date}", "month": "Month", "purchases": "Purchases",
        "sales": "Sales", "cogs": "Cost of goods sold", "gross_profit": "Gross profit",
        "inventory_value": "Inventory value", "inventory_expected": "Expected cost (not invoiced)",
        "payables": "Payables", "receivables": "Receivables", "bucket": "Due",
        "not_due": "Not due", "1_30": "1-30 days", "31_60": "31-60 days", "61_90": "61-90 days",
        "over_90": "Over 90 days", "total": "Total", "waiting": "Documents waiting", "count": "Count",
        "intake_new": "Intake: new", "intake_review": "Intake: to review", "intake_created": "Intake: draft made",
        "approval_open": "In approval", "chart_purchases_sales": "Purchases and sales per month",
        "chart_gross_profit": "Gross profit per month", "chart_inventory": "Inventory value at month end",
        "chart_aging": "Payables and receivables due", "chart_waiting": "Documents waiting in intake and approval",
        "alt_highest": "highest {series}: {amount} in {month}", "alt_latest": "latest {amount} on {date}",
        "alt_aging": "{series} {total} in total, of which overdue {overdue}",
        "alt_waiting": "{intake} in intake, {approval} in approval", "amounts_in": "Amounts in {currency}",
        "data_table": "Data",
    },
    "nb": {
        "kpi_title": "Nøkkeltall", "as_of": "Per {date}", "month": "Måned", "purchases": "Innkjøp",
        "sales": "Salg", "cogs": "Varekostnad", "gross_profit": "Bruttofortjeneste",
        "inventory_value": "Lagerverdi", "inventory_expected": "Forventet kost (ikke fakturert)",
        "payables": "Leverandørgjeld", "receivables": "Kundefordringer", "bucket": "Forfall",
        "not_due": "Ikke forfalt", "1_30": "1-30 dager", "31_60": "31-60 dager", "61_90": "61-90 dager",
        "over_90": "Over 90 dager", "total": "Totalt", "waiting": "Bilag som venter", "count": "Antall",
        "intake_new": "Mottak: nye", "intake_review": "Mottak: til kontroll", "intake_created": "Mottak: kladd laget",
        "approval_open": "Til godkjenning", "chart_purchases_sales": "Innkjøp og salg per måned",
        "chart_gross_profit": "Bruttofortjeneste per måned", "chart_inventory": "Lagerverdi ved månedsslutt",
        "chart_aging": "Leverandørgjeld og kundefordringer etter forfall", "chart_waiting": "Bilag som venter i mottak og godkjenning",
        "alt_highest": "høyeste {series}: {amount} i {month}", "alt_latest": "sist {amount} per {date}",
        "alt_aging": "{series} {total} totalt, herav forfalt {overdue}",
        "alt_waiting": "{intake} i mottak, {approval} til godkjenning", "amounts_in": "Beløp i {currency}",
        "data_table": "Tall",
    },
    "nl": {
        "kpi_title": "Kerncijfers", "as_of": "Per {date}", "month": "Maand", "purchases": "Inkoop",
        "sales": "Verkoop", "cogs": "Kostprijs verkopen", "gross_profit": "Brutowinst",
        "inventory_value": "Voorraadwaarde", "inventory_expected": "Verwachte kosten (niet gefactureerd)",
        "payables": "Crediteuren", "receivables": "Debiteuren", "bucket": "Vervallen",
        "not_due": "Niet vervallen", "1_30": "1-30 dagen", "31_60": "31-60 dagen", "61_90": "61-90 dagen",
        "over_90": "Meer dan 90 dagen", "total": "Totaal", "waiting": "Wachtende documenten", "count": "Aantal",
        "intake_new": "Ontvangst: nieuw", "intake_review": "Ontvangst: te controleren",
        "intake_created": "Ontvangst: concept gemaakt", "approval_open": "In goedkeuring",
        "chart_purchases_sales": "Inkoop en verkoop per maand", "chart_gross_profit": "Brutowinst per maand",
        "chart_inventory": "Voorraadwaarde aan het einde van de maand",
        "chart_aging": "Te betalen en te ontvangen, naar vervaldatum",
        "chart_waiting": "Wachtende documenten in ontvangst en goedkeuring",
        "alt_highest": "hoogste {series}: {amount} in {month}", "alt_latest": "laatste {amount} per {date}",
        "alt_aging": "{series} {total} in totaal, waarvan vervallen {overdue}",
        "alt_waiting": "{intake} in ontvangst, {approval} in goedkeuring", "amounts_in": "Bedragen in {currency}",
        "data_table": "Gegevens",
    },
}


def text(language: str, key: str, **params) -> str:
    words = TEXTS.get(language, TEXTS["en"])
    template = words.get(key) or TEXTS["en"][key]
    return template.format(**params) if params else template
