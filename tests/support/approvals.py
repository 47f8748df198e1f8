"""Helpers for approval tests: the example configuration and acting as another user."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import yaml

from domain.approvals import setup as approvals_setup

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "approvals.yaml"


def example_config() -> dict:
    return yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))


def configure_example(app, **settings) -> None:
    """Apply the example configuration as its approval administrator, ``admin``."""
    config = example_config()
    config["settings"].update(settings)
    approvals_setup.configure(as_user(app, "admin"), config)


def as_user(app, user: str | None):
    """The same application (engine, clock) acting as ``user``."""
    return dataclasses.replace(app, user=user)
