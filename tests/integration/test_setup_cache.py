"""The posting setup cache follows every change of the setup tables (SQLite and PostgreSQL)."""

from sqlalchemy import update

from domain.setup.model.company import (
    GeneralPostingSetup,
    GLAccount,
    InventoryPostingSetup,
    SetupVersion,
    VATPostingSetup,
    VendorPostingGroup,
)
from domain.setup.queries import setup_tables


def purch_account(app):
    with app.uow() as s:
        return setup_tables(s).general[("DOMESTIC", "RETAIL")].purch_account


def test_a_committed_setup_change_is_read_at_once_and_a_rolled_back_one_never(app):
    before = purch_account(app)
    assert purch_account(app) == before  # from the cache
    gps = GeneralPostingSetup
    key = (gps.gen_bus_posting_group == "DOMESTIC", gps.gen_prod_posting_group == "RETAIL")
    with app.uow() as s:
        s.execute(update(gps).where(*key).values(purch_account="4300"))
        assert setup_tables(s).general[("DOMESTIC", "RETAIL")].purch_account == "4300"  # its own change
        s.rollback()
    assert purch_account(app) == before
    with app.uow() as s:
        s.execute(update(gps).where(*key).values(purch_account="4300"))
    assert purch_account(app) == "4300"


def test_every_setup_table_renumbers_the_version(app):
    def version():
        with app.uow() as s:
            return s.get(SetupVersion, 1).version

    seen = {version()}
    changes = [update(GeneralPostingSetup).values(purch_account=GeneralPostingSetup.purch_account),
               update(VATPostingSetup).values(vat_pct=VATPostingSetup.vat_pct),
               update(InventoryPostingSetup).values(inventory_account=InventoryPostingSetup.inventory_account),
               update(VendorPostingGroup).values(payables_account=VendorPostingGroup.payables_account),
               update(GLAccount).values(blocked=GLAccount.blocked)]
    for change in changes:
        with app.uow() as s:
            s.execute(change)
        seen.add(version())
    assert len(seen) == len(changes) + 1
