"""Holes of issue 12 that are still open: the simulation does not generate these commands.

Each name is an invalid command of :mod:`tests.simulation.invalid` (or a check of a
valid command's outcome) that today's code accepts, or a valid command it mishandles;
tests/simulation/test_found.py holds a minimized regression test per hole, marked
``xfail(strict=True)``. When a fix lands, its regression test starts passing (the
strict xfail then fails the run): remove the mark there AND the name here, so the
simulation generates the command again and proves the fix under random sequences.
The goal is an empty set.
"""

KNOWN_HOLES: frozenset[str] = frozenset({
})

#: holes closed by issue 12's fixes: their regression tests pass and the simulation
#: generates these commands again
FIXED: frozenset[str] = frozenset({
    "cancel_sale_two_lines_same_item",
    "cancel_revalued_two_lines_same_item",
    "average_sale_before_revaluation",
    "direct_posting_inventory",
    "direct_posting_payables",
    "direct_posting_receivables",
    "direct_posting_vat",
    "edit_discount_over_100",
    "edit_due_before_document_date",
    "edit_negative_quantity",
    "expected_cost_reversed_twice",
    "foreign_currency_payment",
    "invalid_blocked_value",
    "journal_unknown_key",
    "payment_amount_too_large",
    "payment_too_many_decimals",
    "purchase_applies_to_other_vendors_invoice",
    "purchase_credit_memo_applies_to_ignored",
    "purchase_date_9999",
    "purchase_discount_negative",
    "purchase_discount_over_100",
    "purchase_due_date_formula",
    "purchase_for_sale_unknown_line",
    "purchase_huge_assign_to_entry",
    "purchase_invalid_iban",
    "purchase_misspelled_line_key",
    "purchase_negative_exchange_rate",
    "purchase_negative_quantity",
    "purchase_negative_unit_cost",
    "purchase_nul_character",
    "purchase_overlong_description",
    "purchase_overlong_unit_of_measure",
    "purchase_overlong_vendor_invoice_no",
    "purchase_prices_including_vat_maybe",
    "purchase_unknown_applies_to_doc_no",
    "purchase_unknown_currency",
    "purchase_unknown_header_key",
    "purchase_unknown_line_key",
    "purchase_zero_quantity",
    "receive_too_many_decimals",
    "receive_unknown_line",
    "reval_negative_amount",
    "reval_negative_unit_cost",
    "revaluation_refusal_adjusts_costs",
    "reversed_posting_range",
    "sales_blocked_item_at_posting",
    "sales_credit_memo_applies_to_ignored",
    "sales_credit_memo_more_than_sold",
    "sales_credit_memo_other_customer",
    "sales_date_9999",
    "sales_direct_posting_payables",
    "sales_direct_posting_receivables",
    "sales_discount_negative",
    "sales_discount_over_100",
    "sales_negative_unit_price",
    "sales_overlong_description",
    "sales_return_other_customer",
    "sales_serial_no_on_line",
    "sales_ship_too_many_decimals",
    "sales_ship_unknown_line",
    "sales_too_many_decimals",
    "sales_unknown_applies_to_doc_no",
    "sales_unknown_currency",
    "sales_unknown_line_key",
    "standard_item_adjustment_at_other_cost",
    "standard_item_charge",
    "two_lines_same_item",
})
