"""Item cards (BC Item), item charges and item references (BC Item Reference: a vendor's item
number or a GTIN/EAN bar code that intake maps invoice lines by). Item card maintenance after
it is added (``item set``, categories, attributes, units) lives in :mod:`domain.inventory.items`."""

from __future__ import annotations

from sqlalchemy import select
from stdnum import ean
from stdnum.exceptions import ValidationError

from domain.app import App
from domain.identity.access import audited_change, require
from domain.money import ZERO
from domain.parse import UNIT, Reader
from domain.problems import DomainError, Problem
from domain.setup.checks import check_exists, refuse
from domain.setup.model.cards import Item, ItemCharge, ItemReference, Vendor
from domain.setup.model.company import GenProdPostingGroup, VATProdPostingGroup


ITEM_TYPES = ("inventory", "service", "non_inventory")


COSTING_METHODS = ("fifo", "lifo", "average", "standard", "specific")


def add_item(app: App, data: dict) -> Item:
    with app.uow() as session:
        require(session, app.user, "items.edit")
        r = Reader(data)
        no = r.text("no", required=True)
        item_type = r.choice("type", ITEM_TYPES, default="inventory")
        unit_cost = r.decimal("unit_cost", default=ZERO, places=UNIT)
        item = Item(
            no=no, description=r.text("description", required=True, default=""), type=item_type,
            base_unit_of_measure=r.text("base_unit_of_measure", default="PCS"),
            costing_method=r.choice("costing_method", COSTING_METHODS, default="fifo"),
            unit_cost=unit_cost, standard_cost=r.decimal("standard_cost", default=ZERO, places=UNIT),
            last_direct_cost=r.decimal("last_direct_cost", default=unit_cost, places=UNIT),
            unit_price=r.decimal("unit_price", default=ZERO, places=UNIT),
            gen_prod_posting_group=r.text("gen_prod_posting_group",
                                          default="RETAIL" if item_type != "service" else "SERVICES"),
            vat_prod_posting_group=r.text("vat_prod_posting_group", default="HIGH"),
            inventory_posting_group=r.text("inventory_posting_group",
                                           default="RESALE" if item_type == "inventory" else None),
            vendor_no=r.text("vendor_no"), vendor_item_no=r.text("vendor_item_no"),
        )
        for value, field_name in ((item.unit_cost, "unit_cost"), (item.standard_cost, "standard_cost"),
                                  (item.unit_price, "unit_price")):
            if value is not None and value < ZERO:
                r.problems.append(Problem("ITEM-NEGATIVE-AMOUNT", field_name, {"value": str(value)}))
        if item.costing_method == "standard" and not item.standard_cost:
            r.problems.append(Problem("ITEM-STANDARD-COST-MISSING", "standard_cost"))
        if item.vendor_no and session.get(Vendor, item.vendor_no) is None:
            r.problems.append(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": item.vendor_no}))
        check_exists(session, GenProdPostingGroup, item.gen_prod_posting_group, "gen_prod_posting_group",
                      r, "SETUP-UNKNOWN-POSTING-GROUP")
        check_exists(session, VATProdPostingGroup, item.vat_prod_posting_group, "vat_prod_posting_group",
                      r, "SETUP-UNKNOWN-VAT-PROD-POSTING-GROUP")
        if no and session.get(Item, no) is not None:
            r.problems.append(Problem("ITEM-EXISTS", "no", {"no": no}))
        refuse(r.problems)
        session.add(item)
        return item


def add_item_charge(app: App, no: str, description: str, gen_prod: str = "FREIGHT",
                    vat_prod: str = "HIGH") -> ItemCharge:
    with app.uow() as session:
        require(session, app.user, "items.edit")
        if session.get(ItemCharge, no) is not None:
            raise DomainError("ITEM-CHARGE-EXISTS", f"item charge {no!r} exists", no=no)
        charge = ItemCharge(no=no, description=description, gen_prod_posting_group=gen_prod,
                              vat_prod_posting_group=vat_prod)
        session.add(charge)
        return charge


REFERENCE_TYPES = ("vendor", "bar_code")


def add_item_reference(app: App, item_no: str, reference_no: str, reference_type: str = "vendor",
                       vendor_no: str | None = None, unit_of_measure: str | None = None,
                       description: str = "") -> None:
    """An item reference (BC "Item Reference"): a vendor's item number for the item, or a bar
    code (GTIN/EAN, check digit validated with python-stdnum); intake maps invoice lines by it.
    Needs purchase.edit; audited."""
    request = {"item_no": item_no, "reference_no": reference_no, "type": reference_type,
               "vendor_no": vendor_no, "unit_of_measure": unit_of_measure}

    def change(session) -> None:
        r = Reader({"item_no": item_no, "reference_no": reference_no, "type": reference_type,
                    "vendor_no": vendor_no, "unit_of_measure": unit_of_measure, "description": description})
        kind = r.choice("type", REFERENCE_TYPES, default="vendor")
        number = (r.text("reference_no", required=True) or "").strip()
        problems = list(r.problems)
        if len(number) > 50:
            problems.append(Problem("ITEM-REFERENCE-TOO-LONG", "reference_no", {"length": len(number), "max": 50}))
        if session.get(Item, item_no) is None:
            problems.append(Problem("PURCH-UNKNOWN-ITEM", "item_no", {"item_no": item_no}))
        party = ""
        if kind == "vendor":
            if not vendor_no:
                problems.append(Problem("IMPORT-MISSING-FIELD", "vendor_no"))
            elif session.get(Vendor, vendor_no) is None:
                problems.append(Problem("PURCH-UNKNOWN-VENDOR", "vendor_no", {"vendor_no": vendor_no}))
            party = vendor_no or ""
        elif number:
            try:
                number = ean.validate(number)
            except ValidationError:
                problems.append(Problem("ITEM-INVALID-GTIN", "reference_no", {"value": number}))
        if number and not problems and session.scalars(select(ItemReference).where(
                ItemReference.reference_type == kind, ItemReference.reference_type_no == party,
                ItemReference.reference_no == number)).first() is not None:
            problems.append(Problem("ITEM-REFERENCE-EXISTS", "reference_no", {"reference_no": number}))
        refuse(problems)
        session.add(ItemReference(item_no=item_no, reference_type=kind, reference_type_no=party,
                                  reference_no=number, unit_of_measure=unit_of_measure or None,
                                  description=(description or "")[:250]))

    audited_change(app, "purchase.edit", "item.reference-add", f"item {item_no}", change, None, request)


def list_item_references(app: App, item_no: str | None = None) -> list[dict]:
    with app.uow() as session:
        query = select(ItemReference).order_by(ItemReference.item_no, ItemReference.reference_type,
                                                ItemReference.reference_no)
        if item_no:
            query = query.where(ItemReference.item_no == item_no)
        return [{"item_no": x.item_no, "type": x.reference_type, "vendor_no": x.reference_type_no or "",
                 "reference_no": x.reference_no, "unit_of_measure": x.unit_of_measure or "",
                 "description": x.description} for x in session.scalars(query)]
