"""BC's stockout warning on sales documents (issue 15, item 4), SQLite and PostgreSQL: a line
that would take more than is projected to be available on the shipment date warns (never
refuses), naming what is available and the earliest date the quantity is."""

import datetime as dt
import json
from decimal import Decimal as D

from typer.testing import CliRunner

from domain.purchasing import orders as purchase_orders
from domain.sales import documents as sales_documents
from domain.sales import stockout
from flows.cli import app as cli
from tests.support.costing import new_item, post, row


def supply_and_demand(app, item):
    """10 on hand, 8 promised to another order on 11-10, 5 more arriving on 11-25."""
    post(app, row("purchase", item, 10, "10.00", "2026-11-01"))
    sales_documents.create_document(app, {"document_type": "order", "customer_no": "C20000",
                                          "document_date": "2026-11-10", "posting_date": "2026-11-10",
                                          "lines": [{"type": "item", "no": item, "quantity": "8", "unit_price": "20",
                                                     "location": "MAIN"}]})
    purchase_orders.create_order(app, {"document_type": "order", "vendor_no": "V10000", "document_date": "2026-11-25",
                                       "lines": [{"type": "item", "no": item, "quantity": "5",
                                                  "direct_unit_cost": "10", "location": "MAIN"}]})


def order(item, *quantities, date="2026-11-20", document_type="order"):
    return {"document_type": document_type, "customer_no": "C10000", "document_date": date, "posting_date": date,
            "lines": [{"type": "item", "no": item, "quantity": q, "unit_price": "20", "location": "MAIN"}
                      for q in quantities]}


def test_a_line_taking_more_than_is_projected_available_warns_with_the_earliest_date(app):
    item = new_item(app, "SO1", "fifo")
    supply_and_demand(app, item)
    no = sales_documents.create_document(app, order(item, "1", "3"))
    warnings = stockout.check_availability(app, no)
    # 10 - 8 = 2 available on 11-20: line 1 (1) fits, line 2 (3 more, 4 in all) does not
    assert [(w.code, w.params["line_no"], w.params["available"], w.params["earliest"]) for w in warnings] == [
        ("SALES-STOCKOUT-WARNING", 2, "1", "2026-11-25")]
    assert "earliest date available: 2026-11-25" in warnings[0].message("en")
    assert "tidligste dato tilgjengelig" in warnings[0].message("nb")


def test_no_warning_when_the_quantity_is_available_or_the_line_does_not_take_stock(app):
    item = new_item(app, "SO2", "fifo")
    supply_and_demand(app, item)
    assert stockout.check_availability(app, sales_documents.create_document(app, order(item, "2"))) == []
    # after the receipt: 10 - 8 - 2 (the order above) + 5 = 5
    later = sales_documents.create_document(app, order(item, "5", date="2026-11-26"))
    assert stockout.check_availability(app, later) == []
    credit = sales_documents.create_document(app, order(item, "50", document_type="credit_memo"))
    assert stockout.check_availability(app, credit) == []


def test_more_than_will_ever_be_available_has_no_earliest_date(app):
    item = new_item(app, "SO3", "fifo")
    supply_and_demand(app, item)
    quote = sales_documents.create_document(app, order(item, "40", document_type="quote"))
    [warning] = stockout.check_availability(app, quote)
    assert (warning.params["quantity"], warning.params["available"], warning.params["earliest"]) == ("40", "2", "-")


def test_the_cli_warns_at_import_and_on_request_and_exits_0(db_url, app, tmp_path):
    item = new_item(app, "SO4", "fifo")
    supply_and_demand(app, item)
    path = tmp_path / "order.json"
    path.write_text(json.dumps(order(item, "5")), encoding="utf-8")
    runner = CliRunner()
    imported = runner.invoke(cli, ["--db", db_url, "--user", "kari", "sales", "order", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    assert "SALES-STOCKOUT-WARNING" in imported.output
    no = imported.output.strip().splitlines()[-1]
    checked = runner.invoke(cli, ["--db", db_url, "--user", "kari", "sales", "check-availability", no, "--json"])
    assert checked.exit_code == 0, checked.output
    data = json.loads(checked.output)
    assert data["document_no"] == no
    assert [(w["code"], w["line_no"], w["quantity"], w["available"], w["date"], w["earliest"])
            for w in data["warnings"]] == [("SALES-STOCKOUT-WARNING", 1, "5", "2", str(dt.date(2026, 11, 20)),
                                            "2026-11-25")]
    assert D(data["warnings"][0]["available"]) == D(2)
