"""The open-data download of every published record, kept as a file in the data folder.

The file is the same for everyone, so it is written once per change of the knowledge base rather than once
per download: a download is then a file sent by the server, whatever the number of records, and three
downloads at once cost three file sends, not three exports. Its name carries a fingerprint of the records
(every write of a record writes a version; deletions change the count; a taxonomy load renames slugs).

When the records have changed, one process writes the new file (to a temporary name, then renamed, so
nobody reads half a file) while the others go on sending the previous one; only when there is none yet
do they wait for it. On a server (OPEN_DATA_IN_BACKGROUND) the new file is written by a thread beside the
requests, so that no request outlives the server's time-out (a million records take about 50 s): the
download that finds the records changed still gets the previous file, and the very first one waits a
while, then is told to come back.
"""

import fcntl
import hashlib
import logging
import os
import tempfile
import threading
import time
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import connections
from django.db.models import Count, Max

from palermo.core import csvsafe
from palermo.knowledge.domain.export import export_published
from palermo.knowledge.models import Record, RecordVersion, TaxonomyRelease

FORMATS = ("jsonl", "csv")
# Changes the files' names when what the files hold changes for the same records (2: CSV with a BOM).
FILE_LAYOUT = 2
FIRST_FILE_WAIT_SECONDS = 20.0
logger = logging.getLogger(__name__)


def folder() -> Path:
    """Where the files are kept: `exports` in the data folder (PALERMO_DATA_DIR)."""
    return Path(settings.DATA_DIR) / "exports"


def fingerprint() -> str:
    """Changes whenever what the export writes may have changed (a few index lookups, no table scan). The
    newest version's time keeps a restored backup, whose ids are given out again, from matching a file."""
    records = Record.objects.aggregate(count=Count("pk"), newest=Max("pk"))
    version = RecordVersion.objects.order_by("-pk").values_list("pk", "created").first()
    release = TaxonomyRelease.objects.aggregate(newest=Max("pk"))["newest"]
    state = f"{records['count']}|{records['newest']}|{version}|{release}|{FILE_LAYOUT}"
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def published_file(format: str, *, wait: float | None = None) -> BinaryIO | None:
    """The file of every published record in this format, open for reading: the current one, or while it
    is being written the previous one. None when there is none yet and the first is not written within
    `wait` seconds (FIRST_FILE_WAIT_SECONDS; in the background only: the caller asks to come back)."""
    if format not in FORMATS:
        raise ValueError(f"no export format {format}")
    directory = folder()
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"knowledge-{fingerprint()}.{format}"
    current = _open(path)
    if current is not None:
        return current
    if not settings.OPEN_DATA_IN_BACKGROUND:
        return _written_here(directory, path, format)
    threading.Thread(target=_write_in_background, args=(directory, path, format), daemon=True).start()
    previous = _open_newest(directory, format)
    if previous is not None:
        return previous
    deadline = time.monotonic() + (FIRST_FILE_WAIT_SECONDS if wait is None else wait)
    while time.monotonic() < deadline:
        time.sleep(0.2)
        current = _open(path)
        if current is not None:
            return current
    return None


def _write_in_background(directory: Path, path: Path, format: str) -> None:
    """Write the file unless another thread or process is writing one (it holds the lock)."""
    try:
        with open(directory / f".knowledge-{format}.lock", "a") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return
            try:
                if not path.exists():
                    _write(path, format)
                    _remove_others(directory, format, keep=path)
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
    except Exception:
        logger.exception("The open-data file %s could not be written", path.name)
    finally:
        connections.close_all()  # this thread's own database connection


def _written_here(directory: Path, path: Path, format: str) -> BinaryIO:
    """Write the file in this request (or, while another process writes it, send the previous one)."""
    with open(directory / f".knowledge-{format}.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            previous = _open_newest(directory, format)
            if previous is not None:
                return previous
            fcntl.flock(lock, fcntl.LOCK_EX)  # the first file ever: wait for whoever writes it
        try:
            current = _open(path)  # written while this process waited
            if current is None:
                _write(path, format)
                current = path.open("rb")
                _remove_others(directory, format, keep=path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return current


def _open(path: Path) -> BinaryIO | None:
    try:
        return path.open("rb")
    except FileNotFoundError:
        return None


def _open_newest(directory: Path, format: str) -> BinaryIO | None:
    for _attempt in range(3):  # the writer may remove the one found before it is opened
        files = sorted(directory.glob(f"knowledge-*.{format}"), key=_modified, reverse=True)
        if not files:
            return None
        opened = _open(files[0])
        if opened is not None:
            return opened
    return None


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _write(path: Path, format: str) -> None:
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with open(descriptor, "w", encoding="utf-8", newline="") as handle:
            if format == "csv":
                handle.write(csvsafe.BOM)  # served as a download (csvsafe.download does the others)
            for text in export_published(format):
                handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _remove_others(directory: Path, format: str, *, keep: Path) -> None:
    """Earlier files of this format, and what an interrupted writer left (only the lock holder writes).
    A download still sending an earlier file keeps reading it: it is open."""
    for other in [*directory.glob(f"knowledge-*.{format}"), *directory.glob(f".knowledge-*.{format}.*.tmp")]:
        if other != keep:
            other.unlink(missing_ok=True)
