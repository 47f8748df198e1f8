"""intake: incoming documents, their fields, lines, problems and copies; vendor mappings.

Revision ID: 0002
Revises: 0001
"""
import sqlalchemy as sa
from alembic import op

from migrations import frozen

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ["incoming_document_problem", "incoming_document_line", "incoming_document_field",
          "incoming_document_copy", "incoming_document", "vendor_mapping"]


def upgrade() -> None:
    op.create_table('vendor_mapping',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vendor_no', sa.String(length=20), nullable=False),
    sa.Column('match_text', sa.String(length=250), nullable=False),
    sa.Column('type', sa.String(length=15), nullable=False),
    sa.Column('no', sa.String(length=20), nullable=False),
    sa.Column('uses', sa.Integer(), nullable=False),
    sa.Column('created_by', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['vendor_no'], ['vendor.no'], name=op.f('fk_vendor_mapping_vendor_no_vendor')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vendor_mapping')),
    sa.UniqueConstraint('vendor_no', 'match_text', name=op.f('uq_vendor_mapping_vendor_no_match_text'))
    )
    op.create_table('incoming_document',
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('source_kind', sa.String(length=20), nullable=True),
    sa.Column('document_type', sa.String(length=15), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('original_name', sa.String(length=250), nullable=False),
    sa.Column('archive_path', sa.String(length=500), nullable=True),
    sa.Column('source_path', sa.String(length=500), nullable=False),
    sa.Column('source_mtime_ns', sa.BigInteger(), nullable=True),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('quarantine_path', sa.String(length=500), nullable=True),
    sa.Column('quarantine_code', sa.String(length=40), nullable=True),
    sa.Column('vendor_no', sa.String(length=20), nullable=True),
    sa.Column('vendor_match', sa.String(length=20), nullable=True),
    sa.Column('proposed_vendor', sa.Text(), nullable=True),
    sa.Column('vat_groups', sa.Text(), nullable=False),
    sa.Column('duplicate_of', sa.Integer(), nullable=True),
    sa.Column('purchase_header_id', sa.Integer(), nullable=True),
    sa.Column('purchase_document_no', sa.String(length=20), nullable=True),
    sa.Column('created_by', sa.String(length=20), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['purchase_header_id'], ['purchase_header.id'], name=op.f('fk_incoming_document_purchase_header_id_purchase_header')),
    sa.ForeignKeyConstraint(['vendor_no'], ['vendor.no'], name=op.f('fk_incoming_document_vendor_no_vendor')),
    sa.PrimaryKeyConstraint('entry_no', name=op.f('pk_incoming_document')),
    sa.UniqueConstraint('sha256', name=op.f('uq_incoming_document_sha256'))
    )
    op.create_index(op.f('ix_incoming_document_status'), 'incoming_document', ['status'], unique=False)
    op.create_table('incoming_document_copy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=250), nullable=False),
    sa.Column('source_path', sa.String(length=500), nullable=False),
    sa.Column('source_mtime_ns', sa.BigInteger(), nullable=True),
    sa.Column('received_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['entry_no'], ['incoming_document.entry_no'], name=op.f('fk_incoming_document_copy_entry_no_incoming_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incoming_document_copy'))
    )
    op.create_table('incoming_document_field',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.String(length=250), nullable=True),
    sa.Column('confidence', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('source', sa.String(length=10), nullable=False),
    sa.Column('corrected_by', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['entry_no'], ['incoming_document.entry_no'], name=op.f('fk_incoming_document_field_entry_no_incoming_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incoming_document_field')),
    sa.UniqueConstraint('entry_no', 'name', name=op.f('uq_incoming_document_field_entry_no_name'))
    )
    op.create_table('incoming_document_line',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('line_no', sa.Integer(), nullable=False),
    sa.Column('description', sa.String(length=250), nullable=False),
    sa.Column('quantity', frozen.ExactNumeric(precision=18, scale=5), nullable=True),
    sa.Column('unit', sa.String(length=20), nullable=True),
    sa.Column('unit_price', frozen.ExactNumeric(precision=18, scale=6), nullable=True),
    sa.Column('discount_pct', frozen.ExactNumeric(precision=18, scale=10), nullable=True),
    sa.Column('vat_rate', frozen.ExactNumeric(precision=18, scale=10), nullable=True),
    sa.Column('amount', frozen.ExactNumeric(precision=18, scale=2), nullable=True),
    sa.Column('vendor_item_no', sa.String(length=50), nullable=True),
    sa.Column('confidence', frozen.ExactNumeric(precision=18, scale=10), nullable=False),
    sa.Column('type', sa.String(length=15), nullable=True),
    sa.Column('no', sa.String(length=20), nullable=True),
    sa.Column('mapped_by', sa.String(length=20), nullable=True),
    sa.Column('corrected_by', sa.String(length=20), nullable=True),
    sa.ForeignKeyConstraint(['entry_no'], ['incoming_document.entry_no'], name=op.f('fk_incoming_document_line_entry_no_incoming_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incoming_document_line')),
    sa.UniqueConstraint('entry_no', 'line_no', name=op.f('uq_incoming_document_line_entry_no_line_no'))
    )
    op.create_table('incoming_document_problem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('entry_no', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=60), nullable=False),
    sa.Column('field', sa.String(length=60), nullable=True),
    sa.Column('params', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=10), nullable=False),
    sa.Column('stage', sa.String(length=10), nullable=False),
    sa.ForeignKeyConstraint(['entry_no'], ['incoming_document.entry_no'], name=op.f('fk_incoming_document_problem_entry_no_incoming_document'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_incoming_document_problem'))
    )
    # no append-only tables here: incoming documents change status and are corrected by users


def downgrade() -> None:
    op.drop_index(op.f('ix_incoming_document_status'), table_name='incoming_document')
    for table in TABLES:
        op.drop_table(table)
