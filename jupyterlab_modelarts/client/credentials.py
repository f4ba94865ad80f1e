"""The resolved identity over time: one acquisition; outcomes shared, failures backed off.

Every call asks :meth:`Credentials.ready` for an identity with usable
credentials. Resolving the chain, renewing before expiry and renewing after a
gateway 401 are *acquisitions*; each runs inside an :class:`~.exchange.Exclusive`
step so concurrent callers wait for one acquisition and then share its outcome,
success or failure, instead of each trying again in turn:

* a failed acquisition (a refused login, a key fetch that timed out, no
  credentials anywhere) is remembered for ``credential_backoff`` seconds;
  within that period nobody tries again, callers get the remembered error;
* credentials that are due for renewal but not yet expired keep serving while
  their renewal fails: only an expired or refused credential stops the calls.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping

from .auth import Identity, resolve
from .config import ClientConfig
from .errors import ConfigurationError, ModelArtsError
from .exchange import Exchange, exclusive


class Credentials:
    """The identity the client signs with, and the memory of its last acquisition."""

    def __init__(
        self,
        config: ClientConfig,
        env: Callable[[], Mapping[str, str]],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.config = config
        self._env = env
        self._clock = clock
        self.identity: Identity | None = None
        self._attempts = 0  # acquisitions finished so far, successful or not
        self._failure: ModelArtsError | None = None
        self._failed_at = 0.0

    def ready(self) -> Exchange[Identity]:
        """The identity, renewed first if due (or resolved, the first time)."""
        identity = self.identity
        if identity is not None and identity.auth.fresh(self.config.refresh_margin):
            return identity
        if not self._backing_off():
            yield from exclusive(self._acquire(self._attempts, self._refresh))
        return self._usable()

    def renew_after_401(self, identity: Identity, generation: int) -> Exchange[None]:
        """The gateway refused ``identity``'s credential of ``generation``: renew it once."""

        def renew() -> Exchange[None]:
            if identity.auth.generation == generation:  # nobody renewed meanwhile
                identity.auth.invalidate()
                yield from identity.auth.renew()

        yield from exclusive(self._acquire(self._attempts, renew))
        self._usable()

    @property
    def last_failure(self) -> ModelArtsError | None:
        """The error of the last acquisition if it failed (for the session view)."""
        return self._failure

    # -- one acquisition at a time ------------------------------------------------

    def _acquire(self, seen: int, work: Callable[[], Exchange[None]]) -> Exchange[None]:
        """Under the lock: do ``work`` unless an acquisition finished while we waited."""
        if self._attempts != seen or self._backing_off():
            return  # share the outcome of the one that just ran (or failed lately)
        try:
            yield from work()
        except ModelArtsError as exc:
            self._failure, self._failed_at = exc, self._clock()
            if not self._serving():
                raise
        else:
            self._failure = None
        finally:
            self._attempts += 1

    def _refresh(self) -> Exchange[None]:
        if self.identity is None:
            self.identity = yield from resolve(self.config, self._env())
        if not self.identity.auth.fresh(self.config.refresh_margin):
            yield from self.identity.auth.renew()

    def _backing_off(self) -> bool:
        if self._failure is None:
            return False
        return self._clock() < self._failed_at + self.config.credential_backoff

    def _serving(self) -> bool:
        """True while the current credential may still be used (held and not expired)."""
        return self.identity is not None and self.identity.auth.valid()

    def _usable(self) -> Identity:
        """The identity if it may be used, else the remembered failure."""
        identity = self.identity
        if identity is not None and (self._failure is None or identity.auth.valid()):
            return identity
        if self._failure is not None:
            raise self._failure.with_traceback(None)
        raise ConfigurationError("the credential chain did not run")
