"""What every test suite shares: the emulator handle, the reply helper, the error assertion.

``tests/`` is on ``sys.path`` (pytest's rootdir insertion for tests/conftest.py),
so suites import ``from support import ...``.
"""

from .emulator import (
    EmulatorHandle,
    extension_traits,
    password_traits,
    secret_file,
    start_emulator,
)
from .errors import TRACEBACK_MARKERS, assert_error_body
from .logs import LogCollector
from .reply import PREFIX, Reply, api_caller, version_parts
from .server_config import extension_server_config, traits_with_marker

__all__ = [
    "PREFIX",
    "TRACEBACK_MARKERS",
    "EmulatorHandle",
    "LogCollector",
    "Reply",
    "api_caller",
    "assert_error_body",
    "extension_server_config",
    "extension_traits",
    "password_traits",
    "secret_file",
    "start_emulator",
    "traits_with_marker",
    "version_parts",
]
