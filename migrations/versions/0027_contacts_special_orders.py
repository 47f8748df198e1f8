"""contacts and business relations, contact persons on documents, purchase quotes, special orders

BC Relationship Management: ``contact`` (companies and persons, a person works for a company
contact) and ``contact_business_relation`` (a contact is a customer / a vendor). Sales and
purchase headers name a contact person (``contact_no``); a purchase order names the purchase
quote it was made from (``quote_no``); sales and purchase lines carry ``special_order`` (the
purchase order line delivered to our location for one sales order line, linked like a drop
shipment). Number series CT (contacts) and PQ (purchase quotes).

Revision ID: 0027
Revises: 0026
"""
import sqlalchemy as sa
from alembic import op

revision = "0027"
down_revision = "0026"
branch_labels = None
depends_on = None

#: (code, description, prefix): the same rows as domain.setup.charts.NUMBER_SERIES appends
SERIES = [("CT", "Contacts", "CT-"), ("PQ", "Purchase quotes", "PQ-")]
#: (table, column) added here, each made idempotent by checking the table's columns first
COLUMNS = [("sales_header", "contact_no"), ("purchase_header", "contact_no"), ("purchase_header", "quote_no"),
           ("sales_line", "special_order"), ("purchase_line", "special_order")]


def _column(name: str) -> sa.Column:
    if name == "special_order":
        return sa.Column(name, sa.Boolean(), nullable=False, server_default=sa.false())
    return sa.Column(name, sa.String(20), nullable=True)


def _series():
    return sa.table('number_series', sa.column('code'), sa.column('description'), sa.column('prefix'),
                    sa.column('width'), sa.column('last_no'), sa.column('gap_free'))


def upgrade() -> None:
    """Idempotent: a database stamped back with the tables in place upgrades again."""
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table("contact"):
        op.create_table(
            "contact",
            sa.Column("no", sa.String(20), nullable=False),
            sa.Column("type", sa.String(10), nullable=False),
            sa.Column("name", sa.String(250), nullable=False),
            sa.Column("company_no", sa.String(20), nullable=True),
            sa.Column("email", sa.String(200), nullable=False),
            sa.Column("phone", sa.String(30), nullable=False),
            sa.Column("created_by", sa.String(20), nullable=True),
            sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                      nullable=False),
            sa.ForeignKeyConstraint(["company_no"], ["contact.no"], name=op.f("fk_contact_company_no_contact")),
            sa.PrimaryKeyConstraint("no", name=op.f("pk_contact")),
        )
        op.create_index(op.f("ix_contact_company_no"), "contact", ["company_no"])
    if not inspector.has_table("contact_business_relation"):
        op.create_table(
            "contact_business_relation",
            sa.Column("id", sa.Integer(), nullable=False),
            sa.Column("contact_no", sa.String(20), nullable=False),
            sa.Column("link_to_table", sa.String(10), nullable=False),
            sa.Column("link_no", sa.String(20), nullable=False),
            sa.ForeignKeyConstraint(["contact_no"], ["contact.no"],
                                    name=op.f("fk_contact_business_relation_contact_no_contact")),
            sa.PrimaryKeyConstraint("id", name=op.f("pk_contact_business_relation")),
            sa.UniqueConstraint("link_to_table", "link_no",
                                name=op.f("uq_contact_business_relation_link_to_table_link_no")),
            sa.UniqueConstraint("contact_no", "link_to_table",
                                name=op.f("uq_contact_business_relation_contact_no_link_to_table")),
        )
    for table, name in COLUMNS:
        if name in {c["name"] for c in inspector.get_columns(table)}:
            continue
        with op.batch_alter_table(table) as batch:
            batch.add_column(_column(name))
            if name == "contact_no":
                batch.create_foreign_key(op.f(f"fk_{table}_contact_no_contact"), "contact", ["contact_no"], ["no"])
    series = _series()
    existing = {row[0] for row in op.get_bind().execute(sa.select(series.c.code))}
    rows = [{"code": c, "description": d, "prefix": p, "width": 6, "last_no": 0, "gap_free": True}
            for c, d, p in SERIES if c not in existing]
    if rows:
        op.bulk_insert(series, rows)


def downgrade() -> None:
    series = _series()
    op.execute(series.delete().where(series.c.code.in_([c for c, _, _ in SERIES])))
    for table, name in reversed(COLUMNS):
        with op.batch_alter_table(table) as batch:
            if name == "contact_no":
                batch.drop_constraint(op.f(f"fk_{table}_contact_no_contact"), type_="foreignkey")
            batch.drop_column(name)
    op.drop_table("contact_business_relation")
    op.drop_index(op.f("ix_contact_company_no"), "contact")
    op.drop_table("contact")
