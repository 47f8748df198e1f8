"""What the inbox holds besides invoices: files named like quarantine records, FIFOs,
symlinks, unreadable files, e-invoices with more lines than anyone reads. Each ends recorded
with a stable code, nothing is lost and nothing is left waiting unseen. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from domain.intake import documents as intake
from domain.intake.model import IncomingDocument
from flows import inbox
from ocr.quarantined import entries
from ocr.xmlsafe import MAX_LINES
from tests.support.intake import EHF_INVOICE, config, count, documents, no_sleep, vendor_invoice
from tests.support.servers import BIN, without_read_override


def sweep(app, cfg):
    return inbox.sweep(app, cfg, sleep=no_sleep)


def rejected(app) -> dict[str, IncomingDocument]:
    return {d.original_name: d for d in documents(app) if d.status == "rejected"}


def test_a_file_named_like_a_reason_record_does_not_overwrite_what_quarantine_holds(app, tmp_path):
    cfg = config(tmp_path)
    forged = b'{"code": "FORGED", "reason": "written by whoever dropped it"}'
    (cfg.inbox / "X.pdf.reason.json").write_bytes(forged)
    sweep(app, cfg)
    (cfg.inbox / "X.pdf").write_bytes(b"MZ\x90\x00 not a pdf")
    sweep(app, cfg)
    docs = rejected(app)
    with open(docs["X.pdf.reason.json"].quarantine_path, "rb") as fh:
        assert fh.read() == forged
    with open(docs["X.pdf"].quarantine_path, "rb") as fh:
        assert fh.read() == b"MZ\x90\x00 not a pdf"
    codes = {e.path.name: e.code for e in entries(cfg.quarantine)}
    assert codes == {"X.pdf.reason.json": "INTAKE-UNSUPPORTED-TYPE", "X.pdf": "PDF-NOT-A-PDF"}
    assert sweep(app, cfg).results == [] and count(app, IncomingDocument) == 2


def test_a_fifo_in_the_inbox_is_recorded_and_does_not_block_the_sweep(app, tmp_path):
    cfg = config(tmp_path)
    os.mkfifo(cfg.inbox / "scan.pdf")
    good, _ = vendor_invoice(app)
    (cfg.inbox / "good.pdf").write_bytes(good)
    results = {r.name: r for r in sweep(app, cfg).results}
    assert results["good.pdf"].status == "created"
    assert (results["scan.pdf"].outcome, results["scan.pdf"].codes) == ("rejected", ("INTAKE-NOT-A-FILE",))
    assert list(cfg.inbox.iterdir()) == []
    [entry] = entries(cfg.quarantine)
    assert entry.kind == "special" and str(entry.path) == rejected(app)["scan.pdf"].quarantine_path


def test_a_symlink_in_the_inbox_leaves_a_record_of_its_target_and_no_link_in_quarantine(app, tmp_path):
    cfg = config(tmp_path)
    os.symlink("/etc/passwd", cfg.inbox / "passwd.pdf")
    [result] = sweep(app, cfg).results
    assert result.codes == ("INTAKE-SYMLINK",)
    assert [p for p in cfg.quarantine.rglob("*") if p.is_symlink()] == [] and list(cfg.inbox.iterdir()) == []
    with open(rejected(app)["passwd.pdf"].quarantine_path, encoding="utf-8") as fh:
        record = json.load(fh)
    assert (record["code"], record["link_target"], record["file"]) == ("INTAKE-SYMLINK", "/etc/passwd", None)


def test_a_crash_between_quarantine_and_registration_is_registered_once_by_the_next_sweep(
        app, tmp_path, monkeypatch):
    cfg = config(tmp_path)
    (cfg.inbox / "bad.pdf").write_bytes(b"MZ not a pdf")
    os.symlink("/etc/hostname", cfg.inbox / "link.pdf")

    def power_cut(*_args):
        raise RuntimeError("power cut")

    monkeypatch.setattr(inbox.intake_register, "register_rejected", power_cut)
    assert [r.outcome for r in sweep(app, cfg).results] == ["error", "error"]
    monkeypatch.undo()
    assert sorted((r.name, r.codes) for r in sweep(app, cfg).results) == [
        ("bad.pdf", ("PDF-NOT-A-PDF",)), ("link.pdf", ("INTAKE-SYMLINK",))]
    assert sweep(app, cfg).results == [] and count(app, IncomingDocument) == 2


def test_an_unreadable_file_is_quarantined_with_its_code_instead_of_failing_every_sweep(app, db_url, tmp_path):
    cfg = config(tmp_path)
    locked = cfg.inbox / "locked.pdf"
    locked.write_bytes(b"%PDF-1.7 private")
    locked.chmod(0)
    env = {**os.environ, "LEDGERFLOW_HOME": str(tmp_path), "LEDGERFLOW_DATABASE_URL": db_url,
           "LEDGERFLOW_USER": "kari", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([*without_read_override(), str(BIN / "ledgerflow"), "inbox", "process", "--settle", "0",
                           "--json"], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [row] = json.loads(done.stdout)["files"]
    assert (row["file"], row["outcome"], row["problems"]) == ("locked.pdf", "rejected", "INTAKE-UNREADABLE")
    assert list(cfg.inbox.iterdir()) == []
    [entry] = entries(cfg.quarantine)
    assert entry.code == "INTAKE-UNREADABLE" and entry.path.name == "locked.pdf"


def ubl_with_lines(total: int) -> bytes:
    """The EHF example invoice with its first line repeated until it has ``total`` lines."""
    xml = EHF_INVOICE.read_text(encoding="utf-8")
    line = re.search(r"<cac:InvoiceLine>.*?</cac:InvoiceLine>", xml, re.DOTALL).group(0)
    extra = total - xml.count("<cac:InvoiceLine>")
    return xml.replace("</Invoice>", "\n".join([line] * extra) + "\n</Invoice>").encode("utf-8")


def test_a_ubl_with_more_lines_than_the_limit_waits_in_review_with_no_line_read(app, tmp_path):
    cfg = config(tmp_path)
    (cfg.inbox / "huge.xml").write_bytes(ubl_with_lines(MAX_LINES + 1))
    [result] = sweep(app, cfg).results
    assert (result.outcome, result.status) == ("registered", "review") and "OCR-TOO-MANY-LINES" in result.codes
    shown = intake.show_document(app, result.entry_no)
    assert (shown["lines"], shown["lines_total"]) == ([], 0)
    [problem] = [p for p in shown["problems"] if p["code"] == "OCR-TOO-MANY-LINES"]
    assert problem["severity"] == "error" and str(MAX_LINES + 1) in problem["message"]
    assert shown["fields"] and count(app, IncomingDocument) == 1


def test_a_ubl_at_the_line_limit_is_read_whole(app, tmp_path):
    cfg = config(tmp_path)
    (cfg.inbox / "big.xml").write_bytes(ubl_with_lines(MAX_LINES))
    [result] = sweep(app, cfg).results
    assert "OCR-TOO-MANY-LINES" not in result.codes
    # every invoice line, and the example's document-level charge and allowance as two more lines
    assert intake.show_document(app, result.entry_no)["lines_total"] == MAX_LINES + 2
