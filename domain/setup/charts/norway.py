"""Norwegian starting company: NS 4102 account numbers, MVA rates 25/15/12/0
(mva-loven chapter 5), reverse charge for services bought abroad (mva-loven
section 11-3), SAF-T standard tax codes on the VAT posting setup. The rates are
the legal ones of the intake's field contract (domain/intake_contract.py)."""

from domain.intake_contract import LEGAL_VAT_RATES
from domain.setup.charts import PCT, CountryChart

B, I = "balance_sheet", "income_statement"
HIGH, MEDIUM, LOW, ZERO = LEGAL_VAT_RATES["NO"]

CHART = CountryChart(
    country="NO", currency="NOK", time_zone="Europe/Oslo", language="nb",
    accounts=[
        ("1460", "Innkjøpte varer for videresalg", B, None, None, "1460"),
        ("1469", "Varer mottatt, ikke fakturert (interim)", B, None, None, "1460"),
        ("1500", "Kundefordringer", B, None, None, "1500"),
        ("1570", "Forskudd til leverandører", B, "SERVICES", "ZERO", "1570"),
        ("1920", "Bankinnskudd", B, None, None, "1920"),
        ("2400", "Leverandørgjeld", B, None, None, "2400"),
        ("2700", "Utgående merverdiavgift, høy sats", B, None, None, "2700"),
        ("2701", "Utgående merverdiavgift, middels sats", B, None, None, "2700"),
        ("2702", "Utgående merverdiavgift, lav sats", B, None, None, "2700"),
        ("2705", "Utgående mva, omvendt avgiftsplikt", B, None, None, "2700"),
        ("2710", "Inngående merverdiavgift, høy sats", B, None, None, "2710"),
        ("2711", "Inngående merverdiavgift, middels sats", B, None, None, "2710"),
        ("2712", "Inngående merverdiavgift, lav sats", B, None, None, "2710"),
        ("2715", "Inngående mva, omvendt avgiftsplikt", B, None, None, "2710"),
        ("2790", "Påløpte varekjøp, ikke fakturert (interim)", B, None, None, "2790"),
        ("2900", "Forskudd fra kunder", B, "SERVICES", "ZERO", "2900"),
        ("3000", "Salgsinntekt, avgiftspliktig", I, "RETAIL", "HIGH", "3000"),
        ("3100", "Salgsinntekt, avgiftsfri", I, "RETAIL", "ZERO", "3100"),
        ("4300", "Innkjøp av varer for videresalg", I, "RETAIL", "HIGH", "4300"),
        ("4360", "Frakt og toll på varekjøp", I, "FREIGHT", "HIGH", "4300"),
        ("4390", "Beholdningsendring varer for videresalg", I, None, None, "4390"),
        ("4391", "Varekostnad solgte varer", I, None, None, "4390"),
        ("4392", "Varekostnad solgte varer, interim", I, None, None, "4390"),
        ("4395", "Lagerjusteringer og svinn", I, None, None, "4390"),
        ("4396", "Innkjøpsavvik (standardkost)", I, None, None, "4390"),
        ("4397", "Indirekte kostnader henført lager", I, None, None, "4390"),
        ("4500", "Fremmedytelser og underentreprise", I, "SERVICES", "HIGH", "4500"),
        ("6300", "Leie lokale", I, "SERVICES", "ZERO", "6300"),
        ("6340", "Lys, varme", I, "SERVICES", "HIGH", "6340"),
        ("6540", "Inventar", I, "SERVICES", "HIGH", "6540"),
        ("6700", "Revisjons- og regnskapshonorar", I, "SERVICES", "HIGH", "6700"),
        ("6800", "Kontorrekvisita", I, "SERVICES", "HIGH", "6800"),
        ("6860", "Møte, kurs, oppdatering", I, "SERVICES", "HIGH", "6860"),
        ("6900", "Telefon og internett", I, "SERVICES", "HIGH", "6900"),
        ("7140", "Reisekostnad, ikke oppgavepliktig", I, "SERVICES", "LOW", "7140"),
        ("7500", "Forsikringspremie", I, "SERVICES", "ZERO", "7500"),
        ("7770", "Bank- og kortgebyrer", I, "SERVICES", "ZERO", "7770"),
        ("7790", "Øreavrunding", I, "SERVICES", "ZERO", "7700"),
        ("8060", "Valutagevinst (agio)", I, None, None, "8060"),
        ("8160", "Valutatap (disagio)", I, None, None, "8160"),
    ],
    gen_bus=[("DOMESTIC", "Innenlands", "DOMESTIC"), ("FOREIGN", "Utland", "FOREIGN")],
    gen_prod=[("RETAIL", "Handelsvarer", "HIGH"), ("SERVICES", "Tjenester", "HIGH"),
              ("FREIGHT", "Frakt og toll", "HIGH")],
    vat_bus=[("DOMESTIC", "Innenlandske kunder og leverandører"),
             ("FOREIGN", "Utenlandske (omvendt avgiftsplikt)")],
    vat_prod=[("HIGH", "Høy sats 25 %"), ("MEDIUM", "Middels sats 15 % (næringsmidler)"),
              ("LOW", "Lav sats 12 % (persontransport, overnatting)"), ("ZERO", "Fritatt / 0 %")],
    vat_setup=[
        ("DOMESTIC", "HIGH", HIGH, "normal", "2710", "2700", None, "1"),
        ("DOMESTIC", "MEDIUM", MEDIUM, "normal", "2711", "2701", None, "11"),
        ("DOMESTIC", "LOW", LOW, "normal", "2712", "2702", None, "13"),
        ("DOMESTIC", "ZERO", ZERO, "normal", "2710", "2700", None, "0"),
        ("FOREIGN", "HIGH", HIGH, "reverse_charge", "2715", "2700", "2705", "86"),
        ("FOREIGN", "MEDIUM", ZERO, "normal", "2711", "2701", None, "0"),
        ("FOREIGN", "LOW", ZERO, "normal", "2712", "2702", None, "0"),
        ("FOREIGN", "ZERO", ZERO, "normal", "2710", "2700", None, "0"),
    ],
    general_setup={
        prod: {"purch_account": purch, "sales_account": "3000", "cogs_account": "4391",
               "cogs_account_interim": "4392", "inventory_adjmt_account": "4395",
               "direct_cost_applied_account": "4390", "overhead_applied_account": "4397",
               "purchase_variance_account": "4396", "invt_accrual_account_interim": "2790"}
        for prod, purch in (("RETAIL", "4300"), ("SERVICES", "4500"), ("FREIGHT", "4360"))
    },
    general_bus_overrides={"FOREIGN": {"sales_account": "3100"}},
    inventory_account="1460", inventory_account_interim="1469",
    payables_account="2400", receivables_account="1500",
    prepayment_account="1570", invoice_rounding_account="7790", sales_prepayment_account="2900",
    realized_gains_account="8060", realized_losses_account="8160",
    payment_terms=[
        ("0D", "Kontant", "0D", None, PCT(0)),
        ("14D", "14 dager netto", "14D", None, PCT(0)),
        ("30D", "30 dager netto", "30D", None, PCT(0)),
        ("1M8D", "1 måned, 2 % innen 8 dager", "1M", "8D", PCT(2)),
        ("CM", "Løpende måned", "CM", None, PCT(0)),
    ],
)
