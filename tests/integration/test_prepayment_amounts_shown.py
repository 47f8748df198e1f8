"""A draft with a prepayment deduction line shows (to approvals and the printed draft) the net and
VAT the line will post, not a VAT recomputed over its group (SQLite and PostgreSQL)."""

from decimal import Decimal as D

from domain.approvals import documents as approval_documents
from domain.purchasing.model import PurchaseHeader, PurchaseLine
from domain.setup.model.cards import Vendor


def test_a_deduction_line_counts_with_the_net_and_vat_it_posts(app):
    with app.uow() as session:
        vendor = session.get(Vendor, "V10000")
        header = PurchaseHeader(document_type="invoice", vendor_no=vendor.no, prices_including_vat=True,
                                currency_code="NOK", vat_bus_posting_group=vendor.vat_bus_posting_group)
        header.lines = [
            PurchaseLine(line_no=1, type="item", no="1000", quantity=D(1), direct_unit_cost=D("100.00"),
                         line_discount_pct=D(0), vat_prod_posting_group="HIGH"),
            # the prepayment invoice posted this part as 9.89 + VAT 2.46 (its group rounded so)
            PurchaseLine(line_no=2, type="gl_account", no="1570", quantity=D(1), direct_unit_cost=D("-12.35"),
                         line_discount_pct=D(0), vat_prod_posting_group="HIGH", prepayment_line=True,
                         prepmt_vat_base_inv=D("-9.89"), prepmt_vat_amount_inv=D("-2.46"),
                         prepmt_amount_inv_lcy=D("-9.89"), prepmt_vat_amount_inv_lcy=D("-2.46"))]
        shown = approval_documents.document_amounts(session, header)
        session.expunge_all()
    # 100.00 incl. 25 % VAT is 80.00 + 20.00; less exactly what the deduction takes back
    assert (shown.net, shown.vat, shown.gross) == (D("70.11"), D("17.54"), D("87.65"))
