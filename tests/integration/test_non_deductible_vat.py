"""Issue 16: Non-deductible VAT (BC feature "Non-Deductible VAT"), on SQLite and PostgreSQL.

With a VAT posting setup's Non-Deductible VAT % at 50, half of a purchase's VAT is not posted to
the Purchase VAT Account but added to the cost: the item's direct cost (value entry) and the
Purch. Account, and the G/L line of an account line. The VAT entry carries the deductible part
as its amount and the rest as Non-Deductible VAT Amount; the VAT return deducts only the
deductible part and agrees with the VAT accounts."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from domain.compliance import vat_return
from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting
from domain.costing import reports as costing_reports
from domain.ledger import reports
from domain.ledger.model import VATEntry
from domain.problems import RejectedError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.setup import non_deductible_vat
from flows.cli import app as cli
from tests.support.costing import new_item, post, row, stock, value_entries
from tests.support.documents import gl_line, invoice, item_line

PURCHASE_VAT, PAYABLES = "2710", "2400"


def balances(app) -> dict[str, D]:
    return {r["account_no"]: r["balance"] for r in reports.trial_balance(app)}


def test_half_of_the_vat_is_added_to_the_items_cost_and_the_expense_and_the_return_deducts_the_rest(app):
    non_deductible_vat.set_non_deductible_pct(app, "DOMESTIC", "HIGH", "50")
    item = new_item(app, "ND-1", "fifo")
    before = balances(app)
    result = purchase_posting.post_document(app, purchase_documents.create_document(app, invoice(
        lines=[item_line(item, "10", "100.00"), gl_line("6800", "1000.00")], posting_date="2026-11-20")))
    assert result.posted_no
    direct, = value_entries(app, item)
    assert (direct.entry_type, direct.cost_amount_actual) == ("direct_cost", D("1125.00"))  # 1000 + 125
    moved = {no: amount - before.get(no, D(0)) for no, amount in balances(app).items()}
    assert moved[PURCHASE_VAT] == D("250.00")  # 500 VAT, 250 of it deductible
    assert moved["6800"] == D("1125.00")
    assert moved[PAYABLES] == D("-2500.00")  # the vendor is owed the whole VAT
    with app.uow() as s:
        entry = s.query(VATEntry).filter(VATEntry.document_no == result.posted_no).one()
        assert (entry.base, entry.amount, entry.non_deductible_vat_amount) == (D("2000.00"), D("250.00"),
                                                                             D("250.00"))
    returned = vat_return.vat_return(app, "2026-11")
    assert returned.deductible_vat == D("250.00") and returned.agrees
    post(app, row("sale", item, 10, date="2026-11-21"))
    cost_adjustment.adjust(app)
    gl_posting.post_inventory_cost(app)
    assert stock(app, item) == (D(0), D(0))
    assert all(r["difference"] == 0 for r in costing_reports.inventory_reconciliation(app))
    assert sum(balances(app).values(), D(0)) == 0


def test_the_non_deductible_parts_of_a_group_add_up_to_its_rounded_share(app):
    non_deductible_vat.set_non_deductible_pct(app, "DOMESTIC", "HIGH", "33.3333")
    item = new_item(app, "ND-2", "fifo")
    result = purchase_posting.post_document(app, purchase_documents.create_document(app, invoice(
        lines=[item_line(item, "1", "33.33"), item_line(item, "1", "66.67")])))  # VAT 25.00
    with app.uow() as s:
        entry = s.query(VATEntry).filter(VATEntry.document_no == result.posted_no).one()
        assert (entry.amount, entry.non_deductible_vat_amount) == (D("16.67"), D("8.33"))
    assert sum(v.cost_amount_actual for v in value_entries(app, item)) == D("108.33")
    assert sum(balances(app).values(), D(0)) == 0


@pytest.mark.parametrize("pct", ["101", "-1", "x"])
def test_a_non_deductible_pct_outside_0_to_100_is_refused(app, pct):
    with pytest.raises(RejectedError) as refused:
        non_deductible_vat.set_non_deductible_pct(app, "DOMESTIC", "HIGH", pct)
    assert [p.code for p in refused.value.rejected.problems] in (
        ["SETUP-NON-DEDUCTIBLE-PCT-OUT-OF-RANGE"], ["IMPORT-INVALID-NUMBER"])


def test_setup_vat_sets_the_non_deductible_pct_through_the_cli(db_url):
    runner = CliRunner()
    assert runner.invoke(cli, ["--db", db_url, "init", "--country", "NO", "--demo"]).exit_code == 0
    done = runner.invoke(cli, ["--db", db_url, "setup", "vat", "DOMESTIC", "HIGH", "--non-deductible-pct", "40"])
    assert done.exit_code == 0, done.output
    refused = runner.invoke(cli, ["--db", db_url, "setup", "vat", "DOMESTIC", "HIGH", "--non-deductible-pct", "140"])
    assert refused.exit_code == 2 and "SETUP-NON-DEDUCTIBLE-PCT-OUT-OF-RANGE" in refused.output
