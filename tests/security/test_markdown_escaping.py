"""Text from a vendor's document is attacker-controlled: in Prefect's markdown (the approval
Resume form, the incoming-document artifact) it must show as text, never as HTML, a link,
an image or a table break."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flows import markdown as md
from flows.approval_flow import summary_markdown

HOSTILE = [
    "<script>alert('x')</script>",
    "[click here](http://evil.example/steal)",
    "![img](http://evil.example/pixel.png)",
    "| injected | cells |",
    "**bold** _it_ `code` # heading\n- list",
    "<img src=x onerror=alert(1)>",
]


def rendered_unsafe(markdown: str) -> list[str]:
    """Fragments a markdown renderer would turn into markup."""
    bad = []
    for needle in ("<script", "<img", "](http", "![", "onerror=<"):
        if needle in markdown:
            bad.append(needle)
    return bad


def test_hostile_text_becomes_inert_markdown():
    for value in HOSTILE:
        out = md.text(value)
        assert rendered_unsafe(out) == []
        assert "\n" not in out
        assert "|" not in out.replace("\\|", "")


def test_a_hostile_vendor_name_and_line_description_show_as_text_in_the_approval_form():
    data = {"document_no": "PI-000001", "document_type": "invoice", "vendor_no": "V1",
            "vendor_name": HOSTILE[0], "vendor_invoice_no": HOSTILE[1], "currency": "NOK",
            "amount_lcy_excl_vat": Decimal("100"), "lcy": "NOK", "due_date": dt.date(2026, 12, 1),
            "open_approvers": ["ola"], "pdf": "incoming document 1",
            "lines": [{"line_no": 1, "no": "6800", "description": HOSTILE[2] + HOSTILE[3],
                       "quantity": Decimal("1"), "direct_unit_cost": Decimal("100")}],
            "problems": [HOSTILE[5]],
            "intake_problems": [{"severity": "warning", "code": "PEPPOL-RULE-WARNING\n- `x`",
                                 "message": HOSTILE[1] + HOSTILE[4] + HOSTILE[5]}]}
    out = summary_markdown(data)
    assert rendered_unsafe(out) == []
    [intake_line] = [line for line in out.splitlines() if line.startswith("- **warning** ")]
    assert "&lt;img src=x" in intake_line and intake_line.endswith("(`PEPPOL-RULE-WARNING - &#x27;x&#x27;`)")
    table_rows = [line for line in out.splitlines() if line.startswith("| 1 ")]
    assert len(table_rows) == 1 and table_rows[0].count(" | ") == 4  # no injected cells
    assert "&lt;script&gt;" in out


def test_the_incoming_document_artifact_of_a_hostile_file_name_and_vendor_shows_them_as_text(app, tmp_path):
    from flows import inbox
    from flows.inbox_flow import document_markdown
    from tests.support.intake import config, no_sleep, vendor_invoice

    cfg = config(tmp_path)
    pdf, _ = vendor_invoice(app, vendor_name="<script>alert(1)</script> [x](http://evil.example)")
    (cfg.inbox / "a](http:evil) <img src=x onerror=alert(1)>.pdf").write_bytes(pdf)
    [result] = inbox.sweep(app, cfg, sleep=no_sleep).results
    out = document_markdown(app, result)
    assert rendered_unsafe(out) == []
    assert "# Incoming document" in out
