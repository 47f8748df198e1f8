"""inventory documents: item categories and attributes, item card reorder fields,
in-transit locations, physical inventory batches, transfer orders (issue 15)

New tables: item_category (a tree), item_attribute, item_attribute_value, item_variant,
phys_inventory_batch, phys_inventory_line, transfer_header, transfer_line,
transfer_entry. New columns: item.item_category_code, item.reorder_point,
item.reorder_quantity, location.use_as_in_transit (existing rows: no category,
0, 0, not in transit).

Revisions 0016..0022 were written in parallel and are not on the branch this was
written on: this revision follows them; the lead re-points down_revision when
merging if the chain differs.

Revision ID: 0023
Revises: 0022
"""
import sqlalchemy as sa
from alembic import op

from migrations.frozen import ExactNumeric

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

QTY = ExactNumeric(18, 5)


def upgrade() -> None:
    """Idempotent: a database stamped back with these already in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    item_columns = {c["name"] for c in inspector.get_columns("item")}
    with op.batch_alter_table("item") as batch:
        if "item_category_code" not in item_columns:
            batch.add_column(sa.Column("item_category_code", sa.String(20), nullable=True))
        for name in ("reorder_point", "reorder_quantity"):
            if name not in item_columns:
                batch.add_column(sa.Column(name, QTY, nullable=False, server_default="0"))
    if "use_as_in_transit" not in {c["name"] for c in inspector.get_columns("location")}:
        with op.batch_alter_table("location") as batch:
            batch.add_column(sa.Column("use_as_in_transit", sa.Boolean(), nullable=False,
                                       server_default=sa.false()))
    existing = set(inspector.get_table_names())
    for name, create in _TABLES:
        if name not in existing:
            create()


def _categories() -> None:
    op.create_table(
        "item_category",
        sa.Column("code", sa.String(20), nullable=False),
        sa.Column("parent_code", sa.String(20), nullable=True),
        sa.Column("description", sa.String(250), nullable=False),
        sa.ForeignKeyConstraint(["parent_code"], ["item_category.code"],
                                name=op.f("fk_item_category_parent_code_item_category")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_item_category")),
    )


def _attributes() -> None:
    op.create_table(
        "item_attribute",
        sa.Column("name", sa.String(30), nullable=False),
        sa.Column("type", sa.String(10), nullable=False),
        sa.Column("option_values", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_item_attribute")),
    )


def _attribute_values() -> None:
    op.create_table(
        "item_attribute_value",
        sa.Column("item_no", sa.String(20), nullable=False),
        sa.Column("attribute_name", sa.String(30), nullable=False),
        sa.Column("value", sa.String(250), nullable=False),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_item_attribute_value_item_no_item")),
        sa.ForeignKeyConstraint(["attribute_name"], ["item_attribute.name"],
                                name=op.f("fk_item_attribute_value_attribute_name_item_attribute")),
        sa.PrimaryKeyConstraint("item_no", "attribute_name", name=op.f("pk_item_attribute_value")),
    )


def _variants() -> None:
    op.create_table(
        "item_variant",
        sa.Column("item_no", sa.String(20), nullable=False),
        sa.Column("code", sa.String(10), nullable=False),
        sa.Column("description", sa.String(250), nullable=False),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_item_variant_item_no_item")),
        sa.PrimaryKeyConstraint("item_no", "code", name=op.f("pk_item_variant")),
    )


def _batches() -> None:
    op.create_table(
        "phys_inventory_batch",
        sa.Column("name", sa.String(20), nullable=False),
        sa.Column("location_code", sa.String(20), nullable=False),
        sa.Column("posting_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("document_no", sa.String(20), nullable=True),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_phys_inventory_batch")),
    )


def _batch_lines() -> None:
    op.create_table(
        "phys_inventory_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_name", sa.String(20), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("item_no", sa.String(20), nullable=False),
        sa.Column("lot_no", sa.String(50), nullable=False),
        sa.Column("serial_no", sa.String(50), nullable=False),
        sa.Column("qty_calculated", QTY, nullable=False),
        sa.Column("qty_counted", QTY, nullable=True),
        sa.ForeignKeyConstraint(["batch_name"], ["phys_inventory_batch.name"],
                                name=op.f("fk_phys_inventory_line_batch_name_phys_inventory_batch")),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_phys_inventory_line_item_no_item")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_phys_inventory_line")),
        sa.UniqueConstraint("batch_name", "item_no", "lot_no", "serial_no",
                            name=op.f("uq_phys_inventory_line_batch_name_item_no_lot_no_serial_no")),
    )
    op.create_index(op.f("ix_phys_inventory_line_batch_name"), "phys_inventory_line", ["batch_name"])


def _transfer_headers() -> None:
    op.create_table(
        "transfer_header",
        sa.Column("no", sa.String(20), nullable=False),
        sa.Column("from_location", sa.String(20), nullable=False),
        sa.Column("to_location", sa.String(20), nullable=False),
        sa.Column("in_transit_location", sa.String(20), nullable=False),
        sa.Column("shipment_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(10), nullable=False),
        sa.PrimaryKeyConstraint("no", name=op.f("pk_transfer_header")),
    )


def _transfer_lines() -> None:
    op.create_table(
        "transfer_line",
        sa.Column("order_no", sa.String(20), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("item_no", sa.String(20), nullable=False),
        sa.Column("description", sa.String(250), nullable=False),
        sa.Column("quantity", QTY, nullable=False),
        sa.Column("quantity_shipped", QTY, nullable=False),
        sa.Column("quantity_received", QTY, nullable=False),
        sa.Column("tracking", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["order_no"], ["transfer_header.no"],
                                name=op.f("fk_transfer_line_order_no_transfer_header")),
        sa.ForeignKeyConstraint(["item_no"], ["item.no"], name=op.f("fk_transfer_line_item_no_item")),
        sa.PrimaryKeyConstraint("order_no", "line_no", name=op.f("pk_transfer_line")),
    )


def _transfer_entries() -> None:
    op.create_table(
        "transfer_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_no", sa.String(20), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(10), nullable=False),
        sa.Column("document_no", sa.String(20), nullable=False),
        sa.Column("entry_no", sa.Integer(), nullable=False),
        sa.Column("quantity", QTY, nullable=False),
        sa.ForeignKeyConstraint(["order_no"], ["transfer_header.no"],
                                name=op.f("fk_transfer_entry_order_no_transfer_header")),
        sa.ForeignKeyConstraint(["entry_no"], ["item_ledger_entry.entry_no"],
                                name=op.f("fk_transfer_entry_entry_no_item_ledger_entry")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_transfer_entry")),
    )
    op.create_index(op.f("ix_transfer_entry_order_no"), "transfer_entry", ["order_no"])


_TABLES = (("item_category", _categories), ("item_attribute", _attributes),
           ("item_attribute_value", _attribute_values), ("item_variant", _variants),
           ("phys_inventory_batch", _batches),
           ("phys_inventory_line", _batch_lines), ("transfer_header", _transfer_headers),
           ("transfer_line", _transfer_lines), ("transfer_entry", _transfer_entries))


def downgrade() -> None:
    for name, _ in reversed(_TABLES):
        op.drop_table(name)
    with op.batch_alter_table("location") as batch:
        batch.drop_column("use_as_in_transit")
    with op.batch_alter_table("item") as batch:
        for name in ("reorder_quantity", "reorder_point", "item_category_code"):
            batch.drop_column(name)
