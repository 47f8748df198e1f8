"""Setup and master-data tables (declarations only)."""  # noqa: F401

from domain.setup.model.cards import Customer, Item, ItemCharge, Vendor
from domain.setup.model.company import (
    Company,
    CustomerPostingGroup,
    GenBusPostingGroup,
    GeneralPostingSetup,
    GenProdPostingGroup,
    GLAccount,
    InventoryPostingGroup,
    InventoryPostingSetup,
    Location,
    NumberSeries,
    PaymentTerms,
    SetupVersion,
    User,
    VATBusPostingGroup,
    VATPostingSetup,
    VATProdPostingGroup,
    VendorPostingGroup,
)

__all__ = [name for name in dir() if name[0].isupper()]
