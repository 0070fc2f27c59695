"""Write files so that a failure never damages what was there: temp file beside the
target, flushed, checked, then renamed over it in one step.

* The temp file has a short name of its own, ``.ev-<hash8>-<host4>-<pid>-<rand6>.tmp``,
  in the target's folder (same file system, so the rename is atomic), whatever the length of
  the target's name. The writer's PID in the name lets the next write to that folder remove
  temp files left by a writer that was killed between writing and renaming.
* Before the rename the temp file is synced and checked: ``atomic_write`` compares its size
  with the bytes written, and a ``verify`` callable may look at the contents (``verify_pdf``,
  ``verify_png``): a disk that filled up half-way must not replace a good file by a
  truncated one.
* A symbolic link is written through: the file it points to is replaced, the link stays.
* Permissions: an existing file keeps its mode, a new file gets 0666 less the umask;
  ``private=True`` makes the file 0600 either way.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import secrets
import socket
import stat
import time
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

#: temp files of ours: ``.ev-<hash of the target's name>-<host>-<writer pid>-<random>.tmp``
#: (the host part, a hash of the machine's name, may be missing in older names)
TEMP_PATTERN = re.compile(r"^\.ev-([0-9a-f]{8})-(?:([0-9a-f]{4})-)?([0-9]{1,10})-[0-9a-f]{6}\.tmp$")
#: this machine, as temp names carry it: a PID means something only on the host that wrote
#: it (on a folder shared over the network another machine's writer must not look dead)
HOST = hashlib.sha1(os.fsencode(socket.gethostname())).hexdigest()[:4]
#: a temp file this old is stale even if a process with its writer's PID is running
STALE_SECONDS = 3600.0


class WriteError(OSError):
    """A write that did not complete or whose result failed its check; the target was left
    as it was. ``strerror`` is one line without the file name (like an OS error's),
    ``str()`` names the file."""

    def __init__(self, message: str, filename: str | os.PathLike | None = None):
        super().__init__(errno.EIO, message)
        if filename is not None:
            self.filename = os.fspath(filename)

    def __str__(self) -> str:
        if self.filename:
            return f"{Path(self.filename).name}: {self.strerror}"
        return str(self.strerror)


def temp_name(target: Path) -> str:
    key = hashlib.sha1(os.fsencode(target.name)).hexdigest()[:8]
    return f".ev-{key}-{HOST}-{os.getpid()}-{secrets.token_hex(3)}.tmp"


def real_target(target: str | os.PathLike) -> Path:
    """The file that writing ``target`` must replace: symbolic links followed (a dangling
    link is written through to where it points)."""
    real = Path(os.path.realpath(target))
    if real.is_symlink():  # realpath stops at a loop
        raise WriteError("a loop of symbolic links", target)
    return real


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**31  # exists but belongs to someone else; absurd PIDs do not
    return True


def clean_stale(folder: Path, name: str | None = None, *, now: float | None = None) -> list[Path]:
    """Remove temp files of ours in ``folder`` whose writer is gone (its PID is not
    running) or that are older than ``STALE_SECONDS``; also temp files ``.NAME.XXXXXXXX.tmp*``
    of the older naming, for target ``name``, older than that. Never raises; returns what
    it removed."""
    now = time.time() if now is None else now
    legacy = None
    if name:
        legacy = re.compile(rf"^\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp{re.escape(Path(name).suffix)}$")
    removed = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = TEMP_PATTERN.match(entry.name)
        if not m and not (legacy and legacy.match(entry.name)):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
            if not stat.S_ISREG(st.st_mode):
                continue
            old = now - st.st_mtime > STALE_SECONDS
            if m:
                pid, here = int(m.group(3)), m.group(2) in (None, HOST)
                stale = old or (here and pid != os.getpid() and not _alive(pid))
            else:
                stale = old
            if stale:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def _create_temp(folder: Path, target: Path) -> Path:
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = folder / temp_name(target)
        try:
            fd = os.open(tmp, flags, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return tmp
    raise FileExistsError(errno.EEXIST, "no unused temporary file name", str(folder))


def _fsync_path(path: Path, flags: int = os.O_RDONLY) -> None:
    fd = os.open(path, flags)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_path(
    target: str | os.PathLike, *, verify: Callable[[Path], object] | None = None, private: bool = False
) -> Iterator[Path]:
    """Yields a temporary path beside ``target`` (beside the file a symbolic link points to);
    when the body is done the file is synced, ``verify(tmp)`` is called — it raises (best a
    ``WriteError``) or returns False to refuse the file — and only then does it replace the
    target. If anything raises, the temporary file is removed and the target is untouched.
    ``private``: the file is made 0600 (else an existing file keeps its mode)."""
    real = real_target(target)
    folder = real.parent
    clean_stale(folder, real.name)
    mode = 0o600 if private else _mode_for(real)
    tmp = _create_temp(folder, real)
    try:
        yield tmp
        _fsync_path(tmp, os.O_RDWR)
        if verify is not None:
            if verify(tmp) is False:
                raise WriteError("the written file failed its check", target)
        os.chmod(tmp, mode)
        os.replace(tmp, real)
        try:
            _fsync_path(folder)  # the rename itself survives a power cut
        except OSError:
            pass
    except WriteError as exc:
        if exc.filename in (None, str(tmp)):  # name the target, not the temp file
            raise WriteError(exc.strerror, target) from None
        raise
    finally:
        tmp.unlink(missing_ok=True)


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; new files get the usual 0666 less the umask
    (the temp file alone would leave them private, 0600)."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def check_size(path: Path, expected: int) -> None:
    size = os.stat(path).st_size
    if size != expected:
        raise WriteError(f"only {size:,} of {expected:,} bytes reached the disk (is it full?)", path)


def write_all(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` (truncating it), synced; raises ``WriteError`` unless the
    file then holds exactly ``len(data)`` bytes."""
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    check_size(Path(path), len(data))


def atomic_write(
    target: str | os.PathLike,
    data: bytes | str,
    *,
    private: bool = False,
    verify: Callable[[Path], object] | None = None,
) -> Path:
    """Replace ``target`` by ``data`` (text is written as UTF-8) in one step; a short
    write raises ``WriteError`` and leaves the target as it was."""
    if isinstance(data, str):
        data = data.encode("utf-8")

    def whole(tmp: Path):
        check_size(tmp, len(data))
        return verify(tmp) if verify is not None else True

    with atomic_path(target, verify=whole, private=private) as tmp:
        write_all(tmp, data)
    return Path(target)


# -- checks of written files -------------------------------------------------------------

_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_OBJ_AT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj\b")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])[ \r\n]{1,2}")


def pdf_problem(data: bytes) -> str | None:
    """Why ``data`` is not a complete PDF, or None: a cheap structural check (the header,
    ``startxref`` and ``%%EOF`` at the end, an ``xref`` table or ``/XRef`` stream where
    startxref points, the table's objects where it says). No PDF library needed."""
    if not data.startswith(b"%PDF-"):
        return "no %PDF header"
    m = _STARTXREF.search(data[-2048:])
    if not m:
        return "no startxref and %%EOF at its end"
    offset = int(m.group(1))
    body_end = len(data) - len(data[-2048:]) + m.start()
    if not 0 < offset < body_end:
        return f"startxref points outside the file ({offset:,} of {len(data):,} bytes)"
    if data.startswith(b"xref", offset):
        return _xref_table_problem(data, offset + 4)
    obj = _OBJ_AT.match(data, offset)
    if obj and re.search(rb"/Type\s*/XRef\b", data[obj.end() : obj.end() + 4096]):
        return None
    return "startxref does not point at a cross-reference table"


def _xref_table_problem(data: bytes, pos: int) -> str | None:
    sections = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*\r?\n")
    count = 0
    while True:
        m = sections.match(data, pos)
        if not m:
            break
        first, n = int(m.group(1)), int(m.group(2))
        pos = m.end()
        for i in range(n):
            entry = _XREF_ENTRY.match(data, pos)
            if not entry:
                return "a broken cross-reference table"
            pos = entry.end()
            count += 1
            if entry.group(3) == b"n":
                at = int(entry.group(1))
                obj = _OBJ_AT.match(data, at)
                if not obj or int(obj.group(1)) != first + i:
                    return f"object {first + i} is not where the cross-reference table says"
    if not count or not re.match(rb"\s*trailer\b", data[pos : pos + 64]):
        return "a broken cross-reference table"
    return None


def verify_pdf(path: Path) -> None:
    """Raises ``WriteError`` unless ``path`` is a complete PDF (see ``pdf_problem``)."""
    problem = pdf_problem(Path(path).read_bytes())
    if problem:
        raise WriteError(f"the written PDF is incomplete: {problem} — is the disk full?", path)


def png_problem(data: bytes) -> str | None:
    """Why ``data`` is not a complete PNG, or None: the signature, every chunk whole with
    a good CRC, IHDR first and IEND exactly at the end."""
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "no PNG signature"
    pos, first = 8, True
    while pos + 12 <= len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            return f"chunk {kind.decode('latin-1')!r} cut short"
        crc = int.from_bytes(data[end - 4 : end], "big")
        if zlib.crc32(data[pos + 4 : end - 4]) != crc:
            return f"chunk {kind.decode('latin-1')!r} damaged"
        if first and kind != b"IHDR":
            return "no IHDR chunk"
        first = False
        if kind == b"IEND":
            return None if end == len(data) else "data after IEND"
        pos = end
    return "no IEND chunk at its end"


def verify_png(path: Path) -> None:
    """Raises ``WriteError`` unless ``path`` is a complete PNG (see ``png_problem``)."""
    problem = png_problem(Path(path).read_bytes())
    if problem:
        raise WriteError(f"the written PNG is incomplete: {problem} — is the disk full?", path)


__all__ = [
    "STALE_SECONDS",
    "WriteError",
    "atomic_path",
    "atomic_write",
    "check_size",
    "clean_stale",
    "pdf_problem",
    "png_problem",
    "real_target",
    "verify_pdf",
    "verify_png",
    "write_all",
]
