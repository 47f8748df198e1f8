"""What the migrations need from the application code, frozen as of 2026-11-21.

A migration must build the same schema whenever it runs: on a new database next
year as on the one it was written for. Importing the live code breaks that: a
model module that moves makes old revisions fail to import, and a helper that
derives DDL from today's models (the append-only triggers read each model's
columns) would make an old revision create what the newest model says instead
of what it said then. So the revisions import only this module, which is a copy
of ``domain.orm.ExactNumeric`` and of the trigger helpers in
``domain.db``, with the models' column lists written out. Never change what a
function here returns for the arguments the existing revisions pass; a later
revision that needs something new adds it under a new name.
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import BigInteger, Numeric
from sqlalchemy.types import TypeDecorator


class ExactNumeric(TypeDecorator):
    """NUMERIC(p, s) on PostgreSQL; on SQLite a 64-bit integer in units of the
    scale (SQLite has no decimal type). A copy of ``domain.orm.ExactNumeric``:
    the DDL is what matters to a migration, the value handling comes along so
    that data written by a migration is stored the way the application reads it."""

    impl = Numeric
    cache_ok = True

    def __init__(self, precision: int, scale: int):
        super().__init__(precision, scale, asdecimal=True)
        self.precision = precision
        self.scale = scale

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(self.precision, self.scale, asdecimal=True))

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if not isinstance(value, Decimal):
            if isinstance(value, (float, bool)):
                raise TypeError(f"float/bool is not a decimal value: {value!r}")
            value = Decimal(value)
        scaled = value.scaleb(self.scale)
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than {self.scale} decimals for this column")
        if dialect.name == "sqlite":
            return int(scaled)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        if dialect.name == "sqlite":
            return Decimal(int(value)).scaleb(-self.scale)
        return value if isinstance(value, Decimal) else Decimal(str(value))

    def coerce_compared_value(self, op, value):
        return self


#: per append-only table, the columns its trigger freezes: every column of the
#: model except its ``__mutable_columns__``, in the models' order of 2026-11-21
#: (tables in the order of their model class names, as ``domain.db`` iterated them)
APPEND_ONLY_COLUMNS: dict[str, tuple[str, ...]] = {
    # revision 0014: the setup audit of revision 0013, in the same form as the others
    'setup_audit_event': (
        'id', 'at', 'user_id', 'os_account', 'surface', 'address', 'action', 'object', 'before', 'after',
        'outcome', 'code'
    ),
    'approval_audit_event': (
        'id', 'at', 'actor', 'action', 'document_no', 'document_version', 'version_hash',
        'status_before', 'status_after', 'request_id', 'entry_id', 'on_behalf_of', 'code', 'comment',
        'flagged'
    ),
    'customer_ledger_entry': (
        'entry_no', 'transaction_no', 'customer_no', 'posting_date', 'document_date', 'document_type',
        'document_no', 'external_document_no', 'description', 'currency_code', 'amount', 'amount_lcy',
        'due_date', 'pmt_discount_date', 'original_pmt_disc_possible', 'payment_reference', 'user_id'
    ),
    'detailed_customer_ledger_entry': (
        'entry_no', 'customer_ledger_entry_no', 'entry_type', 'posting_date', 'document_no', 'amount',
        'amount_lcy', 'applied_customer_ledger_entry_no', 'transaction_no'
    ),
    'detailed_vendor_ledger_entry': (
        'entry_no', 'vendor_ledger_entry_no', 'entry_type', 'posting_date', 'document_no', 'amount',
        'amount_lcy', 'applied_vendor_ledger_entry_no', 'transaction_no'
    ),
    'gl_entry': (
        'entry_no', 'transaction_no', 'gl_account_no', 'posting_date', 'document_type', 'document_no',
        'external_document_no', 'description', 'amount', 'debit_amount', 'credit_amount', 'vat_amount',
        'gen_posting_type', 'gen_bus_posting_group', 'gen_prod_posting_group', 'vat_bus_posting_group',
        'vat_prod_posting_group', 'source_type', 'source_no', 'user_id', 'created_at'
    ),
    'item_application_entry': (
        'entry_no', 'item_ledger_entry_no', 'inbound_item_entry_no', 'outbound_item_entry_no',
        'quantity', 'posting_date', 'fixed', 'transaction_no'
    ),
    'item_ledger_entry': (
        'entry_no', 'item_no', 'posting_date', 'entry_type', 'document_type', 'document_no',
        'document_line_no', 'description', 'location_code', 'quantity', 'positive', 'applies_to_entry',
        'source_type', 'source_no', 'serial_no', 'lot_no', 'transaction_no', 'user_id'
    ),
    'posted_purchase_header': (
        'no', 'document_type', 'source_header_id', 'source_no', 'vendor_no', 'vendor_name',
        'vendor_invoice_no', 'vendor_invoice_no_norm', 'document_date', 'posting_date', 'due_date',
        'currency_code', 'exchange_rate', 'prices_including_vat', 'amount', 'amount_including_vat',
        'payment_reference', 'applies_to_doc_no', 'is_correction', 'transaction_no', 'user_id',
        'posted_at'
    ),
    'posted_purchase_line': (
        'id', 'document_no', 'line_no', 'type', 'no', 'description', 'quantity', 'unit_of_measure',
        'direct_unit_cost', 'line_discount_pct', 'amount', 'amount_including_vat', 'vat_pct',
        'gen_prod_posting_group', 'vat_prod_posting_group', 'location_code', 'item_ledger_entry_no'
    ),
    'posted_purchase_receipt': (
        'no', 'order_id', 'order_no', 'vendor_no', 'vendor_name', 'ship_to_customer_no', 'posting_date',
        'document_date', 'transaction_no', 'user_id', 'posted_at'
    ),
    'posted_purchase_receipt_line': (
        'id', 'document_no', 'line_no', 'order_line_id', 'order_line_no', 'type', 'no', 'description',
        'quantity', 'unit_of_measure', 'direct_unit_cost', 'line_discount_pct',
        'gen_prod_posting_group', 'vat_prod_posting_group', 'location_code', 'drop_shipment',
        'item_ledger_entry_no', 'undoes_line_id'
    ),
    'posted_sales_header': (
        'no', 'document_type', 'source_header_id', 'source_no', 'order_no', 'customer_no',
        'customer_name', 'document_date', 'posting_date', 'due_date', 'currency_code', 'exchange_rate',
        'prices_including_vat', 'amount', 'amount_including_vat', 'payment_reference',
        'applies_to_doc_no', 'is_correction', 'transaction_no', 'user_id', 'posted_at'
    ),
    'posted_sales_line': (
        'id', 'document_no', 'line_no', 'type', 'no', 'description', 'quantity', 'unit_of_measure',
        'unit_price', 'line_discount_pct', 'amount', 'amount_including_vat', 'vat_pct',
        'gen_prod_posting_group', 'vat_prod_posting_group', 'location_code', 'drop_shipment',
        'order_line_id', 'item_ledger_entry_no'
    ),
    'transaction_register': (
        'transaction_no', 'source_code', 'document_no', 'user_id', 'created_at'
    ),
    'vat_entry': (
        'entry_no', 'transaction_no', 'type', 'posting_date', 'document_date', 'document_type',
        'document_no', 'external_document_no', 'bill_to_pay_to_no', 'vat_bus_posting_group',
        'vat_prod_posting_group', 'vat_calculation_type', 'vat_pct', 'base', 'amount', 'tax_code',
        'user_id'
    ),
    'value_entry': (
        'entry_no', 'item_ledger_entry_no', 'item_no', 'posting_date', 'valuation_date', 'entry_type',
        'item_ledger_entry_type', 'document_type', 'document_no', 'document_line_no', 'description',
        'location_code', 'inventory_posting_group', 'gen_bus_posting_group', 'gen_prod_posting_group',
        'source_type', 'source_no', 'valued_quantity', 'item_ledger_entry_quantity',
        'invoiced_quantity', 'cost_per_unit', 'cost_amount_actual', 'cost_amount_expected',
        'sales_amount_actual', 'purchase_amount_actual', 'discount_amount', 'adjustment',
        'applies_to_entry', 'item_charge_no', 'transaction_no', 'user_id'
    ),
    'vendor_ledger_entry': (
        'entry_no', 'transaction_no', 'vendor_no', 'posting_date', 'document_date', 'document_type',
        'document_no', 'external_document_no', 'description', 'currency_code', 'amount', 'amount_lcy',
        'due_date', 'pmt_discount_date', 'original_pmt_disc_possible', 'payment_reference', 'user_id'
    ),
}


def append_only_trigger_sql(dialect: str, tables: list[str]) -> list[str]:
    """DDL: a trigger per table in ``tables`` refusing DELETE and any UPDATE of a
    frozen column (``domain.db.append_only_trigger_sql`` of 2026-11-21)."""
    only = set(tables)
    unknown = only - APPEND_ONLY_COLUMNS.keys()
    if unknown:
        raise ValueError(f"no frozen append-only columns for {sorted(unknown)}")
    selected = [(table, frozen) for table, frozen in APPEND_ONLY_COLUMNS.items() if table in only]
    return append_only_trigger_sql_for(dialect, selected)


def append_only_trigger_sql_for(dialect: str, selected: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    """The same DDL for explicit (table, frozen columns) pairs: a later revision that adds a
    column to a ledger table renews its guard with the column included."""
    if dialect == "sqlite":
        return _sqlite_triggers(selected)
    statements = []
    for table, frozen in selected:
        old = ", ".join(f"OLD.{c}" for c in frozen)
        new = ", ".join(f"NEW.{c}" for c in frozen)
        statements.append(
            f"""CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'LEDGER-APPEND-ONLY: % rows cannot be deleted', TG_TABLE_NAME;
  END IF;
  IF ROW({new}) IS DISTINCT FROM ROW({old}) THEN
    RAISE EXCEPTION 'LEDGER-APPEND-ONLY: posted % row cannot change', TG_TABLE_NAME;
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql"""
        )
        statements.append(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
        statements.append(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
    return statements


def _sqlite_triggers(selected: list[tuple[str, tuple[str, ...]]]) -> list[str]:
    statements = []
    for table, frozen in selected:
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table} BEGIN "
            f"SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: {table} rows cannot be deleted'); END"
        )
        statements.append(
            f"CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE OF {', '.join(frozen)} "
            f"ON {table} BEGIN SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: posted {table} row cannot "
            f"change'); END"
        )
    return statements



#: per append-only table, its primary key and then its unique constraints in sorted order (revision 0014)
APPEND_ONLY_KEYS: dict[str, tuple[tuple[str, ...], ...]] = {
    'approval_audit_event': (('id',),),
    'customer_ledger_entry': (('entry_no',),),
    'detailed_customer_ledger_entry': (('entry_no',),),
    'detailed_vendor_ledger_entry': (('entry_no',),),
    'gl_entry': (('entry_no',),),
    'item_application_entry': (('entry_no',),),
    'item_ledger_entry': (('entry_no',),),
    'posted_purchase_header': (('no',), ('source_header_id',),
                               ('vendor_no', 'document_type', 'vendor_invoice_no_norm')),
    'posted_purchase_line': (('id',), ('document_no', 'line_no')),
    'posted_purchase_receipt': (('no',),),
    'posted_purchase_receipt_line': (('id',), ('document_no', 'line_no')),
    'posted_sales_header': (('no',),),
    'posted_sales_line': (('id',), ('document_no', 'line_no')),
    'setup_audit_event': (('id',),),
    'transaction_register': (('transaction_no',),),
    'vat_entry': (('entry_no',),),
    'value_entry': (('entry_no',),),
    'vendor_ledger_entry': (('entry_no',),),
}


def append_only_hardening_sql(dialect: str, tables: list[str]) -> list[str]:
    """DDL of revision 0014, on top of :func:`append_only_trigger_sql`'s triggers.

    PostgreSQL: a statement trigger refusing TRUNCATE, and both triggers set to
    ``ENABLE ALWAYS`` so that they fire under ``session_replication_role = replica`` too.
    SQLite: a trigger refusing an INSERT whose primary key or unique key exists
    already, which is how ``INSERT OR REPLACE`` rewrites a row (it deletes the old
    row first, and runs the DELETE trigger only with ``PRAGMA recursive_triggers``)."""
    unknown = set(tables) - APPEND_ONLY_KEYS.keys()
    if unknown:
        raise ValueError(f"no frozen keys for {sorted(unknown)}")
    if dialect == "sqlite":
        return [_sqlite_no_replace(table, keys) for table, keys in APPEND_ONLY_KEYS.items() if table in tables]
    statements = ["""CREATE OR REPLACE FUNCTION ledger_refuse_truncate() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'LEDGER-APPEND-ONLY: % cannot be truncated', TG_TABLE_NAME;
END $$ LANGUAGE plpgsql"""]
    for table in (table for table in APPEND_ONLY_KEYS if table in tables):
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}",
            (f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
             f"FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_truncate()"),
            f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {table}_no_truncate",
            f"ALTER TABLE {table} ENABLE ALWAYS TRIGGER {table}_append_only",
        ]
    return statements


def _sqlite_no_replace(table: str, keys: tuple[tuple[str, ...], ...]) -> str:
    checks = " ".join(
        f"SELECT RAISE(ABORT, 'LEDGER-APPEND-ONLY: {table} has a row with this {', '.join(key)}; "
        f"posted rows cannot be replaced') WHERE EXISTS (SELECT 1 FROM {table} WHERE "
        + " AND ".join(f"{column} = NEW.{column}" for column in key) + ");"
        for key in keys)
    return f"CREATE TRIGGER IF NOT EXISTS {table}_no_replace BEFORE INSERT ON {table} BEGIN {checks} END"

#: the posting setup tables whose changes give ``setup_version`` a new number (revision 0010)
SETUP_VERSION_TABLES = ("general_posting_setup", "vat_posting_setup", "inventory_posting_setup",
                        "vendor_posting_group", "gl_account")

#: a random non-negative 63-bit number, per dialect
SETUP_VERSION_RANDOM = {"sqlite": "(random() & 9223372036854775807)",
                        "postgresql": "floor(random() * 9.2e18)::bigint"}


def setup_version_trigger_sql(dialect: str) -> list[str]:
    """DDL: triggers giving ``setup_version`` a new random number on any change
    of a setup table (``domain.db.setup_version_trigger_sql`` of 2026-11-21)."""
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS {table}_setup_version_{event.lower()} AFTER {event} ON {table} "
                f"BEGIN UPDATE setup_version SET version = {SETUP_VERSION_RANDOM['sqlite']}; END"
                for table in SETUP_VERSION_TABLES for event in ("INSERT", "UPDATE", "DELETE")]
    statements = ["""CREATE OR REPLACE FUNCTION setup_version_bump() RETURNS trigger AS $$
BEGIN
  UPDATE setup_version SET version = """ + SETUP_VERSION_RANDOM["postgresql"] + """;
  RETURN NULL;
END $$ LANGUAGE plpgsql"""]
    for table in SETUP_VERSION_TABLES:
        statements.append(f"DROP TRIGGER IF EXISTS {table}_setup_version ON {table}")
        statements.append(f"CREATE TRIGGER {table}_setup_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                          f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION setup_version_bump()")
    return statements


def item_text_version_trigger_sql(dialect: str) -> list[str]:
    """DDL: triggers giving ``item_text_version`` a new random number when an item is added,
    deleted, renumbered, renamed, blocked or unblocked (revision 0047). A SQLite
    ``batch_alter_table("item")`` drops them: run these again after one."""
    bump = f"UPDATE item_text_version SET version = {SETUP_VERSION_RANDOM[dialect]} WHERE id = 1"
    if dialect == "sqlite":
        return [f"CREATE TRIGGER IF NOT EXISTS item_text_version_{name} AFTER {event} ON item BEGIN {bump}; END"
                for name, event in (("insert", "INSERT"), ("update", "UPDATE OF no, description, blocked"),
                                    ("delete", "DELETE"))]
    return ["""CREATE OR REPLACE FUNCTION item_text_version_bump() RETURNS trigger AS $$
BEGIN
  """ + bump + """;
  RETURN NULL;
END $$ LANGUAGE plpgsql""",
            "DROP TRIGGER IF EXISTS item_text_version ON item",
            "CREATE TRIGGER item_text_version AFTER INSERT OR UPDATE OF no, description, blocked OR DELETE OR "
            "TRUNCATE ON item FOR EACH STATEMENT EXECUTE FUNCTION item_text_version_bump()"]
