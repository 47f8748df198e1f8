"""The physical inventory count sheet: CSV columns, labels in the user's language, and item
descriptions (user text) escaped in the HTML the PDF is made from."""

import datetime as dt
from decimal import Decimal as D

from flows import warehouse

SHEET = {"batch": "PHYS-000001", "company": "Demo <AS>", "location": "MAIN", "location_name": "Hovedlager",
         "posting_date": dt.date(2026, 11, 30), "status": "open", "document_no": None,
         "lines": [{"line_no": 1, "item_no": "1000", "description": "<script>alert(1)</script>", "lot_no": "L1",
                    "serial_no": "", "qty_calculated": D("4.00000"), "qty_counted": None, "difference": None}]}


def test_the_csv_sheet_has_one_row_per_line_and_a_blind_sheet_no_calculated_quantity():
    assert warehouse.sheet_csv(SHEET).splitlines() == [
        "line_no,item_no,description,lot_no,serial_no,qty_calculated,qty_counted",
        "1,1000,<script>alert(1)</script>,L1,,4.00000,"]
    assert "qty_calculated" not in warehouse.sheet_csv(SHEET, show_calculated=False)


def test_the_html_sheet_escapes_descriptions_and_speaks_norwegian():
    html = warehouse.sheet_html(SHEET, SHEET["company"], "nb")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Lageropptelling" in html and "30.11.2026" in html and "Demo &lt;AS&gt;" in html
    assert "Beregnet" not in warehouse.sheet_html(SHEET, "Demo", "nb", show_calculated=False)
