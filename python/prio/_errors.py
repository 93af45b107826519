"""prio.Error: every problem prio finds, as a ValueError with where it is."""

from __future__ import annotations

from typing import List, Optional


class Error(ValueError):
    """A problem in the input (a value, a column, a file) or an argument.

    ``code`` is prio's stable error name (``"duplicate_id"``, ``"missing_value"``
    ...) and ``number`` its number (``[prio.error.101]``); ``feature``,
    ``field``, ``file``, ``line`` and ``column`` say where, when known (empty
    or 0 otherwise). ``diagnostics`` holds every problem a reader found.
    """

    code: str
    number: int
    feature: str
    field: str
    file: str
    line: int
    column: int
    diagnostics: List[str]
    cycles: List[List[str]]

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid_argument",
        number: int = 302,
        feature: str = "",
        field: str = "",
        file: str = "",
        line: int = 0,
        column: int = 0,
        diagnostics: Optional[List[str]] = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.number = number
        self.feature = feature
        self.field = field
        self.file = file
        self.line = line
        self.column = column
        self.diagnostics = diagnostics if diagnostics is not None else [message]
        self.cycles = []
