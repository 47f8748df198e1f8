"""return orders: the number series of purchase and sales return orders and their shipments/receipts.

Return orders reuse the order tables (``document_type`` return_order) and the
posted receipt/shipment tables, so only number series rows are new.

Revision ID: 0008
Revises: 0007
"""
import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: (code, description, prefix): the same rows as domain.setup.charts.NUMBER_SERIES appends
SERIES = [
    ("PRO", "Purchase return orders", "PRO-"), ("PRSHP", "Posted return shipments", "PRSHP-"),
    ("SRO", "Sales return orders", "SRO-"), ("SRRCP", "Posted return receipts", "SRRCP-"),
]


def _table():
    return sa.table('number_series', sa.column('code'), sa.column('description'), sa.column('prefix'),
                    sa.column('width'), sa.column('last_no'), sa.column('gap_free'))


def upgrade() -> None:
    series = _table()
    existing = {row[0] for row in op.get_bind().execute(sa.select(series.c.code))}
    rows = [{"code": c, "description": d, "prefix": p, "width": 6, "last_no": 0, "gap_free": True}
            for c, d, p in SERIES if c not in existing]
    if rows:
        op.bulk_insert(series, rows)


def downgrade() -> None:
    series = _table()
    op.execute(series.delete().where(series.c.code.in_([c for c, _, _ in SERIES])))
