"""A logging handler that keeps every record, for tests that read what was logged."""

from __future__ import annotations

import logging


class LogCollector(logging.Handler):
    """Keeps every record it is handed (``.records``); ``text()`` formats them as a log would."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []
        self._formatter = logging.Formatter("%(levelname)s %(name)s %(message)s")

    def emit(self, record: logging.LogRecord) -> None:
        """Keep ``record``."""
        self.records.append(record)

    def text(self) -> str:
        """Every record formatted with its exception text, one per line."""
        return "\n".join(self._formatter.format(r) for r in self.records)
