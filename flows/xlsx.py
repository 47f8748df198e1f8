"""The VAT return as an Excel workbook (openpyxl), written through a temporary file moved into place
(the other reports write one table each through :mod:`flows.tables`)."""

from __future__ import annotations

from pathlib import Path

from flows.tables import write_atomically


def write_vat_return(data: dict, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = f"VAT {data['period']}"[:31]
    sheet.append([f"VAT return {data['period']}", str(data["from"]), str(data["to"])])
    sheet.append([])
    sheet.append(["code", "description", "base", "vat"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for box in data["boxes"]:
        sheet.append([box["code"], box["description"], box["base"], box["vat"]])
    sheet.append([])
    for key in ("output_vat", "deductible_vat", "payable", "vat_accounts_movement",
                "agrees_with_vat_accounts", "closed"):
        sheet.append([key, None, None, data[key]])
    for row in sheet.iter_rows(min_row=4, min_col=3, max_col=4):
        for cell in row:
            cell.number_format = "#,##0.00"
    sheet.column_dimensions["B"].width = 70
    write_atomically(path, book.save)
