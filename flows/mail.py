"""E-mail intake: PDF and XML attachments from an IMAP mailbox become incoming documents.

Vendors send invoices by e-mail. Each new message in the configured IMAP folder is read
without being marked read (``BODY.PEEK[]``); each attachment is written into the inbox
folder under a name made of the folder's UIDVALIDITY, the message UID and its position
(first to a hidden temporary name, then renamed, so a sweep never sees half a file), and
then the inbox is swept exactly as for files dropped there: the same dedupe by SHA-256,
the same sandboxed extraction, the same quarantine for what is not an invoice.

Only when every file of a message has left the inbox (its document committed, or its
quarantine record written) is the message flagged ``$LedgerflowProcessed`` (and ``\\Seen``).
A process that dies mid-message leaves the message unflagged: the next run writes the same
names with the same bytes again, and the sweep finds the documents by their hash (a copy,
never a second document). Nothing is deleted from the mailbox.

Settings (environment, or ``inbox mail`` options): ``LEDGERFLOW_IMAP_HOST``,
``LEDGERFLOW_IMAP_PORT`` (993, or 143 without TLS), ``LEDGERFLOW_IMAP_USER``,
``LEDGERFLOW_IMAP_PASSWORD`` or ``LEDGERFLOW_IMAP_PASSWORD_FILE``, ``LEDGERFLOW_IMAP_FOLDER``
(INBOX) and ``LEDGERFLOW_IMAP_TLS`` (``ssl``, ``starttls`` or ``none``; ``none`` only for a
server on this machine, the password never crosses a network in clear text).
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import ipaddress
import os
import re
import socket
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from domain.app import App
from domain.problems import DomainError
from flows import inbox

PROCESSED = "$LedgerflowProcessed"
TLS_MODES = ("ssl", "starttls", "none")
#: attachments taken from a message (others are the message's own text, logos, signatures)
_TAKEN_SUFFIXES = (".pdf", ".xml")
_TAKEN_TYPES = ("application/pdf", "application/xml", "text/xml")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(frozen=True)
class MailConfig:
    host: str
    user: str
    password: str
    port: int = 993
    folder: str = "INBOX"
    tls: str = "ssl"
    timeout: float = 30.0


@dataclass
class MessageResult:
    uid: str
    subject: str
    files: list[str] = field(default_factory=list)
    outcome: str = "pending"  # processed | no attachments | pending (files still in the inbox)

    def row(self) -> dict:
        return {"uid": self.uid, "subject": self.subject, "files": " ".join(self.files), "outcome": self.outcome}


@dataclass
class MailReport:
    messages: list[MessageResult] = field(default_factory=list)
    sweep: inbox.SweepReport = field(default_factory=inbox.SweepReport)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for m in self.messages:
            out[m.outcome] = out.get(m.outcome, 0) + 1
        return out


def _loopback(host: str) -> bool:
    try:
        return all(ipaddress.ip_address(info[4][0]).is_loopback
                   for info in socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP))
    except (OSError, ValueError):
        return False


def config_from(host: str | None = None, port: int | None = None, user: str | None = None,
                folder: str | None = None, tls: str | None = None, password_file: str | None = None,
                environ: dict | None = None) -> MailConfig:
    """The mailbox settings: options first, then the environment; a coded error names what is missing."""
    env = os.environ if environ is None else environ
    host = host or env.get("LEDGERFLOW_IMAP_HOST")
    user = user or env.get("LEDGERFLOW_IMAP_USER")
    tls = (tls or env.get("LEDGERFLOW_IMAP_TLS") or "ssl").lower()
    missing = [name for name, value in (("LEDGERFLOW_IMAP_HOST", host), ("LEDGERFLOW_IMAP_USER", user))
               if not value]
    password = env.get("LEDGERFLOW_IMAP_PASSWORD")
    password_file = password_file or env.get("LEDGERFLOW_IMAP_PASSWORD_FILE")
    if password_file:
        try:
            password = Path(password_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise DomainError("MAIL-PASSWORD-FILE-UNREADABLE", f"cannot read {password_file}: {exc}",
                              path=password_file) from exc
    if not password:
        missing.append("LEDGERFLOW_IMAP_PASSWORD")
    if missing:
        raise DomainError("MAIL-NOT-CONFIGURED", "e-mail intake is not configured", missing=", ".join(missing))
    if tls not in TLS_MODES:
        raise DomainError("MAIL-INVALID-TLS", f"unknown TLS mode {tls}", value=tls, choices=", ".join(TLS_MODES))
    if tls == "none" and not _loopback(host):
        raise DomainError("MAIL-PLAINTEXT-REFUSED", "a password in clear text over the network", host=host)
    raw_port = port or env.get("LEDGERFLOW_IMAP_PORT") or (993 if tls == "ssl" else 143)
    try:
        port_no = int(raw_port)
    except ValueError:
        raise DomainError("MAIL-INVALID-PORT", f"invalid port {raw_port}", value=str(raw_port)) from None
    return MailConfig(host=host, user=user, password=password, port=port_no,
                      folder=folder or env.get("LEDGERFLOW_IMAP_FOLDER") or "INBOX", tls=tls)


def connect(cfg: MailConfig) -> imaplib.IMAP4:
    try:
        if cfg.tls == "ssl":
            conn = imaplib.IMAP4_SSL(cfg.host, cfg.port, ssl_context=ssl.create_default_context(),
                                     timeout=cfg.timeout)
        else:
            conn = imaplib.IMAP4(cfg.host, cfg.port, timeout=cfg.timeout)
            if cfg.tls == "starttls":
                conn.starttls(ssl.create_default_context())
        conn.login(cfg.user, cfg.password)
    except (OSError, imaplib.IMAP4.error, ssl.SSLError) as exc:
        raise DomainError("MAIL-CONNECT-FAILED", f"{cfg.host}:{cfg.port}: {exc}",
                          host=cfg.host, port=cfg.port, reason=str(exc)[:200]) from exc
    return conn


def _check(response: tuple, what: str) -> list:
    status, data = response
    if status != "OK":
        raise DomainError("MAIL-SERVER-REFUSED", f"{what}: {data!r}", command=what,
                          reason=repr(data)[:200])
    return data


def _attachments(message) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each PDF or XML attachment, in the message's order."""
    out = []
    for part in message.walk():
        if part.is_multipart():
            continue
        name = part.get_filename() or ""
        ctype = part.get_content_type()
        if not (name.lower().endswith(_TAKEN_SUFFIXES) or ctype in _TAKEN_TYPES):
            continue
        if not name and ctype.startswith("text/") and not part.is_attachment():
            continue  # an XML body is the message's text, not a document
        data = part.get_payload(decode=True)
        if data is not None:
            out.append((name or f"attachment{'.pdf' if ctype == 'application/pdf' else '.xml'}", data))
    return out


def _file_name(validity: str, uid: str, position: int, name: str) -> str:
    """Deterministic, so a message read twice writes the same names; never hidden, never a path."""
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).lstrip("._-")[-120:] or "attachment"
    return f"mail-{validity}-{uid}-{position}-{base}"


def _write(folder: Path, name: str, data: bytes) -> None:
    """Write ``name`` into the inbox atomically: a hidden temporary file (sweeps skip it), then a rename."""
    tmp = folder / f".{name}.part"
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, folder / name)


def _subject(message) -> str:
    return str(message.get("Subject", "") or "")[:200]


def fetch(app: App, mail: MailConfig, cfg: inbox.SweepConfig,
          connector: Callable[[MailConfig], imaplib.IMAP4] = connect,
          on_message: Callable[[MessageResult], None] | None = None) -> MailReport:
    """Read every message not yet processed, sweep their attachments in, flag what is done."""
    report = MailReport()
    cfg.inbox.mkdir(parents=True, exist_ok=True)
    conn = connector(mail)
    try:
        _check(conn.select(f'"{mail.folder}"'), "SELECT")
        _name, validity_data = conn.response("UIDVALIDITY")  # the untagged answer to SELECT
        validity = validity_data[0].decode() if validity_data and validity_data[0] else "0"
        uids = _check(conn.uid("SEARCH", None, "UNKEYWORD", PROCESSED, "UNDELETED"), "SEARCH")
        for uid in (uids[0].split() if uids and uids[0] else []):
            uid = uid.decode()
            data = _check(conn.uid("FETCH", uid, "(BODY.PEEK[])"), "FETCH")
            raw = next((item[1] for item in data if isinstance(item, tuple)), None)
            if raw is None:
                continue
            message = email.message_from_bytes(raw, policy=email.policy.default)
            result = MessageResult(uid, _subject(message))
            for position, (name, payload) in enumerate(_attachments(message), start=1):
                file_name = _file_name(validity, uid, position, name)
                _write(cfg.inbox, file_name, payload)
                result.files.append(file_name)
            report.messages.append(result)
        if any(m.files for m in report.messages):
            report.sweep = inbox.sweep(app, cfg)
        for result in report.messages:
            if any((cfg.inbox / name).exists() for name in result.files):
                result.outcome = "pending"  # not committed yet: the next run finishes it
            else:
                _check(conn.uid("STORE", result.uid, "+FLAGS", f"({PROCESSED} \\Seen)"), "STORE")
                result.outcome = "processed" if result.files else "no attachments"
            if on_message:
                on_message(result)
    except (OSError, imaplib.IMAP4.error) as exc:
        raise DomainError("MAIL-CONNECT-FAILED", f"{mail.host}:{mail.port}: {exc}",
                          host=mail.host, port=mail.port, reason=str(exc)[:200]) from exc
    finally:
        try:
            conn.logout()
        except (OSError, imaplib.IMAP4.error):
            pass
    return report
