"""Writing results to disk: atomic writes, file names made from data that are always safe, text
cells that a spreadsheet never runs as formulas, and output problems as one clear message."""
from __future__ import annotations

import errno
import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

import pandas as pd

from ..errors import OutputError, Problem
from ..text import error_text

NAME_LIMIT = 60  # characters of a file name made from data, before its extension
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet may run a text cell that starts so

# the words of ERROR_TEXT for the common reasons a file cannot be written
_REASONS = {errno.EACCES: "os_no_permission", errno.EPERM: "os_no_permission", errno.EROFS: "os_read_only",
            errno.ENOSPC: "os_disk_full", errno.EDQUOT: "os_quota", errno.ENOTDIR: "os_not_dir",
            errno.EISDIR: "os_is_dir", errno.ENAMETOOLONG: "os_name_too_long", errno.ENOENT: "os_not_found"}


def os_reason(e: OSError) -> str:
    """What went wrong with a file ('không có quyền ghi', 'ổ đĩa đầy', …; a message of ERROR_TEXT, in
    English when worded so), else the system's words."""
    return error_text(_REASONS[e.errno]) if e.errno in _REASONS else (e.strerror or str(e))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it into place, so that a
    reader never sees a half-written file; the file gets the usual permissions (umask).
    A file-system failure raises OutputError naming the file and the reason."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")  # short: the name may be long
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as e:
        raise OutputError(Problem(str(path), error_text("cannot_write_file", reason=os_reason(e)))) from e
    finally:
        if tmp is not None and os.path.exists(tmp):
            Path(tmp).unlink(missing_ok=True)


def write_text_atomic(path: Path, text: str) -> None:
    """write_bytes_atomic for UTF-8 text."""
    write_bytes_atomic(path, text.encode("utf-8"))


def check_output_dir(path: str | Path) -> Path:
    """Make sure results can be written under `path` (created if missing), before any work
    starts; raise OutputError in one Vietnamese line otherwise. Returns the folder, resolved."""
    out = Path(path).resolve()
    if out.exists() and not out.is_dir():
        raise OutputError(Problem(str(path), error_text("out_is_file")))
    try:
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as e:
        raise OutputError(Problem(str(path), error_text("cannot_write_dir", reason=os_reason(e)))) from e
    return out


def slug(text: str, limit: int = NAME_LIMIT) -> str:
    """A safe file-name part made from data: ASCII (diacritics folded, 'đ' to 'd'), anything else
    to '-', at most `limit` characters; a longer name is cut and ends in a short hash of the whole,
    so two long names never share a file. Never empty, never '.' or '..', never a path."""
    t = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    t = "".join(ch for ch in t if not unicodedata.combining(ch)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-") or "x"
    if len(t) > limit:
        tag = hashlib.sha256(str(text).encode("utf-8")).hexdigest()[:8]
        t = t[:limit - 9].rstrip("-") + "-" + tag
    return t


def spreadsheet_safe(value):
    """A text value that a spreadsheet shows as written: one that starts with = + - @, a tab or a
    carriage return gets a leading apostrophe (OWASP's advice for CSV files); other values unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_safe(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with every text cell made spreadsheet_safe, for writing as CSV."""
    out = df.copy()
    for col in out.columns:
        s = out[col]
        if s.dtype == object or isinstance(s.dtype, (pd.StringDtype, pd.CategoricalDtype)):
            out[col] = s.astype(object).map(spreadsheet_safe)
    return out
