"""assembly management: assembly BOMs and assembly orders (issue 15, item 7)

New tables: resource, assembly_bom_component, assembly_header, assembly_line. Item ledger and
value entries get the entry types assembly_consumption and assembly_output (plain
strings in existing columns: no column change).

Written in parallel with other revisions: down_revision is re-pointed by the lead when
merging if the chain differs.

Revision ID: 0034
Revises: 0029
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric

revision = "0034"
down_revision = "0029"
branch_labels = None
depends_on = None

QTY = ExactNumeric(18, 5)
UNIT = ExactNumeric(18, 6)


def upgrade() -> None:
    """Idempotent: a database stamped back with these already in place upgrades again."""
    existing = set(sa.inspect(op.get_bind()).get_table_names())
    for name, create in _TABLES:
        if name not in existing:
            create()


def _resources() -> None:
    op.create_table(
        "resource",
        sa.Column("no", sa.String(20), nullable=False),
        sa.Column("name", sa.String(250), nullable=False),
        sa.Column("unit_cost", UNIT, nullable=False),
        sa.PrimaryKeyConstraint("no", name=op.f("pk_resource")),
    )


def _bom() -> None:
    op.create_table(
        "assembly_bom_component",
        sa.Column("parent_item_no", sa.String(20), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("component_item_no", sa.String(20), nullable=True),
        sa.Column("resource_no", sa.String(20), nullable=True),
        sa.Column("quantity_per", QTY, nullable=False),
        sa.ForeignKeyConstraint(["parent_item_no"], ["item.no"],
                                name=op.f("fk_assembly_bom_component_parent_item_no_item")),
        sa.ForeignKeyConstraint(["component_item_no"], ["item.no"],
                                name=op.f("fk_assembly_bom_component_component_item_no_item")),
        sa.ForeignKeyConstraint(["resource_no"], ["resource.no"],
                                name=op.f("fk_assembly_bom_component_resource_no_resource")),
        sa.PrimaryKeyConstraint("parent_item_no", "line_no", name=op.f("pk_assembly_bom_component")),
    )
    op.create_index(op.f("ix_assembly_bom_component_component_item_no"), "assembly_bom_component",
                    ["component_item_no"])


def _headers() -> None:
    op.create_table(
        "assembly_header",
        sa.Column("no", sa.String(20), nullable=False),
        sa.Column("item_no", sa.String(20), nullable=False),
        sa.Column("description", sa.String(250), nullable=False),
        sa.Column("quantity", QTY, nullable=False),
        sa.Column("quantity_assembled", QTY, nullable=False),
        sa.Column("location_code", sa.String(20), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("tracking", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_assembly_header_item_no_item")),
        sa.PrimaryKeyConstraint("no", name=op.f("pk_assembly_header")),
    )


def _lines() -> None:
    op.create_table(
        "assembly_line",
        sa.Column("order_no", sa.String(20), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("item_no", sa.String(20), nullable=True),
        sa.Column("resource_no", sa.String(20), nullable=True),
        sa.Column("description", sa.String(250), nullable=False),
        sa.Column("quantity_per", QTY, nullable=False),
        sa.Column("quantity", QTY, nullable=False),
        sa.Column("consumed_quantity", QTY, nullable=False),
        sa.ForeignKeyConstraint(["order_no"], ["assembly_header.no"],
                                name=op.f("fk_assembly_line_order_no_assembly_header")),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_assembly_line_item_no_item")),
        sa.ForeignKeyConstraint(["resource_no"], ["resource.no"],
                                name=op.f("fk_assembly_line_resource_no_resource")),
        sa.PrimaryKeyConstraint("order_no", "line_no", name=op.f("pk_assembly_line")),
    )


_TABLES = (("resource", _resources), ("assembly_bom_component", _bom), ("assembly_header", _headers), ("assembly_line", _lines))


def downgrade() -> None:
    for name, _ in reversed(_TABLES):
        op.drop_table(name)
