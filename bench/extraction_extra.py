"""A further real corpus for bench/extraction.py: invoice2data's comparison invoices.

invoice2data (github.com/invoice-x/invoice2data, MIT) keeps real third-party invoices (AWS,
Coolblue, Free, Saeco, QualityHosting, Flipkart, OYO, ...) in ``tests/compare``, each PDF beside
a JSON of the fields its own templates read from it (made by that project, not by us). The PDFs
carry people's names and addresses, so they are not copied into this repository: clone that
project and point ``--extra`` at its ``tests/compare`` folder.

Sets: ``extra-text`` (text layer) and ``extra-scan`` (rasterised and degraded as corpus-scan).
Truth per core field, where the JSON has it: ``invoice_number`` (a leading "#" is the number
sign, not part of the number), ``date``, ``date_due``, ``currency``, ``amount`` (gross),
``amount_untaxed`` (net), ``amount_tax`` (VAT), ``vat`` or ``static_vat`` (the issuer's VAT id,
when it has the shape of one), ``iban``. Fields the JSON lacks are not scored.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

_VAT_SHAPE = re.compile(r"[A-Z]{2}[0-9A-Z]{8,13}")


def extra_truth(path: Path) -> dict:
    raw = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    t = raw[0] if isinstance(raw, list) else raw
    vat = "".join(str(t.get("vat") or t.get("static_vat") or "").split()).upper()
    number = t.get("invoice_number")
    return {"vendor_id": vat if _VAT_SHAPE.fullmatch(vat) else None,
            "invoice_no": str(number).lstrip("#") if number is not None else None,
            "invoice_date": t.get("date"), "due_date": t.get("date_due"), "currency": t.get("currency"),
            "net_amount": t.get("amount_untaxed"), "vat_amount": t.get("amount_tax"),
            "gross_amount": t.get("amount"), "account": t.get("iban"), "payment_reference": None}


def extra_pdfs(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.pdf") if p.with_suffix(".json").exists())
