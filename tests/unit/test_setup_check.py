"""Setup completeness (pure): every posting-group combination in use needs its setup."""

from decimal import Decimal

from domain.ledger.rules.posting import AccountInfo, GeneralSetup, SetupTables, VatSetup
from domain.setup.rules import SetupUsage, setup_gaps


def _tables() -> SetupTables:
    tables = SetupTables()
    for no in ("2400", "2710", "1460", "4000", "7790"):
        tables.accounts[no] = AccountInfo(False, True)
    tables.general[("DOMESTIC", "RETAIL")] = GeneralSetup(purch_account="4000",
                                                          direct_cost_applied_account="7790")
    tables.vat[("DOMESTIC", "HIGH")] = VatSetup(Decimal(25), "normal", "2710", None, None, None)
    tables.inventory[("MAIN", "RESALE")] = "1460"
    tables.payables["DOMESTIC"] = "2400"
    return tables


def _usage(**changes) -> SetupUsage:
    base = dict(vendors=frozenset({("DOMESTIC", "DOMESTIC", "DOMESTIC")}), gen_prod=frozenset({"RETAIL"}),
                inventory_gen_prod=frozenset({"RETAIL"}), vat_prod=frozenset({"HIGH"}),
                inventory=frozenset({("MAIN", "RESALE")}))
    return SetupUsage(**{**base, **changes})


def test_complete_setup_has_no_gaps():
    assert setup_gaps(_tables(), _usage()) == []


def test_every_missing_combination_is_reported_once_with_the_codes_posting_uses():
    usage = _usage(vendors=frozenset({("DOMESTIC", "DOMESTIC", "DOMESTIC"), ("EU", "EU", "DOMESTIC")}),
                   inventory=frozenset({("MAIN", "RESALE"), ("", "RESALE")}))
    gaps = setup_gaps(_tables(), usage)
    assert sorted((p.code, tuple(sorted(p.params.values()))) for p in gaps) == [
        ("SETUP-MISSING-GENERAL-POSTING-SETUP", ("EU", "RETAIL")),
        ("SETUP-MISSING-INVENTORY-POSTING-SETUP", ("(blank)", "RESALE")),
        ("SETUP-MISSING-VAT-POSTING-SETUP", ("EU", "HIGH")),
    ]


def test_a_setup_row_without_the_account_purchase_posting_needs_is_a_gap():
    tables = _tables()
    tables.general[("DOMESTIC", "RETAIL")] = GeneralSetup(purch_account="4000")
    tables.vat[("DOMESTIC", "HIGH")] = VatSetup(Decimal(25), "normal", None, None, None, None)
    fields = sorted(p.field for p in setup_gaps(tables, _usage()))
    assert fields == ["general_posting_setup[DOMESTIC,RETAIL].direct_cost_applied_account",
                      "vat_posting_setup[DOMESTIC,HIGH].purchase_vat_account"]
