"""Dutch starting company: a compact chart numbered in the Dutch tradition with
RGS (Referentie GrootboekSchema) reference codes, BTW rates 21/9/0 (Wet OB
1968 art. 9), and reverse charge ("BTW verlegd", art. 12) for EU purchases. The
rates are the legal ones of the intake's field contract (domain/intake_contract.py)."""

from domain.intake_contract import LEGAL_VAT_RATES
from domain.setup.charts import PCT, CountryChart

B, I = "balance_sheet", "income_statement"
HIGH, LOW, ZERO = LEGAL_VAT_RATES["NL"]

CHART = CountryChart(
    country="NL", currency="EUR", time_zone="Europe/Amsterdam", language="nl",
    accounts=[
        ("1100", "Bank", B, None, None, "BLimBan"),
        ("1300", "Debiteuren", B, None, None, "BVorDeb"),
        ("1350", "Vooruitbetaald aan leveranciers", B, "SERVICES", "ZERO", "BVorOvr"),
        ("1500", "Af te dragen BTW hoog", B, None, None, "BSchBepBtwAfg"),
        ("1505", "Af te dragen BTW laag", B, None, None, "BSchBepBtwAfg"),
        ("1510", "Voorbelasting BTW", B, None, None, "BSchBepBtwVoo"),
        ("1520", "Af te dragen BTW verlegd", B, None, None, "BSchBepBtwAfg"),
        ("1600", "Crediteuren", B, None, None, "BSchCre"),
        ("1650", "Nog te ontvangen facturen (interim)", B, None, None, "BSchOvs"),
        ("1660", "Vooruitontvangen van klanten", B, "SERVICES", "ZERO", "BSchOvs"),
        ("3000", "Voorraad handelsgoederen", B, None, None, "BVrdHan"),
        ("3009", "Ontvangen, niet gefactureerd (interim)", B, None, None, "BVrdHan"),
        ("4100", "Huur bedrijfsruimte", I, "SERVICES", "ZERO", "WBedHui"),
        ("4300", "Kantoorbenodigdheden", I, "SERVICES", "HIGH", "WBedKan"),
        ("4310", "Telefoon en internet", I, "SERVICES", "HIGH", "WBedKan"),
        ("4500", "Reiskosten", I, "SERVICES", "LOW", "WBedVkk"),
        ("4600", "Accountantskosten", I, "SERVICES", "HIGH", "WBedAlg"),
        ("4700", "Verzekeringen", I, "SERVICES", "ZERO", "WBedAlg"),
        ("4900", "Bankkosten", I, "SERVICES", "ZERO", "WBedAlg"),
        ("4950", "Afrondingsverschillen", I, "SERVICES", "ZERO", "WBedAlg"),
        ("7000", "Inkopen handelsgoederen", I, "RETAIL", "HIGH", "WKprInk"),
        ("7010", "Kostprijs van de omzet", I, None, None, "WKprInk"),
        ("7011", "Kostprijs van de omzet (interim)", I, None, None, "WKprInk"),
        ("7060", "Vracht- en invoerkosten inkoop", I, "FREIGHT", "HIGH", "WKprInk"),
        ("7090", "Voorraadmutatie handelsgoederen", I, None, None, "WKprInk"),
        ("7095", "Voorraadverschillen", I, None, None, "WKprInk"),
        ("7096", "Prijsverschillen inkoop (standaardkostprijs)", I, None, None, "WKprInk"),
        ("7097", "Toegerekende indirecte kosten", I, None, None, "WKprInk"),
        ("7500", "Inkoop diensten", I, "SERVICES", "HIGH", "WKprInk"),
        ("8000", "Omzet hoog tarief", I, "RETAIL", "HIGH", "WOmz"),
        ("8020", "Omzet 0 % / buitenland", I, "RETAIL", "ZERO", "WOmz"),
        ("9200", "Koerswinst (gerealiseerd)", I, None, None, "WFbe"),
        ("9210", "Koersverlies (gerealiseerd)", I, None, None, "WFbe"),
    ],
    gen_bus=[("DOMESTIC", "Binnenland", "DOMESTIC"), ("FOREIGN", "Buitenland (EU)", "FOREIGN")],
    gen_prod=[("RETAIL", "Handelsgoederen", "HIGH"), ("SERVICES", "Diensten", "HIGH"),
              ("FREIGHT", "Vracht", "HIGH")],
    vat_bus=[("DOMESTIC", "Binnenlandse relaties"), ("FOREIGN", "Buitenlandse relaties (verlegd)")],
    vat_prod=[("HIGH", "Hoog tarief 21 %"), ("LOW", "Laag tarief 9 %"), ("ZERO", "Nul / vrijgesteld")],
    vat_setup=[
        ("DOMESTIC", "HIGH", HIGH, "normal", "1510", "1500", None, "5b"),
        ("DOMESTIC", "LOW", LOW, "normal", "1510", "1505", None, "5b"),
        ("DOMESTIC", "ZERO", ZERO, "normal", "1510", "1500", None, "5b"),
        ("FOREIGN", "HIGH", HIGH, "reverse_charge", "1510", "1500", "1520", "4b"),
        ("FOREIGN", "LOW", LOW, "reverse_charge", "1510", "1505", "1520", "4b"),
        ("FOREIGN", "ZERO", ZERO, "normal", "1510", "1500", None, "4b"),
    ],
    general_setup={
        prod: {"purch_account": purch, "sales_account": "8000", "cogs_account": "7010",
               "cogs_account_interim": "7011", "inventory_adjmt_account": "7095",
               "direct_cost_applied_account": "7090", "overhead_applied_account": "7097",
               "purchase_variance_account": "7096", "invt_accrual_account_interim": "1650"}
        for prod, purch in (("RETAIL", "7000"), ("SERVICES", "7500"), ("FREIGHT", "7060"))
    },
    general_bus_overrides={"FOREIGN": {"sales_account": "8020"}},
    inventory_account="3000", inventory_account_interim="3009",
    payables_account="1600", receivables_account="1300",
    prepayment_account="1350", invoice_rounding_account="4950", sales_prepayment_account="1660",
    realized_gains_account="9200", realized_losses_account="9210",
    payment_terms=[
        ("0D", "Contant", "0D", None, PCT(0)),
        ("14D", "14 dagen netto", "14D", None, PCT(0)),
        ("30D", "30 dagen netto", "30D", None, PCT(0)),
        ("1M8D", "1 maand, 2 % binnen 8 dagen", "1M", "8D", PCT(2)),
        ("CM", "Lopende maand", "CM", None, PCT(0)),
    ],
)
