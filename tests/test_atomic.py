"""Files are written whole or not at all: short writes and truncated PDFs/PNGs never replace a
good file, temp files of a killed writer are cleaned up, long names, symbolic links and
permissions are handled; and the PDF text repair for radicals whose ideograph lies outside
the BMP (the written PDF must stay a valid PDF)."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
import unicodedata
from pathlib import Path

import pytest

from ecoviewer.atomic import (
    HOST,
    STALE_SECONDS,
    WriteError,
    atomic_path,
    atomic_write,
    clean_stale,
    pdf_problem,
    png_problem,
    verify_pdf,
)
from ecoviewer.export.pdf_text import fix_tounicode
from ecoviewer.export.radicals import EQUIVALENT

ROOT = Path(__file__).resolve().parent.parent
TEMP = re.compile(r"^\.ev-[0-9a-f]{8}-[0-9a-f]{4}-\d+-[0-9a-f]{6}\.tmp$")


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture()
def umask022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def qt_pdf(path: Path, text: str) -> bytes:
    """A real Qt-written PDF with ``text`` in a CJK font (what the export writes)."""
    from PySide6.QtGui import QFont, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    painter = QPainter(writer)
    font = QFont("Noto Sans CJK SC")
    font.setPointSize(20)
    painter.setFont(font)
    painter.drawText(100, 300, text)
    painter.end()
    return path.read_bytes()


def qt_png(path: Path) -> bytes:
    from PySide6.QtGui import QColor, QImage

    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(QColor("#3182bd"))
    assert image.save(str(path), "PNG")
    return path.read_bytes()


# -- short writes and truncated files never replace a good file -------------------------------


def test_a_short_write_keeps_the_old_file(tmp_path, monkeypatch):
    """The file system keeps only part of what was written (a nearly full disk that did not
    report it): the size check refuses the temp file, the old file stays."""
    target = tmp_path / "project.toml"
    target.write_bytes(b"old = 1\n" * 1000)
    real_fsync = os.fsync

    def lossy_fsync(fd):
        os.ftruncate(fd, 40)  # the disk kept 40 bytes
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", lossy_fsync)
    with pytest.raises(WriteError) as err:
        atomic_write(target, "new = 2\n" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old = 1\n" * 1000
    assert listing(tmp_path) == ["project.toml"]
    assert isinstance(err.value, OSError)
    assert str(err.value) == "project.toml: only 40 of 8,000 bytes reached the disk (is it full?)"
    assert err.value.strerror == "only 40 of 8,000 bytes reached the disk (is it full?)"


def test_a_truncated_pdf_never_replaces_a_good_one(qapp, tmp_path):
    good = qt_pdf(tmp_path / "made.pdf", "生态城 Eco-City")
    assert pdf_problem(good) is None
    target = tmp_path / "report.pdf"
    target.write_bytes(good)
    # every cut: mid-object, mid-xref, before the trailer, before %%EOF
    for cut in (len(good) // 3, len(good) - 600, len(good) - 120, len(good) - 40, len(good) - 6):
        assert pdf_problem(good[:cut]), cut
        with pytest.raises(WriteError) as err:
            with atomic_path(target, verify=verify_pdf) as tmp:
                tmp.write_bytes(good[:cut])  # what a full disk under QPdfWriter leaves
        assert target.read_bytes() == good
        assert str(err.value).startswith("report.pdf: the written PDF is incomplete: ")
        assert "\n" not in str(err.value)
    assert listing(tmp_path) == ["made.pdf", "report.pdf"]
    wrong = re.sub(rb"startxref\s+\d+", b"startxref\n12", good)
    assert pdf_problem(wrong) == "startxref does not point at a cross-reference table"


def test_a_png_is_checked_whole(qapp, tmp_path):
    good = qt_png(tmp_path / "made.png")
    assert png_problem(good) is None
    for cut in (8, 40, len(good) // 2, len(good) - 12, len(good) - 1):
        assert png_problem(good[:cut]), cut
    damaged = bytearray(good)
    damaged[len(good) // 2] ^= 0xFF
    assert "damaged" in png_problem(bytes(damaged))


def test_verify_returning_false_refuses_the_file(tmp_path):
    target = tmp_path / "a.txt"
    target.write_text("keep")
    with pytest.raises(WriteError) as err:
        atomic_write(target, "new", verify=lambda p: False)
    assert str(err.value) == "a.txt: the written file failed its check"
    assert target.read_text() == "keep" and listing(tmp_path) == ["a.txt"]


def _render_and_cut(monkeypatch, what: str):
    """Make export_page's writer leave a truncated file, as a full disk does silently."""
    import ecoviewer.render.layout_paint as lp

    if what == "pdf":
        real = lp.write_pdf

        def short_pdf(path, *args, **kwargs):
            real(path, *args, **kwargs)
            data = Path(path).read_bytes()
            Path(path).write_bytes(data[: len(data) // 2])

        monkeypatch.setattr(lp, "write_pdf", short_pdf)
    else:
        real_page = lp.page_image

        class Cut:
            def __init__(self, image):
                self.image = image

            def save(self, path, fmt):
                ok = self.image.save(path, fmt)
                data = Path(path).read_bytes()
                Path(path).write_bytes(data[: len(data) // 2])
                return ok

        monkeypatch.setattr(lp, "page_image", lambda *a, **k: Cut(real_page(*a, **k)))


@pytest.mark.parametrize("fmt", ["pdf", "png"])
def test_a_truncated_export_keeps_the_earlier_file(qapp, sample_tables, tmp_path, monkeypatch, fmt):
    from ecoviewer.render.snapshot import ExportError, ExportOptions, export_page

    project, tables = sample_tables
    out = tmp_path / f"map.{fmt}"
    out.write_bytes(b"earlier export")
    _render_and_cut(monkeypatch, fmt)
    with pytest.raises(ExportError) as err:
        export_page(project, tables, out, ExportOptions(size=(600, 400), map_only=True))
    message = str(err.value)
    assert message.startswith(f"{out}: cannot write (the written {fmt.upper()} is incomplete: ")
    assert message.endswith("is the disk full?)") and "\n" not in message
    assert out.read_bytes() == b"earlier export"
    assert listing(tmp_path) == [out.name]


# -- temp files: short names beside the target, cleaned up after a kill -----------------------


def test_a_writer_killed_before_the_rename_leaves_nothing_for_good(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"old")
    script = textwrap.dedent("""
        import os, signal, sys
        from ecoviewer.atomic import atomic_path
        with atomic_path(sys.argv[1]) as tmp:
            tmp.write_bytes(b"half a report")
            os.kill(os.getpid(), signal.SIGKILL)  # between writing and renaming
    """)
    proc = subprocess.run([sys.executable, "-c", script, str(target)], cwd=ROOT, timeout=60)
    assert proc.returncode == -signal.SIGKILL
    left = [n for n in listing(tmp_path) if n != "report.pdf"]
    assert len(left) == 1 and TEMP.match(left[0]), left  # the kill left its temp file
    assert target.read_bytes() == b"old"
    atomic_write(tmp_path / "other.txt", "x")  # the next write to that folder cleans it
    assert listing(tmp_path) == ["other.txt", "report.pdf"]


def test_only_stale_temp_files_of_ours_are_removed(tmp_path):
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    alive = os.getppid()
    now = time.time()
    names = {
        "dead": f".ev-0123abcd-{dead.pid}-a1b2c3.tmp",  # its writer is gone
        "old": f".ev-0123abcd-{alive}-a1b2c4.tmp",  # alive PID (reused?) but hours old
        "mine_old": f".ev-0123abcd-{os.getpid()}-a1b2c5.tmp",
        "busy": f".ev-0123abcd-{alive}-a1b2c6.tmp",  # a live writer at work: kept
        "mine": f".ev-0123abcd-{os.getpid()}-a1b2c7.tmp",  # this process, fresh: kept
        # another machine's writer on a shared folder: its PID means nothing here: kept
        "remote": f".ev-0123abcd-{'0000' if HOST != '0000' else '1111'}-{dead.pid}-a1b2c8.tmp",
        "here_dead": f".ev-0123abcd-{HOST}-{dead.pid}-a1b2c9.tmp",  # this host, writer gone
        "legacy_old": ".report.pdf.k3j_9xq2.tmp.pdf",  # the old naming, hours old
        "legacy_new": ".report.pdf.k3j_9xq3.tmp.pdf",  # the old naming, fresh: kept
        "user": ".ev-notes.tmp",  # not ours
        "user_old": "report.pdf.tmp",
    }
    for key, name in names.items():
        (tmp_path / name).write_text(key)
        if key in ("old", "mine_old", "legacy_old", "user_old"):
            os.utime(tmp_path / name, (now - STALE_SECONDS - 60,) * 2)
    (tmp_path / f".ev-0123abcd-{dead.pid}-ffffff.tmp").mkdir()  # not a file: left alone
    removed = clean_stale(tmp_path, "report.pdf")
    assert sorted(p.name for p in removed) == sorted(
        names[k] for k in ("dead", "old", "mine_old", "legacy_old", "here_dead")
    )
    assert set(listing(tmp_path)) == {
        names[k] for k in ("busy", "mine", "legacy_new", "user", "user_old", "remote")
    } | {f".ev-0123abcd-{dead.pid}-ffffff.tmp"}


def test_a_legal_long_name_can_be_written(tmp_path):
    """A 244-character name (and one of the full 255 bytes) is legal; the temp name must
    not be longer than the limit."""
    for name in ("规" * 80 + ".pdf", "a" * 240 + ".pdf", "b" * 251 + ".pdf"):
        assert len(os.fsencode(name)) <= 255
        target = tmp_path / name
        target.write_bytes(b"old")
        with atomic_path(target) as tmp:
            assert tmp.parent == tmp_path and len(tmp.name) <= 40 and TEMP.match(tmp.name)
            tmp.write_bytes(b"new")
        assert target.read_bytes() == b"new"
    assert len("a" * 240 + ".pdf") == 244
    assert all(not n.startswith(".") for n in listing(tmp_path))


def test_a_symbolic_link_is_written_through(tmp_path, umask022):
    real_dir = tmp_path / "real"
    link_dir = tmp_path / "links"
    real_dir.mkdir()
    link_dir.mkdir()
    real = real_dir / "report.toml"
    real.write_text("old")
    real.chmod(0o640)
    link = link_dir / "report.toml"
    link.symlink_to(Path("..") / "real" / "report.toml")
    assert atomic_write(link, "new") == link
    assert link.is_symlink() and os.readlink(link) == str(Path("..") / "real" / "report.toml")
    assert real.read_text() == "new" and real.stat().st_mode & 0o777 == 0o640
    assert listing(real_dir) == ["report.toml"] and listing(link_dir) == ["report.toml"]
    # a chain of links, and a link to a file not there yet
    chain = link_dir / "chain.toml"
    chain.symlink_to(link)
    atomic_write(chain, "newer")
    assert chain.is_symlink() and link.is_symlink() and real.read_text() == "newer"
    dangling = link_dir / "later.toml"
    dangling.symlink_to(real_dir / "later.toml")
    atomic_write(dangling, "made")
    assert dangling.is_symlink() and (real_dir / "later.toml").read_text() == "made"
    loop = link_dir / "loop"
    loop.symlink_to(loop)
    with pytest.raises(WriteError):
        atomic_write(loop, "x")
    assert loop.is_symlink()


def test_permissions(tmp_path, umask022):
    new = atomic_write(tmp_path / "new.txt", "x")
    assert new.stat().st_mode & 0o777 == 0o644  # 0666 less the umask
    kept = tmp_path / "kept.txt"
    kept.write_text("old")
    kept.chmod(0o640)
    atomic_write(kept, "new")
    assert kept.stat().st_mode & 0o777 == 0o640  # an existing file keeps its mode
    private = atomic_write(tmp_path / "private.toml", "x", private=True)
    assert private.stat().st_mode & 0o777 == 0o600
    atomic_write(new, "y", private=True)  # private even if it was readable before
    assert new.stat().st_mode & 0o777 == 0o600


# -- PDF text: radicals whose ideograph lies outside the BMP ---------------------------------


def _pdf_with_tounicode(codes: list[int]) -> bytes:
    """A small valid PDF: one line of glyphs 1…n whose ToUnicode map (as Qt writes it:
    bfrange arrays and bfchar lines) gives ``codes``."""
    n = len(codes)
    lines = [
        b"/CIDInit /ProcSet findresource begin",
        b"12 dict begin",
        b"begincmap",
        b"/CMapName /Adobe-Identity-UCS def",
        b"/CMapType 2 def",
        b"1 begincodespacerange",
        b"<0000> <FFFF>",
        b"endcodespacerange",
    ]
    half = n // 2
    for start in range(0, half, 100):
        chunk = range(start, min(start + 100, half))
        lines += [
            b"1 beginbfrange",
            b"<%04X> <%04X> [" % (chunk[0] + 1, chunk[-1] + 1)
            + b"".join(b"<%04X> " % codes[i] for i in chunk)
            + b"]",
            b"endbfrange",
        ]
    for start in range(half, n, 100):
        chunk = range(start, min(start + 100, n))
        lines += [
            b"%d beginbfchar" % len(chunk),
            *(b"<%04X> <%04X>" % (j + 1, codes[j]) for j in chunk),
            b"endbfchar",
        ]
    lines += [b"endcmap", b"CMapName currentdict /CMap defineresource pop", b"end", b"end"]
    cmap = b"\n".join(lines) + b"\n"
    content = b"BT /F1 12 Tf 10 700 Td <" + b"".join(b"%04X" % (j + 1) for j in range(n)) + b"> Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [5 0 R]"
        b" /ToUnicode 7 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe)"
        b" /Ordering (Identity) /Supplement 0 >> /DW 1000 >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream",
        b"<< /Producer (test) >>",  # an object after the map: its offset must move
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 8 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objs) + 1,
        xref,
    )
    return bytes(out)


def _radicals() -> dict[int, str]:
    """Every assigned CJK radical and stroke (U+2E80–U+2FDF, U+31C0–U+31EF) with the
    ideograph it stands for: NFKC (Kangxi radicals) or Unicode's equivalent-ideograph table."""
    out = {}
    for code in [*range(0x2E80, 0x2FE0), *range(0x31C0, 0x31F0)]:
        ch = chr(code)
        if unicodedata.name(ch, None) is None:
            continue
        nfkc = unicodedata.normalize("NFKC", ch)
        if nfkc != ch:
            assert EQUIVALENT.get(code, ord(nfkc)) == ord(nfkc)  # the two sources agree
            out[code] = nfkc
        elif code in EQUIVALENT:
            out[code] = chr(EQUIVALENT[code])
    return out


def test_every_radical_maps_to_its_ideograph_also_outside_the_bmp():
    pypdf = pytest.importorskip("pypdf")
    radicals = _radicals()
    wide = sorted(c for c, ideograph in radicals.items() if ord(ideograph) > 0xFFFF)
    assert len(wide) == 23 and 0x2E87 in wide  # ⺇ → 𠘨 U+20628, …
    assert radicals[0x2E87] == "\U00020628"
    codes = [*radicals, 0x4E2D, 0x0009]
    pdf = _pdf_with_tounicode(codes)
    assert pdf_problem(pdf) is None
    fixed = fix_tounicode(pdf)
    assert b"<D841DE28>" in fixed  # U+20628 as its UTF-16BE surrogate pair
    assert pdf_problem(fixed) is None
    reader = pypdf.PdfReader(io.BytesIO(fixed), strict=True)
    assert reader.metadata.producer == "test"  # the object after the map is found
    text = reader.pages[0].extract_text()
    assert text == "".join(radicals.values()) + "中 "
    # without a cross-reference table to follow, those few keep their radical, in place
    bare = b"begincmap\n1 beginbfchar\n<0001> <2E87>\n<0002> <2ED3>\nendbfchar\nendcmap"
    assert fix_tounicode(bare) == bare.replace(b"<2ED3>", b"<957F>")


def test_a_qt_pdf_with_a_radical_outside_the_bmp_stays_valid(qapp, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    pdf = qt_pdf(tmp_path / "a.pdf", "长江 ⺇ 𠘨 生态")  # Noto draws ⺇ and 𠘨 with one glyph
    assert b"<2E87>" in pdf  # Qt names the glyph by its lowest code point
    fixed = fix_tounicode(pdf)
    assert len(fixed) > len(pdf) and pdf_problem(fixed) is None
    text = pypdf.PdfReader(io.BytesIO(fixed), strict=True).pages[0].extract_text()
    assert "长江 𠘨 𠘨 生态" in text
