"""The posting setup cache follows every change of the setup tables (SQLite and PostgreSQL)."""

from sqlalchemy import update

from domain import model as m
from domain.services.setup_data import setup_tables


def purch_account(app):
    with app.uow() as s:
        return setup_tables(s).general[("DOMESTIC", "RETAIL")].purch_account


def test_a_committed_setup_change_is_read_at_once_and_a_rolled_back_one_never(app):
    before = purch_account(app)
    assert purch_account(app) == before  # from the cache
    gps = m.GeneralPostingSetup
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
            return s.get(m.SetupVersion, 1).version

    seen = {version()}
    changes = [update(m.GeneralPostingSetup).values(purch_account=m.GeneralPostingSetup.purch_account),
               update(m.VATPostingSetup).values(vat_pct=m.VATPostingSetup.vat_pct),
               update(m.InventoryPostingSetup).values(inventory_account=m.InventoryPostingSetup.inventory_account),
               update(m.VendorPostingGroup).values(payables_account=m.VendorPostingGroup.payables_account),
               update(m.GLAccount).values(blocked=m.GLAccount.blocked)]
    for change in changes:
        with app.uow() as s:
            s.execute(change)
        seen.add(version())
    assert len(seen) == len(changes) + 1
