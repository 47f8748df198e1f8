"""Users, roles, permissions and the setup audit on SQLite and PostgreSQL.

The ``demo`` fixture is the demo company exactly as `init --demo` makes it:
admin is an administrator, kari and ola buy, sell, post and decide approvals
but change no setup (unlike the shared ``app`` fixture, where kari is also an
administrator)."""

import datetime as dt
import getpass
from decimal import Decimal as D

import pytest
from sqlalchemy import select, text

from domain.approvals import decide as approvals_decide
from domain.approvals import setup as approvals_setup
from domain.approvals.model import ApprovalAuditEvent, ApprovalSettings, ApprovalUserSetup, ApprovalWorkflow
from domain.costing import periods as inventory_periods
from domain.identity import access
from domain.identity import services as identity
from domain.identity.model import SetupAuditEvent
from domain.problems import DomainError, InvariantViolation
from domain.purchasing import documents as purchase_documents
from domain.purchasing import posting as purchase_posting
from domain.purchasing.model import PurchaseHeader
from domain.setup import masterdata
from domain.setup.initialize import initialize
from tests.conftest import FIXED_NOW, make_app
from tests.support.approvals import as_user, configure_example, example_config
from tests.support.documents import gl_line, invoice


@pytest.fixture
def demo(db_url):
    application = make_app(db_url)
    initialize(application, "NO", demo=True)
    yield application
    application.dispose()


def admin(app):
    return as_user(app, "admin")


def refused(fn, *args, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as err:
        fn(*args, **kwargs)
    return err.value


def audit(app) -> list[SetupAuditEvent]:
    with app.uow() as s:
        return list(s.scalars(select(SetupAuditEvent).order_by(SetupAuditEvent.id)))


def setup_of(app, user_id):
    with app.uow() as s:
        row = s.get(ApprovalUserSetup, user_id)
        return None if row is None else (row.approver_id, row.purchase_amount_limit, row.unlimited_purchase,
                                         row.substitute_id, row.approval_administrator)


def status(app, no):
    with app.uow() as s:
        return s.scalar(select(PurchaseHeader.status).where(PurchaseHeader.no == no))


def test_the_demo_gives_admin_every_right_kari_and_ola_everyday_roles_and_the_flows_a_service_account(demo):
    roles = {u["id"]: u["roles"] for u in identity.list_users(demo)}
    assert roles == {"admin": ["administrator"], "kari": ["inventory", "posting", "purchasing", "sales"],
                     "ola": ["inventory", "posting", "purchasing", "sales"], "prefect": ["automation"]}


def test_kari_cannot_configure_approvals_nothing_changes_and_the_refusal_is_audited(demo):
    configure_example(demo)
    before = approvals_setup.configuration(demo)
    error = refused(approvals_setup.configure, demo, {"workflows": []})
    assert (error.code, error.params) == ("AUTH-PERMISSION-DENIED",
                                          {"user": "kari", "permission": "approvals.configure"})
    assert approvals_setup.configuration(demo) == before
    event = audit(demo)[-1]
    assert (event.user_id, event.os_account, event.surface, event.action, event.outcome, event.code) == (
        "kari", getpass.getuser(), "cli", "approvals.configure", "refused", "AUTH-PERMISSION-DENIED")
    assert event.after == {"workflows": []} and event.at.replace(tzinfo=None) == FIXED_NOW.replace(tzinfo=None)


def test_kari_cannot_make_herself_unlimited(demo):
    configure_example(demo)
    error = refused(approvals_setup.setup_user, demo, {"id": "kari", "unlimited": True, "administrator": True})
    assert error.code == "AUTH-PERMISSION-DENIED"
    assert setup_of(demo, "kari") == ("ola", D("10000.00"), False, "ola", False)


def test_an_administrators_change_is_audited_with_before_and_after(demo):
    configure_example(demo)
    approvals_setup.setup_user(admin(demo), {"id": "ola", "purchase_limit": "70000"})
    configured, changed = audit(demo)[-2:]
    assert (configured.action, configured.user_id, configured.outcome) == ("approvals.configure", "admin", "done")
    assert configured.before["workflows"] == [] and len(configured.after["workflows"]) == 12
    assert (changed.action, changed.object) == ("approvals.setup-user", "approval user setup ola")
    assert (changed.before["purchase_limit"], changed.after["purchase_limit"]) == ("50000.00", "70000.00")


def test_configuring_the_example_again_makes_the_file_the_whole_configuration(demo):
    configure_example(demo)
    identity.add_user(admin(demo), "per", "Per", roles=["purchasing"])
    approvals_setup.setup_user(admin(demo), {"id": "per", "approver": "ola", "purchase_limit": "100"})
    approvals_setup.setup_user(admin(demo), {"id": "kari", "unlimited": True, "administrator": True,
                                             "approver": "admin", "substitute": "admin"})
    config = example_config()
    config["settings"]["sole_trader"] = True
    config["workflows"].append({"code": "EXTRA", "document_type": "purchase_invoice",
                                "steps": [{"approver_type": "direct"}]})
    approvals_setup.configure(admin(demo), config)
    configure_example(demo)  # sole_trader and EXTRA are not in the file: gone again
    assert setup_of(demo, "kari") == ("ola", D("10000.00"), False, "ola", False)
    assert setup_of(demo, "per") is None
    with demo.uow() as s:
        assert s.get(ApprovalSettings, 1).sole_trader is False
        assert sorted(s.scalars(select(ApprovalWorkflow.code))) == [
            "INCOMING-UNSURE", "PCM-LARGE", "PI-LARGE", "PI-NEW-BANK", "PO-LARGE", "PRO-LARGE", "SCM-LARGE",
            "SI-CREDIT-LIMIT", "SI-LARGE", "SO-CREDIT-LIMIT", "SO-LARGE", "SQ-LARGE"]


def test_an_unknown_user_is_refused_and_a_disabled_user_too(demo):
    no = purchase_documents.create_document(demo, invoice(lines=[gl_line("6800", "100.00")]))
    assert refused(purchase_posting.post_document, as_user(demo, "nobody"), no).code == "AUTH-UNKNOWN-USER"
    assert refused(purchase_posting.post_document, as_user(demo, None), no).code == "AUTH-UNKNOWN-USER"
    identity.disable_user(admin(demo), "ola")
    error = refused(purchase_posting.post_document, as_user(demo, "ola"), no)
    assert (error.code, error.params) == ("AUTH-USER-DISABLED", {"user": "ola"})
    assert status(demo, no) == "open"
    identity.enable_user(admin(demo), "ola")
    assert purchase_posting.post_document(as_user(demo, "ola"), no).posted_no == "PPI-000001"


def test_posting_needs_a_role_that_posts(demo):
    identity.add_user(admin(demo), "per", "Per", roles="purchasing")
    per = as_user(demo, "per")
    no = purchase_documents.create_document(per, invoice(lines=[gl_line("6800", "100.00")]))
    error = refused(purchase_posting.post_document, per, no)
    assert (error.code, error.params["permission"]) == ("AUTH-PERMISSION-DENIED", "purchase.post")
    assert status(demo, no) == "open"
    identity.set_roles(admin(demo), "per", "purchasing,posting")
    assert purchase_posting.post_document(per, no).posted_no == "PPI-000001"


def test_deciding_an_approval_needs_the_decide_permission_and_the_refusal_is_on_the_approval_trail(demo):
    configure_example(demo)
    no = purchase_documents.create_document(demo, invoice(lines=[gl_line("6800", "20000.00")]))
    from domain.approvals import core as approvals

    assert approvals.send_request(demo, no).approvers == [(1, "ola")]
    identity.set_roles(admin(demo), "ola", ["auditor"])
    assert refused(approvals_decide.approve, as_user(demo, "ola"), no).code == "AUTH-PERMISSION-DENIED"
    with demo.uow() as s:
        event = s.scalars(select(ApprovalAuditEvent).where(ApprovalAuditEvent.action == "refuse")).one()
        assert (event.actor, event.code) == ("ola", "AUTH-PERMISSION-DENIED")
    assert status(demo, no) == "pending_approval"


def test_setup_changes_need_setup_rights_and_are_audited(demo):
    may_not = refused(masterdata.set_posting_range, demo, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert may_not.code == "AUTH-PERMISSION-DENIED"
    assert refused(inventory_periods.set_inventory_setup, demo, average_cost_period="month").code == \
        "AUTH-PERMISSION-DENIED"
    masterdata.set_posting_range(admin(demo), dt.date(2026, 11, 1), dt.date(2026, 11, 30), user_id="kari")
    event = audit(demo)[-1]
    assert (event.action, event.object, event.user_id, event.outcome) == (
        "setup.posting-range", "user kari", "admin", "done")
    assert (event.before, event.after) == ({"from": None, "to": None}, {"from": "2026-11-01", "to": "2026-11-30"})
    assert [e.action for e in audit(demo)] == ["setup.posting-range", "setup.inventory", "setup.posting-range"]


def test_a_user_is_added_with_roles_and_listed(demo):
    added = identity.add_user(admin(demo), "eva", "Eva Berg", "eva@demo.example", "nb", "auditor,sales")
    assert added["roles"] == ["auditor", "sales"] and added["disabled"] is False
    [eva] = [u for u in identity.list_users(demo) if u["id"] == "eva"]
    assert (eva["email"], eva["language"], eva["password_set"]) == ("eva@demo.example", "nb", False)
    assert refused(identity.add_user, admin(demo), "eva", "Eva").code == "USER-EXISTS"
    assert refused(identity.add_user, admin(demo), "bob", "Bob", roles="root").code == "AUTH-UNKNOWN-ROLE"
    assert refused(identity.add_user, demo, "bob", "Bob").code == "AUTH-PERMISSION-DENIED"
    assert [(e.action, e.outcome, e.code) for e in audit(demo)] == [
        ("user.add", "done", None), ("user.add", "refused", "USER-EXISTS"),
        ("user.add", "refused", "AUTH-UNKNOWN-ROLE"), ("user.add", "refused", "AUTH-PERMISSION-DENIED")]
    assert audit(demo)[0].after["roles"] == ["auditor", "sales"]


def test_the_last_administrator_can_neither_be_disabled_nor_lose_the_role(demo):
    assert refused(identity.disable_user, admin(demo), "admin").code == "AUTH-LAST-ADMINISTRATOR"
    assert refused(identity.set_roles, admin(demo), "admin", "auditor").code == "AUTH-LAST-ADMINISTRATOR"
    identity.set_roles(admin(demo), "kari", "administrator")
    identity.disable_user(as_user(demo, "kari"), "admin")
    assert refused(identity.user_roles, demo, "nobody").code == "USER-NOT-FOUND"
    assert [u["disabled"] for u in identity.list_users(demo) if u["id"] == "admin"] == [True]


def test_a_password_round_trip_and_lock_out_after_five_failures(demo):
    clock = {"now": FIXED_NOW}
    app = as_user(demo, "admin")
    app.now = lambda: clock["now"]
    identity.set_password(app, "kari", "correct horse battery")
    assert identity.verify_password(app, "kari", "correct horse battery") is True
    assert [identity.verify_password(app, "kari", "wrong guess") for _ in range(5)] == [False] * 5
    locked = refused(identity.verify_password, app, "kari", "correct horse battery")
    assert (locked.code, locked.params["until"]) == ("AUTH-USER-LOCKED", "2026-11-20T10:15+00:00")
    clock["now"] = FIXED_NOW + dt.timedelta(minutes=16)
    assert identity.verify_password(app, "kari", "correct horse battery") is True
    assert identity.verify_password(app, "nobody", "correct horse battery") is False
    assert identity.verify_password(app, "ola", "no password set yet") is False
    events = [(e.action, e.outcome) for e in audit(demo)]
    assert events == [("user.password", "done"), ("user.lockout", "done")]
    with demo.uow() as s:
        stored = s.execute(text("SELECT password_hash FROM app_user WHERE id = 'kari'")).scalar()
    assert stored.startswith("$argon2id$") and "correct" not in str(audit(demo)[0].after)


def test_a_user_sets_their_own_password_but_not_someone_elses(demo):
    identity.set_password(demo, "kari", "my own long secret")
    assert refused(identity.set_password, demo, "ola", "not my password").code == "AUTH-PERMISSION-DENIED"
    assert refused(identity.set_password, demo, "kari", "short").code == "AUTH-PASSWORD-TOO-SHORT"
    assert identity.verify_password(demo, "kari", "my own long secret") is True


def test_the_setup_audit_is_append_only(demo):
    identity.disable_user(admin(demo), "ola")
    with pytest.raises(InvariantViolation), demo.uow() as s:
        s.scalars(select(SetupAuditEvent)).first().outcome = "done, honestly"
    with pytest.raises(Exception, match="APPEND-ONLY"), demo.uow() as s:
        s.execute(text("DELETE FROM setup_audit_event"))
    assert len(audit(demo)) == 1


def test_reading_the_audit_needs_the_audit_permission(demo):
    identity.enable_user(admin(demo), "ola")
    assert refused(access.list_audit, demo).code == "AUTH-PERMISSION-DENIED"
    identity.add_user(admin(demo), "revisor", "Revisor", roles=["auditor"])
    events = access.list_audit(as_user(demo, "revisor"))
    assert [(e["action"], e["user"], e["os_account"]) for e in events] == [
        ("user.enable", "admin", getpass.getuser()), ("user.add", "admin", getpass.getuser())]
    assert access.list_audit(as_user(demo, "revisor"), action="user.add")[0]["object"] == "user revisor"
