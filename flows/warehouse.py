"""Physical inventory count sheets as CSV or PDF (BC report "Phys. Inventory List").

The rows come from :func:`domain.inventory.counting.show`; the PDF is the Jinja2
template ``templates/documents/count_sheet.html.j2`` rendered by the same WeasyPrint
path as the printed sales and purchase documents (:mod:`flows.documents`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from domain.app import App
from domain.documents.i18n import language_of
from domain.inventory import counting
from flows import documents

CSV_COLUMNS = ("line_no", "item_no", "description", "lot_no", "serial_no", "qty_calculated", "qty_counted")

LABELS = {
    "title": ("Lageropptelling – telleliste", "Inventarisatie – tellijst", "Physical Inventory Count Sheet"),
    "batch": ("Bunke", "Batch", "Batch"),
    "location": ("Lokasjon", "Locatie", "Location"),
    "date": ("Dato", "Datum", "Date"),
    "item_no": ("Varenr.", "Artikelnr.", "Item no."),
    "description": ("Beskrivelse", "Omschrijving", "Description"),
    "lot_no": ("Lotnr.", "Lotnr.", "Lot no."),
    "serial_no": ("Serienr.", "Serienr.", "Serial no."),
    "qty_calculated": ("Beregnet", "Berekend", "Calculated"),
    "qty_counted": ("Opptalt", "Geteld", "Counted"),
    "counted_by": ("Talt av", "Geteld door", "Counted by"),
}


def sheet_csv(sheet: dict, show_calculated: bool = True) -> str:
    out = io.StringIO()
    columns = [c for c in CSV_COLUMNS if show_calculated or c != "qty_calculated"]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for line in sheet["lines"]:
        writer.writerow({**line, "qty_counted": "" if line["qty_counted"] is None else line["qty_counted"]})
    return out.getvalue()


def sheet_html(sheet: dict, company: str, language: str, show_calculated: bool = True) -> str:
    lang = language_of(language)
    index = ("nb", "nl", "en").index(lang)
    env = documents.environment(lang)
    return env.get_template("documents/count_sheet.html.j2").render(
        sheet=sheet, company=company, language=lang, show_calculated=show_calculated,
        S={key: texts[index] for key, texts in LABELS.items()})


def write_sheet(app: App, batch: str, out: Path, language: str, show_calculated: bool = True) -> None:
    """Write the count sheet of ``batch`` to ``out``: .csv or .pdf (any other suffix: HTML)."""
    sheet = counting.show(app, batch)
    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        out.write_text(sheet_csv(sheet, show_calculated), encoding="utf-8")
        return
    html = sheet_html(sheet, sheet["company"], language, show_calculated)
    if suffix == ".pdf":
        out.write_bytes(documents.html_to_pdf(html))
    else:
        out.write_text(html, encoding="utf-8")
