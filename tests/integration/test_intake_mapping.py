"""Line mapping against the catalogue, on SQLite and PostgreSQL: the item card's numbers, and the
per-process index of item descriptions, which sees every change of an item's text at once."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import select

from domain.intake import mapping
from domain.intake.model import IncomingDocument, IncomingDocumentLine
from domain.setup.model.cards import Item, ItemTextVersion, Vendor


def mapped(app, vendor_no: str, *lines: dict) -> list[tuple[str | None, str | None, str | None]]:
    """(type, no., how) of each line of an invoice of ``vendor_no``, mapped in a transaction rolled back."""
    with app.transaction() as uow:
        doc = IncomingDocument(lines=[IncomingDocumentLine(line_no=i, amount=Decimal(100), **ln)
                                      for i, ln in enumerate(lines, start=1)])
        mapping.map_lines(uow.session, doc, uow.session.get(Vendor, vendor_no), "NO")
        return [(ln.type, ln.no, ln.mapped_by) for ln in doc.lines]


def change_item(app, no: str, **values) -> None:
    with app.uow() as session:
        item = session.get(Item, no)
        for name, value in values.items():
            setattr(item, name, value)


def text_version(app) -> int:
    with app.uow() as session:
        return session.scalar(select(ItemTextVersion.version))


def test_a_line_maps_by_the_vendors_item_no_on_the_item_card_and_only_for_that_vendor(app):
    # demo item 1100 is V10000's "10000-1100"; 1200 is V10000's item
    assert mapped(app, "V10000", dict(description="Ark", vendor_item_no="10000-1100"),
                  dict(description="Patron", vendor_item_no="1200")) == [
        ("item", "1100", "vendor_item_no"), ("item", "1200", "vendor_item_no")]
    assert mapped(app, "V20000", dict(description="Ark", vendor_item_no="10000-1100"))[0][2] != "vendor_item_no"
    change_item(app, "1100", blocked=True)
    assert mapped(app, "V10000", dict(description="Ark", vendor_item_no="10000-1100"))[0][2] != "vendor_item_no"


def test_a_renamed_blocked_or_new_item_is_seen_by_the_very_next_document(app):
    line = dict(description="Kontorstol, ergonomisk")
    assert mapped(app, "V10000", line) == [("item", "1400", "description")]
    change_item(app, "1400", description="Skrivebord hev/senk")
    assert mapped(app, "V10000", line)[0][2] == "company_default"
    change_item(app, "1400", description="Kontorstol ergonomisk", blocked=True)
    assert mapped(app, "V10000", line)[0][2] == "company_default"
    with app.uow() as session:
        template = session.get(Item, "1000")
        session.add(Item(no="1500", description="Kontorstol ergonomisk", gen_prod_posting_group="RETAIL",
                         vat_prod_posting_group=template.vat_prod_posting_group))
    assert mapped(app, "V10000", line) == [("item", "1500", "description")]


def index(app):
    with app.transaction() as uow:
        return mapping.open_items(uow.session)


def test_cost_and_price_updates_leave_the_index_of_item_texts_alone(app):
    before, first = text_version(app), index(app)
    assert index(app) is first  # read once, kept for the next documents
    change_item(app, "1100", unit_cost=Decimal("250"), last_direct_cost=Decimal("250"), unit_price=Decimal("399"))
    assert text_version(app) == before and index(app) is first
    change_item(app, "1100", description="Kopipapir A4 80 g, 2500 ark")
    assert text_version(app) != before
    assert index(app).texts["1100"] == "kopipapir a g ark" and index(app) is not first
