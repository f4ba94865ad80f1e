"""The ``notebook session`` source: the keys of the legacy SDK's ``modelarts.session.Session()``.

Two places are asked, in order (``../shared/modelarts-v1-api.md`` §16):

1. this process: ``import modelarts.session`` and ``Session()``, run as a
   :class:`~..exchange.Blocking` step (a worker thread under the event loop);
2. inside a ModelArts notebook, or with ``notebook_python`` configured: other
   interpreters, one child process each (:mod:`..notebook_probe`), in the
   order of :func:`..notebook_env.candidates`.

The keys are an agency's temporary ones: they are acquired again after
``notebook_credential_max_age`` seconds and once after a gateway 401, the
interpreter that won first.
"""

from __future__ import annotations

import importlib
import importlib.util
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..config import ClientConfig
from ..errors import AuthError
from ..exchange import Exchange, off_loop
from ..notebook_env import candidates, is_modelarts_notebook
from ..notebook_probe import NotebookCredentials, probe
from .base import Identity, Unavailable
from .keys import AkSk, AkSkAuth

#: ``detail`` of keys from this process's own legacy SDK.
IN_PROCESS = "this server's Python (modelarts.session)"


@dataclass(frozen=True)
class Found:
    """Keys a ``Session()`` gave, the live session when it is this process's, and who gave them."""

    keys: AkSk
    project_id: str | None
    region: str | None
    detail: str
    python: str | None = None  # the child interpreter that won, asked first next time
    session: object | None = None


class NotebookAuth(AkSkAuth):
    """The notebook's temporary keys, acquired again when old or refused.

    A session of this process is re-read at each use, which lets the legacy
    SDK rotate its keys behind our back.
    """

    renew_on_401 = True

    def __init__(
        self,
        found: Found,
        acquire: Callable[[str | None], Exchange[Found]],
        max_age: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(found.keys)
        self._acquire = acquire
        self._max_age = max_age
        self._clock = clock
        self._use(found)

    def _use(self, found: Found) -> None:
        self.found, self.keys, self._acquired_at = found, found.keys, self._clock()

    @property
    def detail(self) -> str:
        """Which interpreter gave the keys (a path, never a secret)."""
        return self.found.detail

    def current(self) -> AkSk:
        """The live session's keys now (the last complete pair if it lost them)."""
        if self.found.session is not None:
            keys = read_session_keys(self.found.session)
            if keys.access_key and keys.secret_key:
                self.keys = keys
        return self.keys

    def fresh(self, margin: float) -> bool:
        """True while keys are held and younger than ``notebook_credential_max_age``."""
        return self.valid() and self._clock() < self._acquired_at + self._max_age

    def valid(self) -> bool:
        """True while keys are held (their expiry is not known: a 401 says it)."""
        return bool(self.keys.access_key)

    def invalidate(self) -> None:
        """Drop the keys (the gateway refused them)."""
        self.keys = AkSk("", "")

    def renew(self) -> Exchange[None]:
        """Ask again, the interpreter that won last time first."""
        try:
            found = yield from self._acquire(self.found.python)
        except Unavailable as why:
            raise AuthError(f"the notebook session gave no new keys: {why}") from None
        self._use(found)
        self.generation += 1


def read_session_keys(session: object) -> AkSk:
    """The key pair (and user id) a legacy Session object exposes; missing ones are empty."""
    return AkSk(
        access_key=str(getattr(session, "access_key", "") or ""),
        secret_key=str(getattr(session, "secret_key", "") or ""),
        security_token=getattr(session, "security_token", None) or None,
        user_id=getattr(session, "user_id", None) or None,
    )


def in_process_session() -> Found:
    """``modelarts.session.Session()`` of this process (blocking; run it off the loop)."""
    try:
        module = importlib.import_module("modelarts.session")
    except ImportError:
        raise Unavailable("modelarts.session is not importable in this Python") from None
    try:
        session = module.Session()
    except Exception as exc:  # the legacy SDK may fail in many ways; report only the type
        raise Unavailable(f"modelarts.session.Session() failed ({type(exc).__name__})") from None
    keys = read_session_keys(session)
    if not (keys.access_key and keys.secret_key):
        raise Unavailable("modelarts.session.Session() has no access_key/secret_key")
    project = getattr(session, "project_id", None) or None
    region = getattr(session, "region_name", None) or None
    return Found(keys, project, region, IN_PROCESS, session=session)


def from_credentials(found: NotebookCredentials, detail: str) -> Found:
    """What a child's ``Session()`` gave, as this source keeps it."""
    keys = AkSk(found.access_key, found.secret_key, found.security_token, user_id=found.user_id)
    return Found(keys, found.project_id, found.region_name, detail, python=found.python)


def _importable() -> bool:
    """Whether this process could import the legacy SDK (looked up, not imported)."""
    try:
        return importlib.util.find_spec("modelarts") is not None
    except (ImportError, ValueError):
        return False


def acquire(config: ClientConfig, env: Mapping[str, str], first: str | None) -> Exchange[Found]:
    """This process's session, else (in a notebook) the first interpreter that yields one."""
    try:
        if not _importable():  # no worker thread just to fail the import
            raise Unavailable("modelarts.session is not importable in this Python")
        return (yield from off_loop(in_process_session))
    except Unavailable as why:
        reasons = [f"{IN_PROCESS}: {why}"]
    if not (config.notebook_python or is_modelarts_notebook(env)):
        raise Unavailable(f"{reasons[0]}; not a ModelArts notebook, no notebook_python set")
    tried = candidates(
        configured_python=config.notebook_python,
        configured_sdk_path=config.notebook_sdk_path,
        kernel_pythons=config.kernel_pythons,
        env=env,
    )
    tried.sort(key=lambda candidate: candidate.python != first)  # stable: the winner first
    report = yield from probe(tried, env, config.notebook_probe_timeout)
    if report.credentials is not None and report.winner is not None:
        return from_credentials(report.credentials, report.winner.describe())
    reasons += [f"{label}: {outcome}" for label, outcome in report.attempts]
    raise Unavailable("; ".join(reasons))


def from_notebook_session(config: ClientConfig, env: Mapping[str, str]) -> Exchange[Identity]:
    """The notebook's ``Session()``: in this process, else in another interpreter."""
    found = yield from acquire(config, env, None)

    def again(first: str | None) -> Exchange[Found]:
        return acquire(config, env, first)

    auth = NotebookAuth(found, again, config.notebook_credential_max_age)
    return Identity("notebook session", auth, found.region, found.project_id)
