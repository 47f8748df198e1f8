"""CLI for prepayments (forskuddsbetaling / vooruitbetaling): prepayment invoices and credit
memos of purchase and sales orders, and the prepayment setup.

Adds ``prepayment-invoice`` and ``prepayment-credit-memo`` to ``purchase order`` and ``sales
order``, and ``setup prepayments``. The Prepayment % itself is set on the cards (``vendor
set``, ``customer set``, ``item set --prepayment-pct``) or in the order's JSON
(``prepayment_pct`` on the header and on lines)."""

from __future__ import annotations

import typer

from domain.purchasing import prepayment as purchase_prepayment
from domain.sales import prepayment as sales_prepayment
from domain.setup import prepayments as prepayment_setup
from flows import output
from flows.cli.apps import order_app, sales_app, setup_app
from flows.cli.common import JSON, State, handle_errors, option_choice

YES_NO = ("yes", "no")


def register(root: typer.Typer) -> None:
    order_app.command("prepayment-invoice")(purchase_invoice)
    order_app.command("prepayment-credit-memo")(purchase_credit_memo)
    order_app.command("prepayments")(purchase_overview)
    sales_order = next(group.typer_instance for group in sales_app.registered_groups if group.name == "order")
    sales_order.command("prepayment-invoice")(sales_invoice)
    sales_order.command("prepayment-credit-memo")(sales_credit_memo)
    sales_order.command("prepayments")(sales_overview)
    setup_app.command("prepayments")(setup)


def _print(result):
    no = getattr(result, "posted_no", None) or getattr(result, "invoice_no", None)
    if no:
        print(no)
    return result


@handle_errors
def purchase_invoice(order_no: str, vendor_invoice_no: str = typer.Option(
        None, "--vendor-invoice-no", help="The vendor's prepayment invoice no. (default ORDER-PPn).")):
    """Post the order's prepayment invoice (what its lines' Prepayment % leaves due); prints its no."""
    return _print(purchase_prepayment.post_invoice(State.app(), order_no, vendor_invoice_no))


@handle_errors
def purchase_credit_memo(order_no: str, vendor_cr_memo_no: str = typer.Option(
        None, "--vendor-cr-memo-no", help="The vendor's credit memo no. (default ORDER-PPCMn).")):
    """Post a prepayment credit memo of the prepayment not yet deducted; prints its no."""
    return _print(purchase_prepayment.post_credit_memo(State.app(), order_no, vendor_cr_memo_no))


@handle_errors
def sales_invoice(order_no: str):
    """Post the order's prepayment invoice (with KID / betalingskenmerk); prints its no."""
    return _print(sales_prepayment.post_invoice(State.app(), order_no))


@handle_errors
def sales_credit_memo(order_no: str):
    """Post a prepayment credit memo of the prepayment not yet deducted; prints its no."""
    return _print(sales_prepayment.post_credit_memo(State.app(), order_no))


def _overview(data: dict, as_json: bool) -> None:
    if as_json:
        output.emit(data, True)
        return
    output.emit(data["lines"], False, f"Prepayment of {data['order_no']} ({data['currency']})")
    output.emit(data["documents"], False, "Prepayment documents")


@handle_errors
def purchase_overview(order_no: str, as_json: bool = JSON):
    """The order's prepayment per line (%, amount, invoiced, deducted) and its documents (open = unpaid)."""
    _overview(purchase_prepayment.overview(State.app(), order_no), as_json)


@handle_errors
def sales_overview(order_no: str, as_json: bool = JSON):
    """The order's prepayment per line (%, amount, invoiced, deducted) and its documents (open = unpaid)."""
    _overview(sales_prepayment.overview(State.app(), order_no), as_json)


@handle_errors
def setup(sales_check: str = typer.Option(None, "--sales-check", help="yes | no: ship / invoice a sales order "
                                          "only once its prepayment is paid (BC Check Prepmt. when Posting)."),
          purchase_check: str = typer.Option(None, "--purchase-check", help="yes | no: the same for purchase "
                                             "orders (receive / invoice)."),
          sales_account: str = typer.Option(None, "--sales-account", help="Sales Prepayments Account."),
          purchase_account: str = typer.Option(None, "--purchase-account", help="Purch. Prepayments Account."),
          gen_prod: str = typer.Option(None, "--gen-prod", help="Only this general product posting group's rows."),
          as_json: bool = JSON):
    """Show or change the prepayment setup: the accounts of the general posting setup and the check."""
    option_choice("--sales-check", sales_check, YES_NO)
    option_choice("--purchase-check", purchase_check, YES_NO)
    values = {"sales_check": None if sales_check is None else sales_check == "yes",
              "purchase_check": None if purchase_check is None else purchase_check == "yes",
              "sales_account": sales_account, "purchase_account": purchase_account}
    if all(v is None for v in values.values()):
        current = prepayment_setup.show(State.app())
    else:
        current = prepayment_setup.change(State.app(), gen_prod, **values)
    if as_json:
        output.emit(current, True)
        return
    output.console.print(f"check when posting: sales {'yes' if current['sales_check'] else 'no'}, "
                         f"purchase {'yes' if current['purchase_check'] else 'no'}", markup=False)
    output.emit(current["general_posting_setup"], False, "Prepayment accounts")
