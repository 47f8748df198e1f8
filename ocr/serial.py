"""Proposal <-> JSON, exact: Decimals travel as strings, never as floats.

The sandbox's child process parses hostile files, so what it sends back must
not be able to run code in the parent: JSON, not pickle. Amounts, rates and
quantities are written with every digit (``domain.money.fmt``) and read back
through ``Decimal``, so ``Decimal("1234.50")`` stays exactly that.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from decimal import Decimal
from typing import Any

from domain.problems import Problem
from ocr.proposal import Field, Proposal, ProposalLine, VatGroup
from ocr.safety import Limits


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"$dec": format(value, "f")}
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not serialisable: {type(value).__name__}")


def _hook(obj: dict) -> Any:
    if set(obj) == {"$dec"}:
        return Decimal(obj["$dec"])
    return obj


def _problem_dict(p: Problem) -> dict:
    return {"code": p.code, "field": p.field, "params": p.params}


def dumps_result(result: Proposal | Problem) -> bytes:
    if isinstance(result, Problem):
        payload = {"problem": _problem_dict(result)}
    else:
        payload = {"proposal": {
            "source_kind": result.source_kind, "page_count": result.page_count,
            "document_type": result.document_type,
            "fields": {k: asdict(v) for k, v in result.fields.items()},
            "vat_groups": [asdict(g) for g in result.vat_groups],
            "lines": [asdict(line) for line in result.lines],
            "problems": [_problem_dict(p) for p in result.problems],
            "learned": result.learned,
        }}
    return json.dumps(payload, default=_default).encode("utf-8")


def loads_result(data: bytes) -> Proposal | Problem:
    payload = json.loads(data.decode("utf-8"), object_hook=_hook)
    if "problem" in payload:
        return Problem(**payload["problem"])
    p = payload["proposal"]
    return Proposal(
        source_kind=p["source_kind"], page_count=p["page_count"], document_type=p["document_type"],
        fields={k: Field(**v) for k, v in p["fields"].items()},
        vat_groups=[VatGroup(**g) for g in p["vat_groups"]],
        lines=[ProposalLine(**line) for line in p["lines"]],
        problems=[Problem(**pr) for pr in p["problems"]],
        learned=p.get("learned", []),
    )


def dumps_job(path: str, limits: Limits, country_hint: str | None, buyer_ids, options: dict) -> bytes:
    return json.dumps({"path": path, "limits": asdict(limits), "country_hint": country_hint,
                       "buyer_ids": sorted(buyer_ids), "options": options}).encode("utf-8")


def loads_job(data: bytes) -> tuple[str, Limits, str | None, frozenset[str], dict]:
    job = json.loads(data.decode("utf-8"))
    known = {f.name for f in fields(Limits)}
    limits = Limits(**{k: v for k, v in job["limits"].items() if k in known})
    return job["path"], limits, job["country_hint"], frozenset(job["buyer_ids"]), job["options"]
