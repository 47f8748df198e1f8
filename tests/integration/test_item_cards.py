"""Item cards you can maintain (BC Item Card, Item Categories, Item Attributes), SQLite and
PostgreSQL: audited changes, the category tree, typed attribute values and the filter."""

from decimal import Decimal as D

import pytest

from domain.identity.access import list_audit
from domain.inventory import items
from domain.problems import DomainError
from domain.setup import masterdata
from domain.setup.model.cards import Item
from tests.conftest import make_app


def card(app, no):
    with app.uow() as s:
        item = s.get(Item, no)
        return {k: getattr(item, k) for k in ("description", "unit_price", "standard_cost", "unit_cost",
                                               "blocked", "vendor_no", "reorder_point", "item_category_code")}


def refused(fn, *args) -> list[str]:
    with pytest.raises(DomainError) as exc:
        fn(*args)
    rejected = getattr(exc.value, "rejected", None)
    return rejected.codes if rejected else [exc.value.code]


def test_item_set_changes_only_the_fields_given_and_is_audited(app):
    items.set_item(app, "1000", {"description": "Kaffe 500 g", "unit_price": "149.50", "blocked": "yes",
                                 "reorder_point": "20", "vendor_no": ""})
    assert card(app, "1000") == {"description": "Kaffe 500 g", "unit_price": D("149.5"), "standard_cost": D(0),
                                 "unit_cost": D(189), "blocked": True, "vendor_no": None, "reorder_point": D(20),
                                 "item_category_code": None}
    event = list_audit(app, action="item.set")[-1]  # kari is an administrator in the test company
    assert event["outcome"] == "done" and event["object"] == "item 1000"
    assert event["before"]["description"] != event["after"]["description"] == "Kaffe 500 g"


def test_bad_item_changes_are_refused_at_once_and_nothing_changes(app):
    before = card(app, "1000")
    assert refused(items.set_item, app, "1000", {"unit_price": "-1", "blocked": "maybe", "vendor_no": "V0",
                                                 "item_category_code": "NOPE"}) == [
        "ITEM-NEGATIVE-AMOUNT", "IMPORT-INVALID-CHOICE", "PURCH-UNKNOWN-VENDOR", "ITEM-UNKNOWN-CATEGORY"]
    assert refused(items.set_item, app, "1300", {"standard_cost": "0"}) == ["ITEM-STANDARD-COST-MISSING"]
    assert refused(items.set_item, app, "NOPE", {"description": "x"}) == ["ITEM-NOT-FOUND"]
    assert card(app, "1000") == before


def test_changing_an_item_card_needs_inventory_edit(db_url, app):
    automation = make_app(db_url, user="prefect")
    assert refused(items.set_item, automation, "1000", {"description": "x"}) == ["AUTH-PERMISSION-DENIED"]
    automation.dispose()


def test_categories_form_a_tree_without_loops_and_filter_the_items_below_them(app):
    items.add_category(app, "OFFICE", description="Kontor")
    items.add_category(app, "PAPER", "OFFICE", "Papir")
    items.add_category(app, "A4", "PAPER")
    assert refused(items.add_category, app, "INK", "NOPE") == ["ITEM-UNKNOWN-CATEGORY"]
    assert refused(items.add_category, app, "OFFICE", "A4") == ["ITEM-CATEGORY-CYCLE"]
    assert refused(items.add_category, app, "PAPER", "PAPER") == ["ITEM-CATEGORY-CYCLE"]
    assert {c["code"]: c["parent"] for c in items.list_categories(app)} == {
        "OFFICE": None, "PAPER": "OFFICE", "A4": "PAPER"}
    items.set_item(app, "1100", {"item_category_code": "A4"})
    items.set_item(app, "1200", {"item_category_code": "OFFICE"})
    assert [i["no"] for i in items.list_items(app, category="PAPER")] == ["1100"]
    assert [i["no"] for i in items.list_items(app, category="OFFICE")] == ["1100", "1200"]


def test_attribute_values_are_checked_against_their_type_and_filter_items(app):
    items.add_attribute(app, "Colour", "option", ["Black", "White"])
    items.add_attribute(app, "Weight", "decimal")
    items.add_attribute(app, "Pages", "integer")
    assert refused(items.add_attribute, app, "Size", "option", []) == ["ITEM-ATTRIBUTE-OPTION-NEEDS-VALUES"]
    assert refused(items.add_attribute, app, "Colour", "text") == ["ITEM-ATTRIBUTE-EXISTS"]
    assert items.set_attribute_value(app, "1200", "Weight", "0.50") == "0.5"
    items.set_attribute_value(app, "1200", "Colour", "Black")
    items.set_attribute_value(app, "1100", "Colour", "White")
    assert refused(items.set_attribute_value, app, "1100", "Pages", "many") == ["ITEM-ATTRIBUTE-WRONG-TYPE"]
    assert refused(items.set_attribute_value, app, "1100", "Colour", "Red") == ["ITEM-ATTRIBUTE-UNKNOWN-OPTION"]
    assert refused(items.set_attribute_value, app, "1100", "Nope", "1") == ["ITEM-UNKNOWN-ATTRIBUTE"]
    assert [i["no"] for i in items.list_items(app, {"Colour": "Black"})] == ["1200"]
    assert [i["no"] for i in items.list_items(app, {"Weight": "0.500"})] == ["1200"]
    assert items.list_items(app, {"Colour": "White", "Weight": "0.5"}) == []
    assert items.list_items(app, {"Colour": "White"})[0]["attributes"] == {"Colour": "White"}


def test_an_in_transit_location_is_flagged_and_the_flag_is_audited(app):
    masterdata.add_location(app, "TRANSIT", in_transit=True)
    masterdata.add_location(app, "EAST")
    masterdata.set_location_in_transit(app, "EAST", True)
    from domain.setup.model.company import Location

    with app.uow() as s:
        assert s.get(Location, "TRANSIT").use_as_in_transit and s.get(Location, "EAST").use_as_in_transit
        assert not s.get(Location, "MAIN").use_as_in_transit


def test_a_variant_belongs_to_its_item_and_a_code_is_unique_per_item(app):
    items.add_variant(app, "1000", "DARK", "Mørkbrent")
    items.add_variant(app, "1100", "DARK")  # another item's variant may share the code
    assert refused(items.add_variant, app, "1000", "DARK") == ["ITEM-VARIANT-EXISTS"]
    assert refused(items.add_variant, app, "NOPE", "X") == ["ITEM-NOT-FOUND"]
    assert refused(items.add_variant, app, "1000", "ELEVENCHARS") == ["ITEM-VARIANT-CODE-TOO-LONG"]
    assert items.list_variants(app, "1000") == [{"item_no": "1000", "code": "DARK", "description": "Mørkbrent"}]
