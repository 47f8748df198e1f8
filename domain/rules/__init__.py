"""Pure rules over plain values: no SQLAlchemy, no I/O."""
