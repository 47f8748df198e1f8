"""Learning a vendor's layout from a person's corrections (issue 14).

After ``documents correct`` changes header fields of a PDF invoice from a known vendor, the
archived file is read again in the sandboxed extractor, this time asked to *learn*: for each
corrected value it finds the words that print it and the label before (or above) them
(ocr/learned.py). The anchors are stored per vendor (domain/intake/layouts.py) and every
later sweep hands them to the extractor, which reads that vendor's invoices by them first.
"""

from __future__ import annotations

from pathlib import Path

import ocr
from domain.app import App
from domain.intake import documents as intake
from domain.intake import layouts
from domain.problems import Problem


def learn_from_corrections(app: App, entry_no: int) -> list[dict]:
    """Anchors learned from the corrected header fields of incoming document ``entry_no``
    (stored for its vendor); [] when there is nothing to learn from."""
    shown = intake.show_document(app, entry_no)
    fields = layouts.learnable_corrections(shown)
    archive = shown.get("archive_path")
    if not fields or not shown.get("vendor_no") or not str(shown.get("source", "")).startswith("pdf") \
            or not archive or not Path(archive).is_file():
        return []
    country, ids = intake.buyer_context(app)
    result = ocr.extract_in_subprocess(Path(archive), ocr.Limits(), country, frozenset(ids), learn=fields)
    if isinstance(result, Problem) or not result.learned:
        return []
    layouts.remember(app, shown["vendor_no"], result.learned)
    return result.learned
