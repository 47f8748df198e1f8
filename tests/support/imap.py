"""A real IMAP server for the tests: Debian's dovecot (package dovecot-imapd, installed by
scripts/setup.sh) with a private configuration on a free loopback port, one user, mail in
a temporary folder. Started once per test process and stopped at its end."""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
USER, PASSWORD = "ledgerflow", "s3cret-test-only"


@dataclass(frozen=True)
class ImapServer:
    host: str
    port: int
    user: str
    password: str

    def client(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        conn.login(self.user, self.password)
        return conn

    def new_folder(self) -> str:
        """A folder of its own for one test (the server is shared by the test process)."""
        name = f"t{uuid.uuid4().hex[:12]}"
        conn = self.client()
        try:
            assert conn.create(name)[0] == "OK"
        finally:
            conn.logout()
        return name

    def deliver(self, folder: str, message: bytes) -> None:
        conn = self.client()
        try:
            status, data = conn.append(folder, None, None, message)
            assert status == "OK", data
        finally:
            conn.logout()

    def flags(self, folder: str) -> list[str]:
        conn = self.client()
        try:
            conn.select(folder)
            status, data = conn.fetch("1:*", "(FLAGS)")
            return [item.decode() for item in data if item]
        finally:
            conn.logout()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _config(root: Path, port: int) -> str:
    if os.geteuid() == 0:  # dovecot runs its login and mail processes as unprivileged users
        login, internal = "dovenull", "dovecot"
        mail_user = pwd.getpwnam("dovecot")
    else:
        login = internal = pwd.getpwuid(os.getuid()).pw_name
        mail_user = pwd.getpwuid(os.getuid())
    for folder in ("mail", "home"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        os.chown(root / folder, mail_user.pw_uid, mail_user.pw_gid)
    (root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    return f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = ledgerflow-test-{port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
mail_location = maildir:{root}/mail/%u
default_internal_user = {internal}
default_internal_group = {pwd.getpwnam(internal).pw_name if os.geteuid() == 0 else internal}
default_login_user = {login}
first_valid_uid = {min(mail_user.pw_uid, 100)}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={mail_user.pw_uid} gid={mail_user.pw_gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


def start(root: Path) -> tuple[subprocess.Popen, ImapServer]:
    if not Path(DOVECOT).exists():
        raise RuntimeError("dovecot is not installed: run scripts/setup.sh (it installs dovecot-imapd)")
    port = _free_port()
    root.mkdir(parents=True, exist_ok=True)
    os.chmod(root, 0o755)
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port))
    process = subprocess.Popen([DOVECOT, "-F", "-c", str(conf)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    server = ImapServer("127.0.0.1", port, USER, PASSWORD)
    deadline = time.monotonic() + 20
    while True:
        try:
            server.client().logout()
            return process, server
        except (OSError, imaplib.IMAP4.error) as exc:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                log = (root / "dovecot.log").read_text() if (root / "dovecot.log").exists() else ""
                raise RuntimeError(f"dovecot did not start: {exc}\n{log[-2000:]}") from exc
            time.sleep(0.2)


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
