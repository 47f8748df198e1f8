"""SQLAlchemy 2 typed models: declarations only, no behaviour."""

from domain.model.base import Base
from domain.model.approval import (
    ApprovalAuditEvent,
    ApprovalDocumentFact,
    ApprovalEntry,
    ApprovalRequest,
    ApprovalSettings,
    ApprovalUserGroupMember,
    ApprovalUserSetup,
    ApprovalWorkflow,
    ApprovalWorkflowStep,
    OutboxMessage,
)
from domain.model.ledger import (
    DetailedVendorLedgerEntry,
    GLEntry,
    ItemApplicationEntry,
    ItemLedgerEntry,
    TransactionRegister,
    ValueEntry,
    VATEntry,
    VendorLedgerEntry,
)
from domain.model.master import Customer, Item, ItemCharge, Vendor
from domain.model.costing import CostAdjustmentRun, CostAdjustmentRunItem, InventoryPeriod, InventorySetup, ItemToAdjust  # noqa: E501,F401
from domain.model.sales import CustomerLedgerEntry, DetailedCustomerLedgerEntry, PostedSalesHeader, PostedSalesLine, SalesHeader, SalesLine  # noqa: E501,F401
from domain.model.orders import PostedPurchaseReceipt, PostedPurchaseReceiptLine  # noqa: F401
from domain.model.payments import BankStatementLine  # noqa: F401
from domain.model.documents_out import DocumentSetup, OutboxAttachment  # noqa: F401
from domain.model.intake import IncomingDocument, IncomingDocumentCopy, IncomingDocumentField, IncomingDocumentLine, IncomingDocumentProblem, VendorMapping  # noqa: E501,F401
from domain.model.purchase import (
    PostedPurchaseHeader,
    PostedPurchaseLine,
    PurchaseChargeAssignment,
    PurchaseHeader,
    PurchaseLine,
)
from domain.model.setup import (
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
