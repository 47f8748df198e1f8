"""The ``mail-intake`` flow: one read of the IMAP mailbox (flows/mail.py) as a Prefect run,
with a table artifact of the messages and what became of them."""

from __future__ import annotations

from prefect import flow
from prefect.artifacts import create_table_artifact

from domain.problems import DomainError
from flows import inbox, mail, settings
from flows.markdown import text as escaped


@flow(name="mail-intake", flow_run_name="mail intake")
def mail_intake() -> dict[str, int]:
    s = settings.load_for_flows()
    cfg = inbox.SweepConfig(inbox=s.inbox, archive=s.archive, quarantine=s.quarantine)
    app = settings.open_app(s, surface="flow")
    try:
        try:
            mail_cfg = mail.config_from()
        except DomainError as exc:
            if exc.code != "MAIL-NOT-CONFIGURED":
                raise
            # prefect.yaml schedules this deployment on a work pool whatever the settings: without a
            # mailbox there is nothing to read, which is not a failure
            create_table_artifact(table=[{"uid": "", "outcome": "e-mail intake is not configured"}],
                                  key="mail-intake", description="Set LEDGERFLOW_IMAP_* to read a mailbox")
            return {}
        report = mail.fetch(app, mail_cfg, cfg)
        rows = [{k: escaped(v) for k, v in m.row().items()} for m in report.messages]  # subjects are the sender's text
        create_table_artifact(table=rows or [{"uid": "", "outcome": "no new messages"}], key="mail-intake",
                              description="Messages of this run and what became of them")
        return report.counts()
    finally:
        app.dispose()
