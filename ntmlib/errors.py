"""Errors that name the place: the file, the row or path inside it, and the column."""
from __future__ import annotations

from dataclasses import dataclass

from .text import ERROR_TEXT, label, worded


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, located as the user sees it."""

    file: str
    message: str
    place: str = ""  # CSV line ("dòng 14"), Excel cell ("2023!D14") or YAML path
    column: str = ""

    def __str__(self) -> str:
        return self.text("vi")

    def text(self, lang: str = "vi") -> str:
        """The problem as a line in `lang`: its file, place and column, then its message."""
        where = worded(self.file, lang)
        if self.place:
            where += f": {worded(self.place, lang)}"
        if self.column:
            where += f" ({label(ERROR_TEXT, 'column', lang)} {self.column})"
        return f"{where}: {worded(self.message, lang)}"


class NtmError(Exception):
    """Base class of the errors ntmlib raises on purpose."""


class DataError(NtmError):
    """Bad input: carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, (Problem, str)):
            problems = [problems]
        self.problems = [p if isinstance(p, Problem) else Problem("", p) for p in problems]
        super().__init__("\n".join(str(p) for p in self.problems))

    def to_frame(self):
        """The problems as a table (file, place, column, message) for notebooks."""
        import pandas as pd  # deferred: errors stay importable without the data stack

        return pd.DataFrame(
            [(p.file, p.place, p.column, p.message) for p in self.problems],
            columns=["file", "place", "column", "message"],
        )


class FrameworkError(DataError):
    """A criteria set file that does not follow the schema."""


class ParameterError(DataError):
    """A value a user gave that does not fit the data: a year not scored, an unknown criteria set,
    commune, district or language. The problem's `file` names the thing given ("năm", "xã")."""


class OutputError(DataError):
    """Results that cannot be written: an output folder that is a file or not writable, a full
    disk. The problem names the file or folder and the reason, in Vietnamese."""


class NotebookError(NtmError):
    """A report notebook whose cell failed: names the report, the cell and the error in it."""

    def __init__(self, report: str, cell: int | None, ename: str, evalue: str):
        self.report, self.cell, self.ename, self.evalue = report, cell, ename, evalue
        where = f" (ô {cell})" if cell is not None else ""
        super().__init__(f"{report}{where}: {evalue or ename}")
