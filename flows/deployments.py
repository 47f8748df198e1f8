"""Every deployment ledgerflow runs, in one list, for ``ledgerflow serve`` and prefect.yaml.

A deployment names its flow by ``module:function``; a flow whose module is
not in this installation yet is skipped with a note, so a feature shows up
the moment its module exists. The same flow code runs served in-process
(``ledgerflow serve``) and on a ``process`` work pool (``prefect deploy
--all`` reads prefect.yaml, which lists the same deployments).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
from dataclasses import dataclass, field

TAGS = ("ledgerflow",)


@dataclass(frozen=True)
class Spec:
    name: str
    entrypoint: str  # "package.module:function"
    description: str
    interval_seconds: int | None = None
    #: cron in the company's time zone
    cron: str | None = None
    parameters: dict = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    #: env var that overrides ``interval_seconds`` (tests and benchmarks sweep faster)
    interval_env: str | None = None
    #: env var that must be set for the schedule to be on (a feature that needs settings)
    requires_env: str | None = None

    @property
    def module(self) -> str:
        return self.entrypoint.split(":")[0]

    @property
    def function(self) -> str:
        return self.entrypoint.split(":")[1]

    def interval(self) -> int | None:
        if self.requires_env and not os.environ.get(self.requires_env):
            return None
        if self.interval_env and os.environ.get(self.interval_env):
            return int(os.environ[self.interval_env])
        return self.interval_seconds


SPECS: tuple[Spec, ...] = (
    Spec("inbox-sweep", "flows.inbox_flow:inbox_sweep",
         "Safety net: read every stable file in the inbox (the watcher starts runs within seconds).",
         interval_seconds=600, tags=("intake",), interval_env="LEDGERFLOW_INBOX_SWEEP_SECONDS"),
    Spec("approval-request", "flows.approval_flow:request_approval",
         "Send one document for approval and wait (suspended) for the decision in the UI.",
         tags=("approval",)),
    Spec("approval-reminders", "flows.approval_flow:approval_reminder_sweep",
         "Remind approvers of overdue requests and delegate after the workflow's delay.",
         interval_seconds=3600, tags=("approval",), interval_env="LEDGERFLOW_REMINDER_SWEEP_SECONDS"),
    Spec("approval-reconcile", "flows.approval_flow:approval_reconcile",
         "Keep Prefect and the domain in step: waiting runs for open requests, decisions made in the CLI.",
         interval_seconds=300, tags=("approval",), interval_env="LEDGERFLOW_RECONCILE_SWEEP_SECONDS"),
    Spec("post-released", "flows.posting_flow:post_released_documents",
         "Post every purchase document released for posting (the watcher starts runs within seconds).",
         interval_seconds=300, parameters={"limit": 500}, tags=("posting",),
         interval_env="LEDGERFLOW_POSTING_SWEEP_SECONDS"),
    Spec("mail-intake", "flows.mail_flow:mail_intake",
         "Read PDF and XML attachments from the IMAP mailbox into the inbox (scheduled when "
         "LEDGERFLOW_IMAP_HOST is set).",
         interval_seconds=300, tags=("intake",), interval_env="LEDGERFLOW_MAIL_SWEEP_SECONDS",
         requires_env="LEDGERFLOW_IMAP_HOST"),
    Spec("nightly-costing", "flows.costing_flow:nightly_costing",
         "Adjust item costs and post inventory cost to G/L, every night.",
         cron="30 2 * * *", tags=("costing",)),
    Spec("role-center-kpis", "flows.kpi_flow:role_center_kpis",
         "Role center KPIs (purchases, sales, gross profit, inventory value, aging, documents waiting) "
         "as charts and artifacts, every night after costing.",
         cron="0 3 * * *", tags=("reporting",)),
)


def available(spec: Spec) -> bool:
    try:
        return importlib.util.find_spec(spec.module) is not None
    except ModuleNotFoundError:
        return False


def load_flow(spec: Spec):
    """The flow object of ``spec``, or ``None`` when its module or function is not there."""
    if not available(spec):
        return None
    return getattr(importlib.import_module(spec.module), spec.function, None)


def by_name(name: str) -> Spec:
    return next(s for s in SPECS if s.name == name)


def runner_deployments(time_zone: str, notes: list[str]) -> list:
    """RunnerDeployments for ``prefect.serve`` of every flow present here."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron, Interval

    result = []
    for spec in SPECS:
        flow = load_flow(spec)
        if flow is None:
            notes.append(f"{spec.name}: {spec.entrypoint} is not in this installation yet")
            continue
        schedules = []
        if spec.interval():
            schedules.append(Interval(spec.interval(), timezone=time_zone))
        if spec.cron:
            schedules.append(Cron(spec.cron, timezone=time_zone))
        result.append(flow.to_deployment(
            name=spec.name, schedules=schedules or None, parameters=dict(spec.parameters),
            description=spec.description, tags=[*TAGS, *spec.tags],
            entrypoint_type=EntrypointType.MODULE_PATH))
    return result
