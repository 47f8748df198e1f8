"""Approval routing tables: approver chain, first qualified, direct, specific, user groups."""

from decimal import Decimal as D

import pytest

from domain.approvals.rules import (
    ApproverSetup,
    Condition,
    DocumentFacts,
    RoutingContext,
    Step,
    Workflow,
    applies_to,
    delegation_target,
    route,
    select_workflow,
)
from domain.hashing import document_hash as version_hash
from domain.problems import Problem

SETUPS = {
    "kari": ApproverSetup("kari", approver_id="ola", limit=D("10000"), substitute_id="per"),
    "ola": ApproverSetup("ola", approver_id="admin", limit=D("50000"), substitute_id="admin"),
    "admin": ApproverSetup("admin", unlimited=True, administrator=True),
    "per": ApproverSetup("per", approver_id="ola", limit=D("0")),
    "liv": ApproverSetup("liv", approver_id="ola", limit=D("20000")),
}
GROUPS = {"FIN": [(1, "ola"), (1, "liv"), (2, "admin")], "ZERO": [(1, "per")]}


def plan(kind, amount, requester="kari", **step):
    result = route((Step(kind, **step),), RoutingContext(requester, D(amount), SETUPS, GROUPS))
    if result and isinstance(result[0], Problem):
        return [p.code for p in result]
    return [(p.sequence_no, p.approver_id) for p in result]


@pytest.mark.parametrize("amount, expected", [
    ("5000", [(1, "ola")]),
    ("50000", [(1, "ola")]),
    ("50000.01", [(1, "ola"), (2, "admin")]),
    ("9999999", [(1, "ola"), (2, "admin")]),
])
def test_approver_chain_goes_up_until_a_limit_covers_the_amount(amount, expected):
    assert plan("approver_chain", amount) == expected


@pytest.mark.parametrize("amount, expected", [("40000", [(1, "ola")]), ("60000", [(1, "admin")])])
def test_first_qualified_approver_is_the_first_up_the_chain_whose_limit_suffices(amount, expected):
    assert plan("first_qualified", amount) == expected


def test_a_zero_limit_approver_is_passed_over_in_the_chain():
    assert plan("approver_chain", "15000", requester="liv") == [(1, "ola")]
    setups = {**SETUPS, "kari": ApproverSetup("kari", approver_id="per")}
    result = route((Step("approver_chain"),), RoutingContext("kari", D("100"), setups))
    assert [(p.sequence_no, p.approver_id) for p in result] == [(1, "ola")]


def test_direct_approver_ignores_the_limit_and_specific_names_the_approver():
    assert plan("direct", "900000") == [(1, "ola")]
    assert plan("specific", "1", approver_id="liv") == [(1, "liv")]


def test_specific_approver_who_is_the_requester_or_may_not_approve_is_refused():
    assert plan("specific", "1", approver_id="kari") == ["APPROVAL-SELF-APPROVAL"]
    assert plan("specific", "1", requester="liv", approver_id="liv") == ["APPROVAL-SELF-APPROVAL"]
    assert plan("specific", "1", approver_id="per") == ["APPROVAL-APPROVER-NOT-ALLOWED"]


def test_user_group_members_with_the_same_sequence_form_one_level():
    assert plan("user_group", "1", group_code="FIN") == [(1, "liv"), (1, "ola"), (2, "admin")]
    assert plan("user_group", "1", requester="ola", group_code="FIN") == [(1, "liv"), (2, "admin")]
    assert plan("user_group", "1", group_code="ZERO") == ["APPROVAL-NO-APPROVER"]
    assert plan("user_group", "1", group_code="NONE") == ["APPROVAL-UNKNOWN-USER-GROUP"]


def test_chain_without_setup_or_without_enough_limit_is_refused():
    assert plan("approver_chain", "1", requester="nobody") == ["APPROVAL-USER-NOT-SET-UP"]
    assert plan("approver_chain", "1", requester="admin") == ["APPROVAL-NO-APPROVER"]
    capped = {k: v for k, v in SETUPS.items() if k != "admin"} | {"admin": ApproverSetup("admin", limit=D(1))}
    result = route((Step("approver_chain"),), RoutingContext("kari", D("60000"), capped))
    assert [p.code for p in result] == ["APPROVAL-LIMIT-NOT-COVERED"]


def test_two_steps_never_give_one_person_two_approvals():
    steps = (Step("specific", approver_id="ola"), Step("approver_chain"))
    result = route(steps, RoutingContext("kari", D("1000"), SETUPS))
    assert [(p.sequence_no, p.step_no, p.approver_id) for p in result] == [(1, 1, "ola"), (2, 2, "admin")]


def test_a_sole_trader_may_route_to_themselves():
    setups = {"eva": ApproverSetup("eva", unlimited=True)}
    result = route((Step("specific", approver_id="eva"),), RoutingContext("eva", D(5), setups, sole_trader=True))
    assert [(p.sequence_no, p.approver_id) for p in result] == [(1, "eva")]


FACTS = DocumentFacts("purchase_invoice", D("6000"), "V10000", "DOMESTIC")


@pytest.mark.parametrize("condition, holds", [
    (Condition("always"), True),
    (Condition("amount_at_least", "6000"), True),
    (Condition("amount_at_least", "6000.01"), False),
    (Condition("vendor", ["V20000", "V10000"]), True),
    (Condition("vendor_posting_group", "FOREIGN"), False),
    (Condition("vendor_bank_account_changed", True), False),
    (Condition("confidence_below", "0.8"), False),
])
def test_workflow_conditions(condition, holds):
    assert applies_to(Workflow("W", "purchase_invoice", (condition,), ()), FACTS) is holds


def test_the_first_enabled_matching_workflow_applies_and_incoming_documents_match_by_origin():
    off = Workflow("OFF", "purchase_invoice", (), (), enabled=False)
    credit = Workflow("CM", "purchase_credit_memo", (), ())
    unsure = Workflow("OCR", "incoming_document", (Condition("confidence_below", "0.8"),), ())
    anything = Workflow("ALL", "purchase_invoice", (), ())
    assert select_workflow([off, credit, unsure, anything], FACTS).code == "ALL"
    scanned = DocumentFacts("purchase_invoice", D(1), "V1", "DOMESTIC", from_incoming_document=True,
                            extraction_confidence=D("0.55"))
    assert select_workflow([off, credit, unsure, anything], scanned).code == "OCR"


def test_delegation_goes_to_the_substitute_else_the_approver_else_an_administrator():
    assert delegation_target("ola", SETUPS, set()) == "admin"
    assert delegation_target("liv", SETUPS, set()) == "ola"
    assert delegation_target("liv", SETUPS, {"ola"}) == "admin"
    assert delegation_target("kari", SETUPS, set()) == "ola"  # substitute per has limit 0
    assert delegation_target("admin", SETUPS, set()) is None


def test_version_hash_changes_with_any_line_value_but_not_with_decimal_spelling():
    header = {"vendor_no": "V1", "exchange_rate": D("1.0000000000")}
    line = {"line_no": 1, "quantity": D("2.00000"), "direct_unit_cost": D("10")}
    same = version_hash({**header, "exchange_rate": D(1)}, [{**line, "quantity": D(2)}])
    assert version_hash(header, [line]) == same
    assert version_hash(header, [{**line, "direct_unit_cost": D("10.01")}]) != same


def test_sales_workflows_apply_to_their_document_type_and_the_customer_conditions():
    over = DocumentFacts("sales_order", D("1000"), "", "", customer_no="C10000", customer_posting_group="DOMESTIC",
                         credit_limit_exceeded=True)
    within = DocumentFacts("sales_order", D("1000"), "", "", customer_no="C20000", credit_limit_exceeded=False)
    credit = Workflow("SO-CREDIT", "sales_order", (Condition("customer_credit_limit_exceeded", True),),
                      (Step("first_qualified"),))
    customer = Workflow("SO-C1", "sales_order", (Condition("customer", ["C10000"]),), (Step("first_qualified"),))
    invoice = Workflow("SI-ALL", "sales_invoice", (Condition("always"),), (Step("first_qualified"),))
    assert applies_to(credit, over) and not applies_to(credit, within)
    assert applies_to(customer, over) and not applies_to(customer, within)
    assert not applies_to(invoice, over)  # a sales invoice workflow never applies to an order
    group = Workflow("SO-DOM", "sales_order", (Condition("customer_posting_group", "DOMESTIC"),),
                     (Step("first_qualified"),))
    assert select_workflow([invoice, group, credit], over).code == "SO-DOM"
    purchase_order = DocumentFacts("purchase_order", D("60000"), "V10000", "DOMESTIC")
    po_large = Workflow("PO-LARGE", "purchase_order", (Condition("amount_at_least", "50000"),),
                        (Step("approver_chain"),))
    assert applies_to(po_large, purchase_order) and not applies_to(po_large, over)


def test_version_hash_covers_item_tracking_and_is_canonical_over_its_order_of_keys():
    header = {"vendor_no": "V1"}
    line = {"line_no": 1, "quantity": D(2), "tracking": [{"lot_no": "L1", "quantity": "2"}]}
    same = version_hash(header, [{**line, "tracking": [{"quantity": "2", "lot_no": "L1"}]}])
    assert version_hash(header, [line]) == same
    assert version_hash(header, [{**line, "tracking": [{"lot_no": "L2", "quantity": "2"}]}]) != same
    assert version_hash(header, [{k: v for k, v in line.items() if k != "tracking"}]) != same
