"""Declarative base with the project's column aliases.

Column types come from ``type_annotation_map`` so that a money column is never
improvised: ``Amount`` is Numeric(18,2), ``UnitAmount`` Numeric(18,6),
``Qty`` Numeric(18,5), ``Rate`` Numeric(18,10) (design.md section 2).

SQLite has no decimal type: a NUMERIC column silently stores a binary float.
:class:`ExactNumeric` therefore stores these columns on SQLite as 64-bit
integers in units of the column's scale (cents for amounts), which keeps every
value and every SQL ``SUM`` exact; on PostgreSQL it is a plain NUMERIC(p, s).
A value with more decimals than its column is refused (never rounded silently):
rounding belongs to :mod:`domain.money`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from sqlalchemy import BigInteger, DateTime, MetaData, Numeric, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

Amount = Annotated[Decimal, "amount"]
UnitAmount = Annotated[Decimal, "unit_amount"]
Qty = Annotated[Decimal, "quantity"]
Rate = Annotated[Decimal, "rate"]
Code = Annotated[str, "code"]
Text = Annotated[str, "text"]
UtcTime = Annotated[dt.datetime, "utc"]

class ExactNumeric(TypeDecorator):
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
            if isinstance(value, float) or isinstance(value, bool):
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


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {
        Amount: ExactNumeric(18, 2),
        UnitAmount: ExactNumeric(18, 6),
        Qty: ExactNumeric(18, 5),
        Rate: ExactNumeric(18, 10),
        Code: String(20),
        Text: String(250),
        UtcTime: DateTime(timezone=True),
        str: String(100),
    }

    #: rows of an append-only class may never be deleted and may only change
    #: the columns listed in ``__mutable_columns__`` (e.g. remaining quantity)
    __append_only__: bool = False
    __mutable_columns__: frozenset[str] = frozenset()


def created_at() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), nullable=False)
