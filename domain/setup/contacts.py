"""Contacts: companies, the persons who work for them, and what they are to us (BC Relationship Management).

A company contact is linked by a business relation to the customer or vendor it is (BC
table 5054 Contact Business Relation); a person works for a company contact (BC "Company No.")
and is the contact person a sales or purchase document names (BC Sell-to / Buy-from Contact
No.), printed as "Attn:" on the document and in its e-mail. "Create as Customer" / "Create as
Vendor" (BC Contact card) makes the card from the contact and links the two. As in BC, a
person who works for a company is not made a customer or vendor (the company is: BC
``CheckForExistingRelationships`` tests the company's relations), while a person with no
company may be (BC "Contact Type" Person: a consumer customer).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.app import App
from domain.identity.access import require, require_any
from domain.parse import Reader, Shape
from domain.problems import NotFound, Problem, Rejected, RejectedError
from domain.setup.masterdata import new_customer, new_vendor
from domain.setup.model.cards import Customer, Vendor
from domain.setup.model.contacts import Contact, ContactBusinessRelation
from domain.setup.numbers import next_no

TYPES = ("company", "person")
SERIES = "CT"
#: what ``contact add`` reads (any other key is a programming error, never input)
SHAPE = Shape({"type", "name", "company", "customer", "vendor", "email", "phone"}, Contact,
              {"company": "company_no"})
#: what a business relation links to (BC Link to Table)
CARDS = ("customer", "vendor")


def add_contact(app: App, data: dict) -> str:
    """A company or person contact (with its business relation to ``customer`` / ``vendor``);
    returns its no. Every problem is reported at once and nothing is written."""
    with app.uow() as session:
        require_any(session, app.user, ("customers.edit", "vendors.edit"))
        r = Reader(data, shape=SHAPE)
        kind = r.choice("type", TYPES, required=True)
        contact = Contact(type=kind, name=r.text("name", required=True), company_no=r.text("company"),
                          email=r.text("email", default=""), phone=r.text("phone", default=""),
                          created_by=app.user)
        if contact.email and ("@" not in contact.email or " " in contact.email):
            r.problems.append(Problem("CONTACT-INVALID-EMAIL", "email", {"value": contact.email}))
        r.problems += _company_problems(session, contact)
        links = {table: r.text(table) for table in CARDS}
        for table, link_no in links.items():
            if link_no:
                r.problems += _relation_problems(session, contact, table, link_no, table)
        if r.problems:
            raise RejectedError(Rejected(r.problems))
        contact.no = next_no(session, SERIES)
        session.add(contact)
        session.flush()
        for table, link_no in links.items():
            if link_no:
                session.add(ContactBusinessRelation(contact_no=contact.no, link_to_table=table, link_no=link_no))
        return contact.no


def _company_problems(session: Session, contact: Contact) -> list[Problem]:
    if not contact.company_no:
        return []
    if contact.type == "company":
        return [Problem("CONTACT-COMPANY-OF-COMPANY", "company", {"company": contact.company_no})]
    company = session.get(Contact, contact.company_no)
    if company is None or company.type != "company":
        return [Problem("CONTACT-NOT-A-COMPANY", "company", {"company": contact.company_no})]
    return []


def _relation_problems(session: Session, contact: Contact, table: str, link_no: str, field: str) -> list[Problem]:
    """``contact`` may become (be linked to) customer / vendor ``link_no``."""
    if contact.type == "person" and contact.company_no:
        return [Problem("CONTACT-PERSON-OF-COMPANY", field,
                        {"contact_no": contact.no or contact.name, "company": contact.company_no})]
    if link_no and table == "customer" and session.get(Customer, link_no) is None:
        return [Problem("SALES-UNKNOWN-CUSTOMER", field, {"customer_no": link_no})]
    if link_no and table == "vendor" and session.get(Vendor, link_no) is None:
        return [Problem("PURCH-UNKNOWN-VENDOR", field, {"vendor_no": link_no})]
    problems = []
    other = session.scalar(select(ContactBusinessRelation.contact_no).where(
        ContactBusinessRelation.link_to_table == table, ContactBusinessRelation.link_no == link_no))
    if link_no and other is not None:
        problems.append(Problem("CONTACT-CARD-HAS-CONTACT", field,
                                {"table": table, "no": link_no, "contact_no": other}))
    existing = related(session, contact.no, table) if contact.no else None
    if existing is not None:
        problems.append(Problem("CONTACT-ALREADY-RELATED", field,
                                {"contact_no": contact.no, "table": table, "no": existing}))
    return problems


def related(session: Session, contact_no: str, table: str) -> str | None:
    """The customer / vendor no. contact ``contact_no`` is (None: none)."""
    return session.scalar(select(ContactBusinessRelation.link_no).where(
        ContactBusinessRelation.contact_no == contact_no, ContactBusinessRelation.link_to_table == table))


def get_contact(session: Session, no: str) -> Contact:
    contact = session.get(Contact, no) if no else None
    if contact is None:
        raise NotFound("CONTACT-NOT-FOUND", f"no contact {no!r}", no=no)
    return contact


def make_card(app: App, contact_no: str, table: str, card_no: str | None = None) -> str:
    """BC "Create as Customer" / "Create as Vendor": a customer (vendor) card with the contact's
    name and e-mail, numbered ``card_no`` (default: the contact's no.), linked to the contact."""
    with app.uow() as session:
        require(session, app.user, "customers.edit" if table == "customer" else "vendors.edit")
        contact = get_contact(session, contact_no)
        no = card_no or contact.no
        problems = _relation_problems(session, contact, table, "", "contact_no")
        if problems:
            raise RejectedError(Rejected(problems))
        data = {"no": no, "name": contact.name, "email": contact.email or None}
        (new_customer if table == "customer" else new_vendor)(session, data)
        session.flush()
        session.add(ContactBusinessRelation(contact_no=contact.no, link_to_table=table, link_no=no))
        return no


def contact_dict(session: Session, contact: Contact) -> dict:
    company = session.get(Contact, contact.company_no) if contact.company_no else None
    persons = session.scalars(select(Contact.no).where(Contact.company_no == contact.no).order_by(Contact.no))
    return {"no": contact.no, "type": contact.type, "name": contact.name, "company_no": contact.company_no,
            "company_name": company.name if company else None, "email": contact.email, "phone": contact.phone,
            "customer_no": related(session, contact.no, "customer"),
            "vendor_no": related(session, contact.no, "vendor"),
            "persons": list(persons)}


def list_contacts(app: App) -> list[dict]:
    with app.uow() as session:
        return [contact_dict(session, c) for c in session.scalars(select(Contact).order_by(Contact.no))]


def show_contact(app: App, no: str) -> dict:
    with app.uow() as session:
        return contact_dict(session, get_contact(session, no))


def document_contact_problems(session: Session, contact_no: str | None, table: str, party_no: str | None,
                              field: str = "contact_no") -> list[Problem]:
    """A document's contact person is a person who works for the company contact of its customer
    (``table`` customer) or vendor, or the person contact that is the customer / vendor itself."""
    if not contact_no:
        return []
    contact = session.get(Contact, contact_no)
    if contact is None:
        return [Problem("CONTACT-NOT-FOUND", field, {"no": contact_no})]
    party_contact = session.scalar(select(ContactBusinessRelation.contact_no).where(
        ContactBusinessRelation.link_to_table == table, ContactBusinessRelation.link_no == party_no))
    if contact.type != "person" or party_contact is None or party_contact not in (contact.company_no, contact.no):
        return [Problem("CONTACT-NOT-OF-PARTY", field, {"contact_no": contact_no, "table": table,
                                                        "no": party_no or "-"})]
    return []


def attention(session: Session, contact_no: str | None) -> str | None:
    """The name printed after "Attn:" for a document's contact person (None: no contact)."""
    contact = session.get(Contact, contact_no) if contact_no else None
    return contact.name if contact is not None else None
