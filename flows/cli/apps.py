"""The command groups that more than one CLI area adds commands to.

They live here so that areas share a group without importing each other. The
area a group belongs to (purchasing: ``purchase`` and ``purchase order``;
sales: ``sales``; reports: ``report``; setup: ``setup``, ``item`` and ``location``) adds its commands when
it is imported and hangs the group on the root in its ``register``. Another
area adds its commands to the group in its own ``register`` (for example
costing adds ``report inventory-valuation``), which the root calls in a fixed
order: ``--help`` lists commands in the order they were added, so that order
does not depend on which module happened to be imported first.
"""

from __future__ import annotations

import typer

purchase_app = typer.Typer(help="Purchase invoices and credit memos (innkjøp / inkoop).", no_args_is_help=True)
order_app = typer.Typer(help="Purchase orders with receipts (innkjøpsordre / inkooporder).", no_args_is_help=True)
sales_app = typer.Typer(help="Sales quotes, orders, invoices, credit memos (salg / verkoop).", no_args_is_help=True)
#: `sales quote` / `sales order` / `purchase quote`: sales and purchasing add their imports, crm the conversions
sales_quote_app = typer.Typer(help="Sales quotes.", no_args_is_help=True)
sales_order_app = typer.Typer(help="Sales orders.", no_args_is_help=True)
purchase_quote_app = typer.Typer(help="Purchase quotes (requests for quote).", no_args_is_help=True)
report_app = typer.Typer(help="Reports over the ledgers: each takes --json, --csv FILE and --xlsx FILE; the ledger "
                         "reports --from/--to (posting dates).", no_args_is_help=True)
setup_app = typer.Typer(help="Company setup.", no_args_is_help=True)
export_app = typer.Typer(help="Statutory files for the tax authorities (SAF-T, XAF).", no_args_is_help=True)
item_app = typer.Typer(help="Items (varer / artikelen).", no_args_is_help=True)
location_app = typer.Typer(help="Locations (lokasjoner / locaties).", no_args_is_help=True)
costs_app = typer.Typer(help="Inventory costing: adjust cost, post inventory cost to G/L.", no_args_is_help=True)
