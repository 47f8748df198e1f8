"""Every CLI command checks the acting user's permissions (issue 13, item 1 and C).

The test walks the whole command tree: each leaf command is classified as a write (it
must refuse a read-only auditor with AUTH-PERMISSION-DENIED, exit 2, and write nothing
but the audit of the refusal), a read (the auditor may run it), or an operator's tool
that works on the database itself rather than as a user (init, db, serve, web). A new
command that is not classified fails the test, so nothing slips past the check."""

import json

import pytest
from sqlalchemy import MetaData, create_engine, func, select
from typer.main import get_command
from typer.testing import CliRunner

from flows.cli import app as cli
from tests.support.approvals import EXAMPLE

#: the database itself, not a user's work: the server operator's tools
OPERATOR = {"init", "db upgrade", "db current", "db grant-app-role", "serve", "web"}

READ = {
    "status", "doctor", "vendor list", "vendor show", "customer list", "customer show", "item list", "item-charge list", "location list",
    "user list", "user roles", "audit setup", "purchase list", "purchase show", "purchase order render",
    "report trial-balance", "report gl-entries", "report vendor-ledger", "report vat-entries",
    "report item-ledger", "report value-entries", "report inventory", "report inventory-reconciliation",
    "report inventory-valuation", "report cost-adjustment-runs", "report customer-ledger",
    "report availability", "report item-tracing", "sales check-availability", "periods list", "sales list", "sales show", "sales render", "payments list",
    "approvals users", "approvals list", "approvals flagged", "approvals history", "approvals show",
    "documents list",
    "documents show", "documents file", "item reference list", "item attribute list", "item category list",
    "item variant list", "physical-inventory show", "physical-inventory sheet", "transfer-order list",
    "transfer-order show", "export saft", "export xaf", "report vat-return", "sales export-ehf",
    "payments proposal", "documents layouts", "report item-application", "report kpi", "contact list",
    "contact show", "payments match", "purchase order prepayments", "sales order prepayments",
    "assembly bom list", "assembly order list", "assembly order show", "resource list",
    "costs standard-worksheet list",
    "item tracking-code list",
    "report reservations", "report order-tracking",
    "item unit list", "item nonstock list",
    "physical-inventory due", "physical-inventory counting-period list",
}
#: corrections on posted documents (issue 17, item 3)
READ |= {"purchase posted show", "sales posted show", "purchase posted render"}

#: the tables a refused command may write to: the audits of refusals
AUDIT_TABLES = {"setup_audit_event", "approval_audit_event"}


def write_commands(files) -> dict[str, list[str]]:
    """Each write command with arguments that parse (the permission check comes first, so the
    documents named need not exist)."""
    j, csv = str(files["json"]), str(files["csv"])
    return {
        "revalue": ["revalue", csv],
        "vendor add": ["vendor", "add", "--no", "V99", "--name", "Nye Leverandør"],
        "vendor block": ["vendor", "block", "V10000"],
        "vendor set": ["vendor", "set", "V10000", "--iban", "NO9386011117947", "--blocked", "payment"],
        "customer set": ["customer", "set", "C10000", "--credit-limit", "5000", "--blocked", "ship"],
        "customer add": ["customer", "add", "--no", "C99", "--name", "Ny Kunde"],
        "customer block": ["customer", "block", "C10000"],
        "item add": ["item", "add", "--no", "9999", "--description", "Ny vare"],
        "item block": ["item", "block", "1000"],
        "item reference add": ["item", "reference", "add", "--item", "1000", "--reference", "A-1", "--vendor",
                               "V10000"],
        "setup vendor-posting-group": ["setup", "vendor-posting-group", "DOMESTIC", "--prepayment-account", "2910"],
        "inbox mail": ["inbox", "mail", "--host", "127.0.0.1", "--port", "9", "--tls", "none", "--user-name", "x",
                       "--password-file", str(files["password"])],
        "item-charge add": ["item-charge", "add", "--no", "FR9", "--description", "Frakt"],
        "location add": ["location", "add", "--code", "EAST"],
        "setup posting-range": ["setup", "posting-range", "--from", "2026-01-01", "--to", "2026-12-31"],
        "setup inventory": ["setup", "inventory", "--expected-cost-posting", "true"],
        "user add": ["user", "add", "--id", "eve", "--name", "Eve", "--roles", "administrator"],
        "user disable": ["user", "disable", "kari"],
        "user enable": ["user", "enable", "kari"],
        "user set-password": ["user", "set-password", "--id", "kari", "--password-stdin"],
        "user totp": ["user", "totp", "--id", "kari"],
        "purchase import": ["purchase", "import", j],
        "purchase post": ["purchase", "post", "PI-000001"],
        "purchase cancel": ["purchase", "cancel", "PPI-000001"],
        "purchase correct": ["purchase", "correct", "PPI-000001"],
        "purchase copy": ["purchase", "copy", "PPI-000001", "--type", "credit_memo"],
        "purchase get-receipt-lines": ["purchase", "get-receipt-lines", "PI-000001", "PRCPT-000001"],
        "purchase set": ["purchase", "set", "PI-000001", "quantity=2", "--line", "1"],
        "purchase line add": ["purchase", "line", "add", "PI-000001", "--type", "item", "--no", "1000",
                              "--quantity", "1", "--direct-unit-cost", "10"],
        "purchase line remove": ["purchase", "line", "remove", "PI-000001", "1"],
        "purchase line set": ["purchase", "line", "set", "PI-000001", "1", "quantity=2"],
        "purchase delete": ["purchase", "delete", "PI-000001"],
        "sales line add": ["sales", "line", "add", "SO-000001", "--type", "item", "--no", "1000", "--quantity", "1",
                           "--unit-price", "10"],
        "sales line remove": ["sales", "line", "remove", "SO-000001", "1"],
        "sales line set": ["sales", "line", "set", "SO-000001", "1", "quantity=2"],
        "sales line tracking": ["sales", "line", "tracking", "SO-000001", "1", "--lot", "L-1", "--qty", "1"],
        "sales delete": ["sales", "delete", "SO-000001"],
        "sales set": ["sales", "set", "SO-000001", "posting_date=2026-12-01"],
        "purchase order import": ["purchase", "order", "import", j],
        "purchase order receive": ["purchase", "order", "receive", "PO-000001"],
        "purchase order invoice": ["purchase", "order", "invoice", "PO-000001", "--vendor-invoice-no", "F-1",
                                   "--receive"],
        "purchase order undo-receipt": ["purchase", "order", "undo-receipt", "PRCPT-000001"],
        "purchase order prepayment-invoice": ["purchase", "order", "prepayment-invoice", "PO-000001"],
        "purchase order prepayment-credit-memo": ["purchase", "order", "prepayment-credit-memo", "PO-000001"],
        "sales order prepayment-invoice": ["sales", "order", "prepayment-invoice", "SO-000001"],
        "sales order prepayment-credit-memo": ["sales", "order", "prepayment-credit-memo", "SO-000001"],
        "setup prepayments": ["setup", "prepayments", "--sales-check", "yes"],
        "purchase return-order import": ["purchase", "return-order", "import", j],
        "purchase return-order ship": ["purchase", "return-order", "ship", "PRO-000001"],
        "purchase return-order invoice": ["purchase", "return-order", "invoice", "PRO-000001"],
        "journal post": ["journal", "post", csv],
        "costs adjust": ["costs", "adjust"],
        "costs post-to-gl": ["costs", "post-to-gl"],
        "costs standard-worksheet suggest": ["costs", "standard-worksheet", "suggest", "--from", "standard"],
        "costs standard-worksheet implement": ["costs", "standard-worksheet", "implement"],
        "costs application remove": ["costs", "application", "remove", "--entry", "1"],
        "costs application apply": ["costs", "application", "apply", "--outbound", "2", "--inbound", "1"],
        "periods close": ["periods", "close", "2026-10-31"],
        "sales make-order": ["sales", "make-order", "SQ-000001"],
        "sales quote make-invoice": ["sales", "quote", "make-invoice", "SQ-000001"],
        "sales order confirm": ["sales", "order", "confirm", "SO-000001", "--email"],
        "purchase quote import": ["purchase", "quote", "import", j],
        "purchase quote make-order": ["purchase", "quote", "make-order", "PQ-000001"],
        "contact add": ["contact", "add", "--type", "company", "--name", "Acme"],
        "contact make-customer": ["contact", "make-customer", "CT-000001"],
        "contact make-vendor": ["contact", "make-vendor", "CT-000001"],
        "sales ship": ["sales", "ship", "SO-000001"],
        "sales reserve": ["sales", "reserve", "SO-000001", "--line", "1"],
        "sales unreserve": ["sales", "unreserve", "SO-000001", "--line", "1"],
        "sales invoice": ["sales", "invoice", "SO-000001"],
        "sales post": ["sales", "post", "SO-000001"],
        "sales cancel": ["sales", "cancel", "PSI-000001"],
        "sales correct": ["sales", "correct", "PSI-000001"],
        "sales copy": ["sales", "copy", "PSI-000001", "--no-header", "--to", "SI-000001"],
        "sales get-shipment-lines": ["sales", "get-shipment-lines", "SI-000001", "PSS-000001"],
        "sales create-purchase-orders": ["sales", "create-purchase-orders", "SO-000001"],
        "sales create-purchase-invoice": ["sales", "create-purchase-invoice", "SO-000001", "--vendor", "V10000"],
        "sales send": ["sales", "send", "PSI-000001"],
        "sales document-setup": ["sales", "document-setup", "--phone", "12345678"],
        "sales quote import": ["sales", "quote", "import", j],
        "sales order import": ["sales", "order", "import", j],
        "sales credit-memo import": ["sales", "credit-memo", "import", j],
        "sales return-order import": ["sales", "return-order", "import", j],
        "sales return-order receive": ["sales", "return-order", "receive", "SRO-000001"],
        "sales return-order invoice": ["sales", "return-order", "invoice", "SRO-000001"],
        "payments import-camt": ["payments", "import-camt", str(files["xml"])],
        "payments apply": ["payments", "apply", "--vendor", "V10000", "--amount", "100.00"],
        "approvals setup-user": ["approvals", "setup-user", "kari", "--purchase-limit", "1"],
        "approvals configure": ["approvals", "configure", str(EXAMPLE)],
        "approvals send": ["approvals", "send", "PI-000001"],
        "approvals approve": ["approvals", "approve", "PI-000001"],
        "approvals reject": ["approvals", "reject", "PI-000001"],
        "approvals delegate": ["approvals", "delegate", "PI-000001"],
        "approvals cancel": ["approvals", "cancel", "PI-000001"],
        "approvals sweep": ["approvals", "sweep"],
        "approvals deliver": ["approvals", "deliver"],
        "inbox process": ["inbox", "process", "--inbox", str(files["inbox"]), "--settle", "0"],
        "documents correct": ["documents", "correct", "1", "vendor_no=V10000"],
        "documents accept-vendor": ["documents", "accept-vendor", "1"],
        "documents create-invoice": ["documents", "create-invoice", "1"],
        "item set": ["item", "set", "1000", "--unit-price", "10"],
        "item category add": ["item", "category", "add", "PAPER"],
        "item attribute add": ["item", "attribute", "add", "Colour", "--type", "text"],
        "item attribute set": ["item", "attribute", "set", "1000", "Colour", "Black"],
        "item variant add": ["item", "variant", "add", "--item", "1000", "--code", "RED"],
        "item tracking-code add": ["item", "tracking-code", "add", "--code", "SNALL", "--serial", "yes",
                                   "--lot", "no"],
        "item reclassify": ["item", "reclassify", "--item", "1000", "--lot", "L1", "--new-lot", "L2"],
        "item unit add": ["item", "unit", "add", "--item", "1000", "--code", "BOX", "--qty-per-base", "12"],
        "item unit set": ["item", "unit", "set", "--item", "1000", "--code", "PCS", "--rounding-precision", "1"],
        "item nonstock add": ["item", "nonstock", "add", "--vendor", "V10000", "--vendor-item-no", "X1",
                              "--description", "Catalog item"],
        "location set": ["location", "set", "MAIN", "--in-transit", "no"],
        "physical-inventory calculate": ["physical-inventory", "calculate", "--location", "MAIN", "--date",
                                         "2026-11-30"],
        "physical-inventory count": ["physical-inventory", "count", "PHYS-000001", "--item", "1000", "--qty", "1"],
        "physical-inventory post": ["physical-inventory", "post", "PHYS-000001"],
        "physical-inventory counting-period add": ["physical-inventory", "counting-period", "add", "Q",
                                                   "--frequency", "4"],
        "transfer-order import": ["transfer-order", "import", j],
        "transfer-order ship": ["transfer-order", "ship", "TO-000001"],
        "transfer-order receive": ["transfer-order", "receive", "TO-000001"],
        "transfer-order reserve": ["transfer-order", "reserve", "TO-000001", "--line", "1"],
        "transfer-order unreserve": ["transfer-order", "unreserve", "TO-000001", "--line", "1"],
        "assembly bom add": ["assembly", "bom", "add", "--item", "1000", "--component", "1100", "--quantity", "1"],
        "assembly bom remove": ["assembly", "bom", "remove", "--item", "1000", "--component", "1100"],
        "assembly order import": ["assembly", "order", "import", j],
        "assembly order post": ["assembly", "order", "post", "AO-000001"],
        "assembly order set": ["assembly", "order", "set", "AO-000001", "--quantity", "2"],
        "assembly order reserve": ["assembly", "order", "reserve", "AO-000001"],
        "assembly order unreserve": ["assembly", "order", "unreserve", "AO-000001"],
        "resource add": ["resource", "add", "--no", "FITTER", "--unit-cost", "1"],
        "payments suggest": ["payments", "suggest", "--due-by", "2026-12-31"],
        "payments confirm": ["payments", "confirm", "PROP-000001"],
        "setup payment-service": ["setup", "payment-service", "--name", "Vipps", "--url-template",
                                  "https://pay.example/?amount={amount}&ref={kid}"],
        "payments refund": ["payments", "refund", "--customer", "C10000", "--amount", "10.00"],
        "payments unapply": ["payments", "unapply", "PSI-000001"],
        "setup company": ["setup", "company", "--contact-name", "Eve"],
        "setup default-location": ["setup", "default-location", "MAIN"],
        "setup gl-account": ["setup", "gl-account", "6800", "--grouping-code", "6995"],
        "setup vat": ["setup", "vat", "DOMESTIC", "HIGH", "--sales-standard-tax-code", "3"],
    }


def leaf_commands() -> set[str]:
    found = set()

    def walk(command, path):
        if hasattr(command, "commands"):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])
        else:
            found.add(" ".join(path))

    walk(get_command(cli), [])
    return found


@pytest.fixture
def files(tmp_path):
    (tmp_path / "doc.json").write_text(json.dumps({"vendor_no": "V10000", "lines": []}))
    (tmp_path / "rows.csv").write_text("posting_date,entry_type,item_no,quantity\n2026-11-20,positive_adjustment,1000,1\n")
    (tmp_path / "statement.xml").write_text("<Document/>")
    (tmp_path / "inbox").mkdir()
    (tmp_path / "imap-password").write_text("secret\n")
    return {"password": tmp_path / "imap-password", "json": tmp_path / "doc.json", "csv": tmp_path / "rows.csv", "xml": tmp_path / "statement.xml",
            "inbox": tmp_path / "inbox"}


def counts(db_url) -> dict[str, int]:
    engine = create_engine(db_url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            return {name: conn.scalar(select(func.count()).select_from(table))
                    for name, table in meta.tables.items() if name not in AUDIT_TABLES}
    finally:
        engine.dispose()


def test_every_command_is_classified_as_a_write_a_read_or_an_operators_tool(tmp_path):
    writes = set(write_commands({"json": "", "csv": "", "xml": "", "inbox": "", "password": ""}))
    assert not (writes & READ) and not (writes & OPERATOR) and not (READ & OPERATOR)
    assert leaf_commands() - writes - READ - OPERATOR == set()
    assert (writes | READ | OPERATOR) - leaf_commands() == set()  # no stale names


def test_a_read_only_auditor_is_refused_every_write_command_and_nothing_is_written(db_url, tmp_path, monkeypatch,
                                                                                 files):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    monkeypatch.delenv("LEDGERFLOW_SMTP_HOST", raising=False)
    runner = CliRunner()

    def invoke(*args, user=None, stdin=None):
        return runner.invoke(cli, ["--db", db_url, *(["--user", user] if user else []), *args], input=stdin)

    assert invoke("init", "--country", "NO", "--demo").exit_code == 0
    assert invoke("user", "add", "--id", "audun", "--name", "Audun", "--roles", "auditor").exit_code == 0
    before = counts(db_url)
    not_refused = {}
    for name, args in write_commands(files).items():
        result = invoke(*args, user="audun", stdin="a-long-enough-password\n")
        if result.exit_code != 2 or "AUTH-PERMISSION-DENIED" not in result.stderr:
            not_refused[name] = (result.exit_code, (result.stderr or result.stdout)[:200])
    assert not_refused == {}, "\n".join(f"{k}: {v}" for k, v in not_refused.items())
    assert counts(db_url) == before
    # the auditor reads what they may
    assert invoke("report", "trial-balance", "--json", user="audun").exit_code == 0
    assert invoke("audit", "setup", "--json", user="audun").exit_code == 0
