"""Vendor and customer cards you can edit (issue 17, item 2), SQLite and PostgreSQL: `vendor set`,
`customer set`, `vendor show` / `customer show` and `vendor list` with the bank account; only the
fields given change, each checked as `add` checks it, audited before and after, and a changed
vendor bank account makes the next invoice that pays to the old one need approval."""

import json
from decimal import Decimal as D

import pytest
from typer.testing import CliRunner

from domain.approvals import core as approvals
from domain.identity.access import list_audit
from domain.problems import DomainError
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.setup import masterdata
from domain.setup.model.cards import Customer, Vendor
from flows.cli import app as cli
from tests.conftest import make_app
from tests.support.approvals import configure_example
from tests.support.documents import gl_line, invoice

OLD_IBAN, NEW_IBAN = "NO7215031234562", "NO9386011117947"  # V10000's on the demo card, and another


def refused(fn, *args) -> list[str]:
    with pytest.raises(DomainError) as exc:
        fn(*args)
    rejected = getattr(exc.value, "rejected", None)
    return rejected.codes if rejected else [exc.value.code]


def row(app, cls, no) -> dict:
    with app.uow() as s:
        return masterdata.card(s.get(cls, no))


def test_vendor_set_changes_only_the_fields_given_checked_and_audited(app):
    before = row(app, Vendor, "V10000")
    assert before["iban"] == OLD_IBAN
    card = masterdata.set_vendor(app, "V10000", {"name": "Nordlys AS", "iban": "NO93 8601 1117 947",
                                                 "blocked": "payment", "payment_terms": "14D",
                                                 "currency": "EUR", "language": "en", "email": ""})
    after = row(app, Vendor, "V10000")
    assert card == after
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {"name", "iban", "blocked", "payment_terms_code", "currency_code", "language", "email"}
    assert (after["iban"], after["blocked"], after["currency_code"], after["email"]) == (
        NEW_IBAN, "payment", "EUR", None)  # stored compact; a blank optional value clears it
    masterdata.set_vendor(app, "V10000", {"blocked": "none", "currency": ""})
    assert (row(app, Vendor, "V10000")["blocked"], row(app, Vendor, "V10000")["currency_code"]) == ("", None)
    event = [e for e in list_audit(app, action="vendor.set") if e["outcome"] == "done"][0]
    assert event["object"] == "vendor V10000"
    assert (event["before"]["iban"], event["after"]["iban"]) == (OLD_IBAN, NEW_IBAN)
    assert (event["before"]["name"], event["after"]["name"]) == (before["name"], "Nordlys AS")


def test_bad_vendor_changes_are_refused_with_their_codes_and_nothing_is_written(app):
    before = row(app, Vendor, "V10000")
    assert refused(masterdata.set_vendor, app, "V99", {"name": "x"}) == ["PURCH-UNKNOWN-VENDOR"]
    assert refused(masterdata.set_vendor, app, "V10000", {
        "iban": "NO0000000000000", "blocked": "sometimes", "name": "x" * 251, "org_no": "123456789",
        "bank_account_no": "86011117948", "payment_terms": "NOPE", "currency": "XYZ", "language": "de",
        "vat_id": "NO123MVA"}) == [
        "MASTER-FIELD-TOO-LONG", "ID-INVALID-ORGNR", "ID-INVALID-MVA", "ID-INVALID-IBAN",
        "ID-INVALID-ACCOUNT", "SETUP-UNKNOWN-CURRENCY", "IMPORT-INVALID-CHOICE", "IMPORT-INVALID-CHOICE",
        "SETUP-UNKNOWN-PAYMENT-TERMS"]
    assert refused(masterdata.set_vendor, app, "V10000", {"name": ""}) == ["IMPORT-MISSING-FIELD"]
    assert refused(masterdata.set_vendor, app, "V10000", {"country": "NOR"}) == ["MASTER-INVALID-COUNTRY"]
    assert refused(masterdata.set_vendor, app, "V10000", {"credit_limit": "1"}) == ["IMPORT-UNKNOWN-KEY"]
    assert refused(masterdata.set_vendor, app, "V10000", {}) == ["MASTER-NOTHING-TO-CHANGE"]
    assert row(app, Vendor, "V10000") == before
    assert {e["code"] for e in list_audit(app, action="vendor.set")} >= {
        "PURCH-UNKNOWN-VENDOR", "MASTER-FIELD-TOO-LONG", "IMPORT-MISSING-FIELD"}
    assert all(e["outcome"] == "refused" for e in list_audit(app, action="vendor.set"))


def test_vendor_add_refuses_what_vendor_set_refuses(app):
    assert refused(masterdata.add_vendor, app, {"no": "V77", "name": "y" * 251, "currency": "XYZ",
                                                "blocked": "sometimes"}) == [
        "MASTER-FIELD-TOO-LONG", "SETUP-UNKNOWN-CURRENCY", "IMPORT-INVALID-CHOICE"]
    vendor = masterdata.add_vendor(app, {"no": "V77", "name": "Ny", "iban": "NO93 8601 1117 947",
                                         "org_no": "912345688"})
    assert (vendor.iban, vendor.payment_terms_code, vendor.blocked, vendor.language) == (NEW_IBAN, "30D", "", "nb")


def test_customer_set_changes_address_terms_credit_limit_blocked_language_location(app):
    masterdata.add_location(app, "EAST")
    card = masterdata.set_customer(app, "C10000", {
        "address": "Ny gate 1", "post_code": "0150", "city": "Oslo", "payment_terms": "30D",
        "credit_limit": "25000.50", "blocked": "invoice", "language": "en", "location": "EAST",
        "email": "ap@kunde.example"})
    assert {k: card[k] for k in ("address", "payment_terms_code", "credit_limit", "blocked", "language",
                                 "location_code", "email")} == {
        "address": "Ny gate 1", "payment_terms_code": "30D", "credit_limit": D("25000.50"), "blocked": "invoice",
        "language": "en", "location_code": "EAST", "email": "ap@kunde.example"}
    masterdata.set_customer(app, "C10000", {"blocked": "ship", "location": ""})
    assert (row(app, Customer, "C10000")["blocked"], row(app, Customer, "C10000")["location_code"]) == ("ship", "")
    before = row(app, Customer, "C10000")
    assert refused(masterdata.set_customer, app, "C10000", {"blocked": "payment", "credit_limit": "1.001",
                                                            "location": "NOPE"}) == [
        "IMPORT-INVALID-CHOICE", "IMPORT-TOO-MANY-DECIMALS", "SETUP-UNKNOWN-LOCATION"]
    assert refused(masterdata.set_customer, app, "C99", {"name": "x"}) == ["SALES-UNKNOWN-CUSTOMER"]
    assert row(app, Customer, "C10000") == before
    event = [e for e in list_audit(app, action="customer.set") if e["outcome"] == "done"][-1]
    assert (event["before"]["blocked"], event["after"]["blocked"]) == ("invoice", "ship")


def test_changing_cards_needs_vendors_edit_and_customers_edit(db_url, app):
    automation = make_app(db_url, user="prefect")
    assert refused(masterdata.set_vendor, automation, "V10000", {"name": "x"}) == ["AUTH-PERMISSION-DENIED"]
    assert refused(masterdata.set_customer, automation, "C10000", {"name": "x"}) == ["AUTH-PERMISSION-DENIED"]
    automation.dispose()


def test_a_changed_vendor_bank_account_makes_the_next_invoice_to_the_old_one_need_approval(app):
    configure_example(app)  # PI-NEW-BANK: vendor_bank_account_changed -> FINANCE
    before = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "1000.00")]))
    with pytest.raises(DomainError) as exc:  # small, and paying to the card's account: no approval
        approvals.send_request(app, before)
    assert exc.value.code == "APPROVAL-NOT-REQUIRED"
    masterdata.set_vendor(app, "V10000", {"iban": NEW_IBAN})
    # the vendor's next invoice still prints the account it has always had
    after = purchase_documents.create_document(app, invoice(lines=[gl_line("6800", "1000.00")],
                                                            vendor_iban=OLD_IBAN))
    assert purchase_posting.post_document(app, after).codes == ["APPROVAL-REQUIRED"]
    assert approvals.send_request(app, after).workflow_code == "PI-NEW-BANK"
    assert approvals.send_request(app, before).workflow_code == "PI-NEW-BANK"  # the draft made earlier too
    assert any(f"is not the vendor card's ({NEW_IBAN})" in p
               for p in approvals_summary_problems(app, after))


def approvals_summary_problems(app, no) -> list[str]:
    from domain.approvals import query
    return query.summary(app, no)["problems"]


# --- the CLI ------------------------------------------------------------------------------------


@pytest.fixture
def run(db_url, tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERFLOW_HOME", str(tmp_path))
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(cli, ["--db", db_url, *args])

    assert invoke("init", "--country", "NO", "--demo").exit_code == 0
    return invoke


def test_cli_vendor_set_show_and_list_with_the_bank_account(run):
    result = run("vendor", "set", "V10000", "--name", "Nordlys AS", "--iban", NEW_IBAN, "--blocked", "payment",
                 "--address", "Ny vei 2", "--post-code", "0150", "--city", "Oslo", "--payment-terms", "14D",
                 "--bank-account", "8601.11.17947", "--language", "en", "--email", "f@n.example")
    assert result.exit_code == 0, result.stderr
    assert "vendor V10000 changed:" in result.stdout
    shown = json.loads(run("vendor", "show", "V10000", "--json").stdout)
    assert {k: shown[k] for k in ("name", "iban", "bank_account_no", "blocked", "address", "payment_terms_code",
                                  "language", "email")} == {
        "name": "Nordlys AS", "iban": NEW_IBAN, "bank_account_no": "86011117947", "blocked": "payment",
        "address": "Ny vei 2", "payment_terms_code": "14D", "language": "en", "email": "f@n.example"}
    assert NEW_IBAN in run("vendor", "show", "V10000").stdout
    listed = {v["no"]: v for v in json.loads(run("vendor", "list", "--json").stdout)}
    assert (listed["V10000"]["iban"], listed["V10000"]["bank_account_no"]) == (NEW_IBAN, "86011117947")
    assert json.loads(run("vendor", "set", "V10000", "--blocked", "none", "--json").stdout)["blocked"] == ""


@pytest.mark.parametrize("args, code", [
    (["vendor", "set", "V99", "--name", "x"], "PURCH-UNKNOWN-VENDOR"),
    (["vendor", "set", "V10000", "--iban", "NO0000000000000"], "ID-INVALID-IBAN"),
    (["vendor", "set", "V10000", "--blocked", "sometimes"], "IMPORT-INVALID-CHOICE"),
    (["vendor", "set", "V10000", "--name", "x" * 251], "MASTER-FIELD-TOO-LONG"),
    (["vendor", "set", "V10000", "--currency", "XYZ"], "SETUP-UNKNOWN-CURRENCY"),
    (["vendor", "set", "V10000", "--payment-terms", "NOPE"], "SETUP-UNKNOWN-PAYMENT-TERMS"),
    (["vendor", "set", "V10000", "--org-no", "123456789"], "ID-INVALID-ORGNR"),
    (["vendor", "set", "V10000"], "CLI-MISSING-OPTION"),
    (["vendor", "show", "V99"], "PURCH-UNKNOWN-VENDOR"),
    (["customer", "set", "C10000", "--blocked", "payment"], "IMPORT-INVALID-CHOICE"),
    (["customer", "set", "C10000", "--credit-limit", "lots"], "IMPORT-INVALID-NUMBER"),
    (["customer", "set", "C99", "--email", "a@b.no"], "SALES-UNKNOWN-CUSTOMER"),
    (["customer", "show", "C99"], "SALES-UNKNOWN-CUSTOMER"),
])
def test_cli_bad_card_changes_exit_2_with_their_code_and_write_nothing(run, args, code):
    vendor_before, customer_before = (run("vendor", "show", "V10000", "--json").stdout,
                                      run("customer", "show", "C10000", "--json").stdout)
    result = run(*args)
    assert result.exit_code == 2 and code in result.stderr, (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert run("vendor", "show", "V10000", "--json").stdout == vendor_before
    assert run("customer", "show", "C10000", "--json").stdout == customer_before


def test_cli_customer_set_and_show(run):
    result = run("customer", "set", "C10000", "--credit-limit", "5000", "--blocked", "ship", "--language", "en",
                 "--payment-terms", "30D", "--address", "Bakkegata 5", "--location", "MAIN", "--email", "k@c.example")
    assert result.exit_code == 0, result.stderr
    shown = json.loads(run("customer", "show", "C10000", "--json").stdout)
    assert {k: shown[k] for k in ("credit_limit", "blocked", "language", "payment_terms_code", "address",
                                  "location_code", "email")} == {
        "credit_limit": "5000.00", "blocked": "ship", "language": "en", "payment_terms_code": "30D",
        "address": "Bakkegata 5", "location_code": "MAIN", "email": "k@c.example"}
    audit = json.loads(run("audit", "setup", "--json").stdout)
    assert [e["outcome"] for e in audit if e["action"] == "customer.set"] == ["done"]
