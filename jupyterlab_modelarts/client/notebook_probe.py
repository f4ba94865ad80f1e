"""Ask another Python for the notebook's implicit ``Session()``, out of process.

The legacy SDK is importable in the kernels' Python, not in the Jupyter
server's. For each :class:`~.notebook_env.Candidate` in turn a short child
process builds ``modelarts.session.Session()`` and writes the credentials back
over its stdout pipe (never a file, a log line or a command-line argument).
Whatever the SDK prints itself goes to the child's stderr, which is discarded:
only the exception's type name comes back.

:func:`probe` is an exchange (see :mod:`.exchange`): it yields
:class:`~.child.ChildRun` steps, which the blocking client runs with
``subprocess`` and the non-blocking one with asyncio subprocesses, off the
event loop.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from .child import ChildResult, ChildRun
from .exchange import Exchange, run_child
from .notebook_env import Candidate

#: The fields a notebook ``Session()`` exposes (§16.1); the secrets among them are never shown.
SESSION_FIELDS = (
    "access_key",
    "secret_key",
    "security_token",
    "project_id",
    "region_name",
    "user_id",
)
_ENV_DROPPED = ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONSAFEPATH")

# Runs in the candidate's Python (any 3.x): the answer goes to a copy of the stdout pipe,
# and fd 1 is pointed at stderr so nothing the SDK prints can corrupt it.
CHILD_SCRIPT = """
import json, os, sys
out = os.fdopen(os.dup(1), "w")
os.dup2(2, 1)
try:
    from modelarts.session import Session
except Exception as e:
    json.dump({"outcome": "not importable", "error": type(e).__name__}, out)
    sys.exit(0)
try:
    s = Session()
except Exception as e:
    json.dump({"outcome": "failed", "error": type(e).__name__}, out)
    sys.exit(0)
values = {}
for name in FIELDS:
    v = getattr(s, name, None)
    values[name] = None if v is None else str(v)
json.dump({"outcome": "ok", "session": values}, out)
""".replace("FIELDS", repr(SESSION_FIELDS))


@dataclass(frozen=True)
class NotebookCredentials:
    """What a notebook ``Session()`` holds: temporary AK/SK, token, project, region, user."""

    access_key: str
    secret_key: str = field(repr=False)
    security_token: str | None = field(default=None, repr=False)
    project_id: str | None = None
    region_name: str | None = None
    user_id: str | None = None
    #: The interpreter that produced them (a path, never a secret).
    python: str = ""


@dataclass
class ProbeReport:
    """The credentials found (or None) and, per candidate tried, its outcome."""

    credentials: NotebookCredentials | None = None
    winner: Candidate | None = None
    attempts: list[tuple[str, str]] = field(default_factory=list)


def child_env(env: Mapping[str, str], candidate: Candidate) -> dict[str, str]:
    """The child's environment: this one, with ``PYTHONPATH`` only the candidate's own."""
    out = {key: value for key, value in env.items() if key not in _ENV_DROPPED}
    if candidate.pythonpath:
        out["PYTHONPATH"] = candidate.pythonpath
    out["PYTHONIOENCODING"] = "utf-8"
    return out


def _outcome(result: ChildResult, python: str) -> tuple[NotebookCredentials | None, str]:
    if result.failure:
        return None, result.failure
    try:
        answer = json.loads(result.stdout.decode("utf-8"))
    except ValueError:
        return None, f"exited with code {result.returncode} without an answer"
    if not isinstance(answer, dict):
        return None, "answered something that is not a session"
    if answer.get("outcome") != "ok":
        reason = str(answer.get("outcome", "failed"))
        error = answer.get("error")
        return None, f"{reason} ({error})" if error else reason
    raw = answer.get("session")
    values: dict[str, object] = raw if isinstance(raw, dict) else {}

    def text(name: str) -> str | None:
        value = values.get(name)
        return value if isinstance(value, str) and value else None

    access_key, secret_key = text("access_key"), text("secret_key")
    if not access_key or not secret_key:
        return None, "Session() holds no access key"
    credentials = NotebookCredentials(
        access_key=access_key,
        secret_key=secret_key,
        security_token=text("security_token"),
        project_id=text("project_id"),
        region_name=text("region_name"),
        user_id=text("user_id"),
        python=python,
    )
    return credentials, "ok"


def probe(
    candidates: Sequence[Candidate], env: Mapping[str, str], timeout: float
) -> Exchange[ProbeReport]:
    """Try each candidate in order until one yields credentials (one child each)."""
    report = ProbeReport()
    for candidate in candidates:
        result = yield from run_child(
            ChildRun((candidate.python, "-c", CHILD_SCRIPT), child_env(env, candidate), timeout)
        )
        credentials, outcome = _outcome(result, candidate.python)
        report.attempts.append((candidate.describe(), outcome))
        if credentials is not None:
            report.credentials, report.winner = credentials, candidate
            break
    return report
