"""A throwaway PostgreSQL + PostGIS cluster for the tests: initdb into a temp folder, listening
on 127.0.0.1 at a free port (and a socket in the folder), a role ``planner`` with a password,
stopped and deleted afterwards. `.ci/setup` installs Debian's PostgreSQL and PostGIS.

As root (CI containers), the server runs as the ``postgres`` system user Debian's package
creates: PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import atexit
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

PASSWORD = "eco-城-2025"


def bindir() -> Path | None:
    """The folder of initdb and pg_ctl (Debian keeps them out of PATH)."""
    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(found) / "initdb").exists():
            return Path(found)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def postgis_installed() -> bool:
    return bool(glob.glob("/usr/share/postgresql/*/extension/postgis.control"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        # a folder of its own right under the temp dir: pytest's are private to root, and
        # the server (as postgres) must reach its data
        folder = Path(tempfile.mkdtemp(prefix="ecoviewer-pg-"))
        self.folder = folder
        self.bin = bindir()
        if self.bin is None or not postgis_installed():
            raise RuntimeError("PostgreSQL with PostGIS is not installed (run .ci/setup)")
        self.data = folder / "data"
        self.socket = folder / "socket"
        self.port = free_port()
        self.user = None
        if os.geteuid() == 0:
            self.user = pwd.getpwnam("postgres")
        folder.mkdir(parents=True, exist_ok=True)
        self.socket.mkdir(exist_ok=True)
        if self.user is not None:
            for path in (folder, self.socket):
                os.chown(path, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}

        def demote():
            if self.user is not None:
                os.setgid(self.user.pw_gid)
                os.setuid(self.user.pw_uid)

        return subprocess.run(
            [str(self.bin / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            env=env,
            preexec_fn=demote,
            timeout=120,
            check=check,
            cwd=str(self.folder),
        )

    def start(self) -> Cluster:
        pwfile = self.folder / "pw"
        pwfile.write_text(PASSWORD + "\n", encoding="utf-8")
        if self.user is not None:
            os.chown(pwfile, self.user.pw_uid, self.user.pw_gid)
        self._run(
            "initdb", "-D", str(self.data), "-U", "planner", "--pwfile", str(pwfile), "-E", "UTF8",
            "--auth-host=scram-sha-256", "--auth-local=trust", "--no-sync",
        )  # fmt: skip
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 -c fsync=off"
        atexit.register(self.stop)  # a run that dies still stops its server
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        return self

    def pause(self) -> None:
        """The server goes away (as a database restarted for maintenance); its data stays."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        options = f"-p {self.port} -k {self.socket} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            "pg_ctl", "-D", str(self.data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.folder, ignore_errors=True)

    def uri(self, database: str = "postgres", password: bool = False) -> str:
        secret = f":{PASSWORD}" if password else ""
        return f"postgresql://planner{secret}@127.0.0.1:{self.port}/{database}"

    def connect(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(
            host=str(self.socket), port=self.port, user="planner", dbname=database, autocommit=True
        )
