"""Content fingerprints: what an approver saw, as one hash.

An approval is bound to the version of the document that was approved
(BC voids an approval when a released document is reopened and changed); the
fingerprint is canonical JSON of the header fields and lines, hashed with SHA-256.
"""

from __future__ import annotations

import hashlib
import json
from decimal import Decimal


def document_hash(header: dict, lines: list[dict]) -> str:
    """A fingerprint of what an approver saw: header fields and lines, canonical JSON."""
    def plain(value):
        if isinstance(value, Decimal):
            return format(value.normalize(), "f") if value else "0"
        if isinstance(value, (list, tuple, dict)):  # item tracking, charge assignments: canonical too
            return json.dumps(value, sort_keys=True, default=lambda v: plain(v))
        return value if isinstance(value, (str, int, bool, type(None))) else str(value)

    payload = {"header": {k: plain(v) for k, v in sorted(header.items())},
               "lines": [{k: plain(v) for k, v in sorted(line.items())} for line in lines]}
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()
