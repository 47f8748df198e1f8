"""ledgerflow domain: the only code that changes accounting state (see ../shared/design.md)."""
