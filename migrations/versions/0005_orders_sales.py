"""orders and sales: sales documents, customer ledger, purchase receipts, bank statement lines.

Adds order columns to purchase_line (qty. to receive/invoice, received,
invoiced, receipt and drop-shipment links), the number series of the new
documents, and append-only triggers for the posted and ledger tables.

Revision ID: 0005
Revises: 0004
"""
import sqlalchemy as sa
from alembic import op

from migrations import frozen
from migrations.frozen import append_only_trigger_sql

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

APPEND_ONLY = ["customer_ledger_entry", "detailed_customer_ledger_entry", "posted_sales_header",
               "posted_sales_line", "posted_purchase_receipt", "posted_purchase_receipt_line"]
TABLES = ["posted_sales_line", "posted_purchase_receipt_line", "sales_line", "posted_sales_header",
          "posted_purchase_receipt", "detailed_customer_ledger_entry", "sales_header",
          "customer_ledger_entry", "bank_statement_line"]
#: (code, description, prefix): the same rows as domain.charts.NUMBER_SERIES appends
SERIES = [
    ("SQ", "Sales quotes", "SQ-"), ("SO", "Sales orders", "SO-"), ("SI", "Sales invoice drafts", "SI-"),
    ("SCM", "Sales credit memo drafts", "SCM-"), ("PSS", "Posted sales shipments", "PSS-"),
    ("PSI", "Posted sales invoices", "PSI-"), ("PSCM", "Posted sales credit memos", "PSCM-"),
    ("PO", "Purchase orders", "PO-"), ("PRCPT", "Posted purchase receipts", "PRCPT-"),
    ("PAY", "Payment journal documents", "PAY-"),
]
QTY = frozen.ExactNumeric(precision=18, scale=5)


def upgrade() -> None:
    op.create_table('bank_statement_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('statement_id', sa.String(length=50), nullable=False),
    sa.Column('account_iban', sa.String(length=34), nullable=False),
    sa.Column('entry_reference', sa.String(length=60), nullable=False),
    sa.Column('booking_date', sa.Date(), nullable=False),
    sa.Column('amount', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('counterparty_name', sa.String(length=250), nullable=False),
    sa.Column('counterparty_iban', sa.String(length=34), nullable=True),
    sa.Column('reference', sa.String(length=140), nullable=False),
    sa.Column('remittance_text', sa.String(length=250), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('party_type', sa.String(length=10), nullable=False),
    sa.Column('party_no', sa.String(length=20), nullable=True),
    sa.Column('payment_document_no', sa.String(length=20), nullable=True),
    sa.Column('applied_document_no', sa.String(length=20), nullable=True),
    sa.Column('residue', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_statement_line')),
    sa.UniqueConstraint('account_iban', 'entry_reference', name=op.f('uq_bank_statement_line_account_iban_entry_reference'))
    )
    op.create_table('customer_ledger_entry',
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('transaction_no', sa.Integer(), nullable=False),
    sa.Column('customer_no', sa.String(length=20), nullable=False),
    sa.Column('posting_date', sa.Date(), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('document_type', sa.String(length=15), nullable=False),
    sa.Column('document_no', sa.String(length=20), nullable=False),
    sa.Column('external_document_no', sa.String(length=50), nullable=False),
    sa.Column('description', sa.String(length=250), nullable=False),
    sa.Column('currency_code', sa.String(length=3), nullable=False),
    sa.Column('amount', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('amount_lcy', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('remaining_amount', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('pmt_discount_date', sa.Date(), nullable=True),
    sa.Column('original_pmt_disc_possible', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('payment_reference', sa.String(length=50), nullable=True),
    sa.Column('open', sa.Boolean(), nullable=False),
    sa.Column('closed_by_entry_no', sa.Integer(), nullable=True),
    sa.Column('closed_at_date', sa.Date(), nullable=True),
    sa.Column('user_id', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['customer_no'], ['customer.no'], name=op.f('fk_customer_ledger_entry_customer_no_customer')),
    sa.PrimaryKeyConstraint('entry_no', name=op.f('pk_customer_ledger_entry'))
    )
    op.create_index(op.f('ix_customer_ledger_entry_customer_no'), 'customer_ledger_entry', ['customer_no'], unique=False)
    op.create_index(op.f('ix_customer_ledger_entry_document_no'), 'customer_ledger_entry', ['document_no'], unique=False)
    op.create_index(op.f('ix_customer_ledger_entry_payment_reference'), 'customer_ledger_entry', ['payment_reference'], unique=False)
    op.create_index(op.f('ix_customer_ledger_entry_transaction_no'), 'customer_ledger_entry', ['transaction_no'], unique=False)
    op.create_table('sales_header',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_type', sa.String(length=15), nullable=False),
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('customer_no', sa.String(length=20), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('posting_date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('pmt_discount_date', sa.Date(), nullable=True),
    sa.Column('payment_discount_pct', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('payment_terms_code', sa.String(length=20), nullable=True),
    sa.Column('currency_code', sa.String(length=3), nullable=False),
    sa.Column('exchange_rate', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('prices_including_vat', sa.Boolean(), nullable=False),
    sa.Column('gen_bus_posting_group', sa.String(length=20), nullable=False),
    sa.Column('vat_bus_posting_group', sa.String(length=20), nullable=False),
    sa.Column('customer_posting_group', sa.String(length=20), nullable=False),
    sa.Column('external_document_no', sa.String(length=50), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('quote_no', sa.String(length=20), nullable=True),
    sa.Column('applies_to_doc_no', sa.String(length=20), nullable=True),
    sa.Column('is_correction', sa.Boolean(), nullable=False),
    sa.Column('posted_no', sa.String(length=20), nullable=True),
    sa.Column('created_by', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['customer_no'], ['customer.no'], name=op.f('fk_sales_header_customer_no_customer')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_header')),
    sa.UniqueConstraint('document_type', 'no', name=op.f('uq_sales_header_document_type_no'))
    )
    op.create_table('detailed_customer_ledger_entry',
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('customer_ledger_entry_no', sa.Integer(), nullable=False),
    sa.Column('entry_type', sa.String(length=20), nullable=False),
    sa.Column('posting_date', sa.Date(), nullable=False),
    sa.Column('document_no', sa.String(length=20), nullable=False),
    sa.Column('amount', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('amount_lcy', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('applied_customer_ledger_entry_no', sa.Integer(), nullable=True),
    sa.Column('transaction_no', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['customer_ledger_entry_no'], ['customer_ledger_entry.entry_no'], name=op.f('fk_detailed_customer_ledger_entry_customer_ledger_entry_no_customer_ledger_entry')),
    sa.PrimaryKeyConstraint('entry_no', name=op.f('pk_detailed_customer_ledger_entry'))
    )
    op.create_index(op.f('ix_detailed_customer_ledger_entry_customer_ledger_entry_no'), 'detailed_customer_ledger_entry', ['customer_ledger_entry_no'], unique=False)
    op.create_table('posted_purchase_receipt',
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('order_id', sa.Integer(), nullable=False),
    sa.Column('order_no', sa.String(length=20), nullable=False),
    sa.Column('vendor_no', sa.String(length=20), nullable=False),
    sa.Column('vendor_name', sa.String(length=250), nullable=False),
    sa.Column('ship_to_customer_no', sa.String(length=20), nullable=True),
    sa.Column('posting_date', sa.Date(), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('transaction_no', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=20), nullable=True),
    sa.Column('posted_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['order_id'], ['purchase_header.id'], name=op.f('fk_posted_purchase_receipt_order_id_purchase_header')),
    sa.ForeignKeyConstraint(['vendor_no'], ['vendor.no'], name=op.f('fk_posted_purchase_receipt_vendor_no_vendor')),
    sa.PrimaryKeyConstraint('no', name=op.f('pk_posted_purchase_receipt'))
    )
    op.create_index(op.f('ix_posted_purchase_receipt_order_id'), 'posted_purchase_receipt', ['order_id'], unique=False)
    op.create_table('posted_sales_header',
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('document_type', sa.String(length=15), nullable=False),
    sa.Column('source_header_id', sa.Integer(), nullable=False),
    sa.Column('source_no', sa.String(length=20), nullable=False),
    sa.Column('order_no', sa.String(length=20), nullable=True),
    sa.Column('customer_no', sa.String(length=20), nullable=False),
    sa.Column('customer_name', sa.String(length=250), nullable=False),
    sa.Column('document_date', sa.Date(), nullable=False),
    sa.Column('posting_date', sa.Date(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('currency_code', sa.String(length=3), nullable=False),
    sa.Column('exchange_rate', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('prices_including_vat', sa.Boolean(), nullable=False),
    sa.Column('amount', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('amount_including_vat', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('payment_reference', sa.String(length=50), nullable=True),
    sa.Column('applies_to_doc_no', sa.String(length=20), nullable=True),
    sa.Column('is_correction', sa.Boolean(), nullable=False),
    sa.Column('cancelled', sa.Boolean(), nullable=False),
    sa.Column('transaction_no', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=20), nullable=True),
    sa.Column('posted_at', sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
    sa.ForeignKeyConstraint(['customer_no'], ['customer.no'], name=op.f('fk_posted_sales_header_customer_no_customer')),
    sa.ForeignKeyConstraint(['source_header_id'], ['sales_header.id'], name=op.f('fk_posted_sales_header_source_header_id_sales_header')),
    sa.PrimaryKeyConstraint('no', name=op.f('pk_posted_sales_header'))
    )
    op.create_index(op.f('ix_posted_sales_header_source_header_id'), 'posted_sales_header', ['source_header_id'], unique=False)
    op.create_table('sales_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('header_id', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=15), nullable=False),
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=250), nullable=False),
    sa.Column('quantity', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('unit_of_measure', sa.String(length=20), nullable=False),
    sa.Column('unit_price', frozen.ExactNumeric(precision=18, scale=6), nullable=False),
    sa.Column('line_discount_pct', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('gen_prod_posting_group', sa.String(length=20), nullable=False),
    sa.Column('vat_prod_posting_group', sa.String(length=20), nullable=False),
    sa.Column('location_code', sa.String(length=20), nullable=False),
    sa.Column('qty_to_ship', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('quantity_shipped', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('qty_to_invoice', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('quantity_invoiced', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('drop_shipment', sa.Boolean(), nullable=False),
    sa.Column('purchase_order_no', sa.String(length=20), nullable=True),
    sa.Column('purchase_order_line_no', sa.Integer(), nullable=True),
    sa.Column('applies_from_item_entry', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['header_id'], ['sales_header.id'], name=op.f('fk_sales_line_header_id_sales_header'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sales_line')),
    sa.UniqueConstraint('header_id', 'line_no', name=op.f('uq_sales_line_header_id_line_no'))
    )
    op.create_table('posted_purchase_receipt_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_no', sa.String(length=20), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=False),
    sa.Column('order_line_no', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=15), nullable=False),
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=250), nullable=False),
    sa.Column('quantity', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('quantity_invoiced', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('unit_of_measure', sa.String(length=20), nullable=False),
    sa.Column('direct_unit_cost', frozen.ExactNumeric(precision=18, scale=6), nullable=False),
    sa.Column('line_discount_pct', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('gen_prod_posting_group', sa.String(length=20), nullable=False),
    sa.Column('vat_prod_posting_group', sa.String(length=20), nullable=False),
    sa.Column('location_code', sa.String(length=20), nullable=False),
    sa.Column('drop_shipment', sa.Boolean(), nullable=False),
    sa.Column('item_ledger_entry_no', sa.Integer(), nullable=True),
    sa.Column('undoes_line_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_no'], ['posted_purchase_receipt.no'], name=op.f('fk_posted_purchase_receipt_line_document_no_posted_purchase_receipt')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posted_purchase_receipt_line')),
    sa.UniqueConstraint('document_no', 'line_no', name=op.f('uq_posted_purchase_receipt_line_document_no_line_no'))
    )
    op.create_index(op.f('ix_posted_purchase_receipt_line_order_line_id'), 'posted_purchase_receipt_line', ['order_line_id'], unique=False)
    op.create_index(op.f('ix_posted_purchase_receipt_line_undoes_line_id'), 'posted_purchase_receipt_line', ['undoes_line_id'], unique=False)
    op.create_table('posted_sales_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_no', sa.String(length=20), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=15), nullable=False),
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('description', sa.String(length=250), nullable=False),
    sa.Column('quantity', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('quantity_invoiced', frozen.ExactNumeric(precision=18, scale=5), nullable=False),
    sa.Column('unit_of_measure', sa.String(length=20), nullable=False),
    sa.Column('unit_price', frozen.ExactNumeric(precision=18, scale=6), nullable=False),
    sa.Column('line_discount_pct', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('amount', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('amount_including_vat', frozen.ExactNumeric(precision=18, scale=2), nullable=False),
    sa.Column('vat_pct', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('gen_prod_posting_group', sa.String(length=20), nullable=False),
    sa.Column('vat_prod_posting_group', sa.String(length=20), nullable=False),
    sa.Column('location_code', sa.String(length=20), nullable=False),
    sa.Column('drop_shipment', sa.Boolean(), nullable=False),
    sa.Column('order_line_id', sa.Integer(), nullable=True),
    sa.Column('item_ledger_entry_no', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['document_no'], ['posted_sales_header.no'], name=op.f('fk_posted_sales_line_document_no_posted_sales_header')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_posted_sales_line')),
    sa.UniqueConstraint('document_no', 'line_no', name=op.f('uq_posted_sales_line_document_no_line_no'))
    )
    op.create_index(op.f('ix_posted_sales_line_order_line_id'), 'posted_sales_line', ['order_line_id'], unique=False)

    with op.batch_alter_table('purchase_header') as batch:
        batch.add_column(sa.Column('ship_to_customer_no', sa.String(length=20), nullable=True))
    with op.batch_alter_table('purchase_line') as batch:
        for name in ('qty_to_receive', 'quantity_received', 'qty_to_invoice', 'quantity_invoiced'):
            batch.add_column(sa.Column(name, QTY, nullable=False, server_default='0'))
        batch.add_column(sa.Column('receipt_line_id', sa.Integer(), nullable=True))
        batch.add_column(sa.Column('drop_shipment', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column('sales_order_no', sa.String(length=20), nullable=True))
        batch.add_column(sa.Column('sales_order_line_no', sa.Integer(), nullable=True))
    series = sa.table('number_series', sa.column('code'), sa.column('description'), sa.column('prefix'),
                      sa.column('width'), sa.column('last_no'), sa.column('gap_free'))
    bind = op.get_bind()
    existing = {row[0] for row in bind.execute(sa.select(series.c.code))}
    rows = [{"code": c, "description": d, "prefix": p, "width": 6, "last_no": 0, "gap_free": True}
            for c, d, p in SERIES if c not in existing]
    if rows:
        op.bulk_insert(series, rows)
    for statement in append_only_trigger_sql(bind.dialect.name, tables=APPEND_ONLY):
        op.execute(statement)


def downgrade() -> None:
    with op.batch_alter_table('purchase_line') as batch:
        for name in ('sales_order_line_no', 'sales_order_no', 'drop_shipment', 'receipt_line_id',
                     'quantity_invoiced', 'qty_to_invoice', 'quantity_received', 'qty_to_receive'):
            batch.drop_column(name)
    with op.batch_alter_table('purchase_header') as batch:
        batch.drop_column('ship_to_customer_no')
    for table in TABLES:
        op.drop_table(table)
