"""costing: inventory setup, inventory periods, items to adjust, cost adjustment runs;
partial indexes on value entries whose cost is not yet posted to G/L.

Revision ID: 0004
Revises: 0003
"""
import sqlalchemy as sa
from alembic import op

from migrations import frozen

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('inventory_setup',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('average_cost_period', sa.String(length=10), nullable=False),
    sa.Column('average_cost_calc_type', sa.String(length=25), nullable=False),
    sa.Column('automatic_cost_adjustment', sa.String(length=10), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_inventory_setup'))
    )
    op.create_table('inventory_period',
    sa.Column('ending_date', sa.Date(), nullable=False),
    sa.Column('closed', sa.Boolean(), nullable=False),
    sa.Column('closed_by', sa.String(length=20), nullable=True),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('ending_date', name=op.f('pk_inventory_period'))
    )
    op.create_table('item_to_adjust',
    sa.Column('item_no', sa.String(length=20), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('generation', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['item_no'], ['item.no'], name=op.f('fk_item_to_adjust_item_no_item')),
    sa.PrimaryKeyConstraint('item_no', name=op.f('pk_item_to_adjust'))
    )
    op.create_table('cost_adjustment_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('trigger', sa.String(length=15), nullable=False),
    sa.Column('status', sa.String(length=25), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('finished_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('items_total', sa.Integer(), nullable=False),
    sa.Column('items_adjusted', sa.Integer(), nullable=False),
    sa.Column('items_failed', sa.Integer(), nullable=False),
    sa.Column('entries_created', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.String(length=20), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_adjustment_run'))
    )
    op.create_table('cost_adjustment_run_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('run_id', sa.Integer(), nullable=False),
    sa.Column('item_no', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('entries_created', sa.Integer(), nullable=False),
    sa.Column('amount', frozen.ExactNumeric(18, 2), nullable=False),
    sa.Column('error_code', sa.String(length=50), nullable=True),
    sa.Column('error_message', sa.String(length=250), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['run_id'], ['cost_adjustment_run.id'], name=op.f('fk_cost_adjustment_run_item_run_id_cost_adjustment_run')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_adjustment_run_item'))
    )
    op.create_index('ix_cost_adjustment_run_item_run', 'cost_adjustment_run_item', ['run_id', 'item_no'])
    # "Post Value Entry to G/L" without a queue table: the entries still to post
    # are exactly those whose cost differs from what was posted (partial indexes)
    op.create_index('ix_value_entry_cost_not_posted', 'value_entry', ['entry_no'],
                    postgresql_where=sa.text('cost_amount_actual <> cost_posted_to_gl'),
                    sqlite_where=sa.text('cost_amount_actual <> cost_posted_to_gl'))
    op.create_index('ix_value_entry_expected_not_posted', 'value_entry', ['entry_no'],
                    postgresql_where=sa.text('cost_amount_expected <> expected_cost_posted_to_gl'),
                    sqlite_where=sa.text('cost_amount_expected <> expected_cost_posted_to_gl'))
    op.create_index('ix_item_application_entry_outbound_inbound', 'item_application_entry',
                    ['inbound_item_entry_no', 'outbound_item_entry_no'])


def downgrade() -> None:
    op.drop_index('ix_item_application_entry_outbound_inbound', 'item_application_entry')
    op.drop_index('ix_value_entry_expected_not_posted', 'value_entry')
    op.drop_index('ix_value_entry_cost_not_posted', 'value_entry')
    op.drop_index('ix_cost_adjustment_run_item_run', 'cost_adjustment_run_item')
    op.drop_table('cost_adjustment_run_item')
    op.drop_table('cost_adjustment_run')
    op.drop_table('item_to_adjust')
    op.drop_table('inventory_period')
    op.drop_table('inventory_setup')
