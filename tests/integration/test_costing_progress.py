"""Progress of `costs adjust` and `costs post-to-gl` (issue 16): the services report each
batch; the CLI draws a bar on stderr only on a terminal and never with --json."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from domain.costing import adjustment as cost_adjustment
from domain.costing import gl_posting
from domain.costing import periods as inventory_periods
from flows import output
from flows.cli import app as cli
from tests.support.costing import new_item, post, row

runner = CliRunner(mix_stderr=False) if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else CliRunner()


def test_the_services_report_progress_per_batch(app):
    inventory_periods.set_inventory_setup(app, automatic_cost_adjustment="never", automatic_cost_posting=False)
    for no in ("PG1", "PG2", "PG3"):
        new_item(app, no, "fifo")
        post(app, row("purchase", no, 2, "10.00", "2026-11-02"), row("sale", no, 1, "99.00", "2026-11-03"))
    seen = []
    cost_adjustment.adjust(app, batch_size=2, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(2, 3), (3, 3)]
    posted = []
    result = gl_posting.post_inventory_cost(app, batch_size=4, progress=posted.append)
    assert posted and posted == sorted(posted) and posted[-1] == result.posted_entries


@pytest.mark.parametrize("terminal", [True, False])
def test_the_cli_draws_the_bar_on_stderr_only_on_a_terminal(db_url, monkeypatch, terminal):
    monkeypatch.setattr(output, "show_progress", lambda: terminal)

    def run(*args):
        result = runner.invoke(cli, ["--db", db_url, "--user", "admin", *args])
        assert result.exit_code == 0, result.output
        return result

    run("init", "--country", "NO", "--demo")
    adjusted = run("costs", "adjust")
    posted = run("costs", "post-to-gl")
    assert ("adjusting cost" in adjusted.stderr) == terminal
    assert ("posting inventory cost" in posted.stderr) == terminal
    assert "adjusting cost" not in adjusted.stdout
    as_json = run("costs", "adjust", "--json")
    assert "adjusting cost" not in as_json.stderr
    assert json.loads(as_json.stdout)["status"] == "completed"


def test_report_item_application_as_json(db_url, tmp_path):
    def run(*args):
        result = runner.invoke(cli, ["--db", db_url, "--user", "admin", *args])
        assert result.exit_code == 0, result.output
        return result.stdout

    run("init", "--country", "NO", "--demo")
    run("item", "add", "--no", "IA1", "--description", "Chain link", "--costing-method", "fifo")
    path = tmp_path / "j.csv"
    path.write_text("posting_date,entry_type,item_no,location,quantity,unit_cost,unit_price,applies_to_entry,"
                    "document_no\n2026-11-02,purchase,IA1,MAIN,2,10,,,\n2026-11-03,sale,IA1,MAIN,1,,15,,\n")
    run("journal", "post", str(path))
    rows = json.loads(run("report", "item-application", "--item", "IA1", "--json"))
    assert [(r["outbound_entry_type"], r["inbound_entry_type"], r["quantity"], r["fixed"]) for r in rows] == [
        ("sale", "purchase", "1.00000", False)]
