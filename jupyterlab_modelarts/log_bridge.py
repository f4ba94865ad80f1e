"""The bridge from the package's loggers to the Jupyter server's log."""

from __future__ import annotations

import logging

#: The client's and emulator's loggers live under this name.
_PACKAGE_LOGGER = "jupyterlab_modelarts"


class ServerLogBridge(logging.Handler):
    """Hands the package's records (one debug line per upstream call) to the server's log.

    Attached while the extension runs and detached, with the package logger's
    level restored, when it stops: the client logs under ``jupyterlab_modelarts``
    and would otherwise reach no handler inside a Jupyter server.
    """

    def __init__(self, target: logging.Logger) -> None:
        super().__init__()
        self.target = target
        self._package = logging.getLogger(_PACKAGE_LOGGER)
        self._saved_level = self._package.level

    def emit(self, record: logging.LogRecord) -> None:
        """Forward ``record`` if the server's log would show it."""
        if self.target.isEnabledFor(record.levelno):
            self.target.handle(record)

    def attach(self) -> None:
        """Start forwarding, at the server log's level (debug lines only when it is DEBUG)."""
        self._package.addHandler(self)
        level = self.target.getEffectiveLevel()
        if self._saved_level == logging.NOTSET or self._saved_level > level:
            self._package.setLevel(level)

    def detach(self) -> None:
        """Stop forwarding and put the package logger's level back."""
        self._package.removeHandler(self)
        self._package.setLevel(self._saved_level)
