"""ModelArtsClient (blocking) and AsyncModelArtsClient over api + credentials + a transport.

Both share :class:`_Core`: credential resolution and renewal are sans-IO
exchanges (see :mod:`.auth`), requests come from :mod:`.api`, and each client
only adds how to wait (a threading lock and blocking I/O, or an asyncio lock
and tornado). Concurrent callers share one chain resolution and one renewal.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import api
from .auth import Exchange
from .config import ClientConfig
from .credentials import Identity, resolve
from .errors import ConfigurationError, ModelArtsError
from .http import Request, Response, RetryPolicy
from .models import JobList, JobVersion, VersionList
from .query import JobQuery


@dataclass(frozen=True)
class SessionInfo:
    """Which credential source won and where the client points (no secrets)."""

    source: str
    region: str | None
    project_id: str | None
    endpoint: str


def _policy(config: ClientConfig) -> RetryPolicy:
    return RetryPolicy(config.max_retries, config.backoff_base, config.backoff_cap)


def _transport_options(config: ClientConfig) -> dict[str, Any]:
    """The keyword arguments both transports take from the config."""
    return {
        "connect_timeout": config.connect_timeout,
        "read_timeout": config.read_timeout,
        "verify_tls": config.verify_tls,
        "max_connections": config.max_connections,
    }


class _Core:
    """What both clients share: config, the resolved identity, request preparation."""

    def __init__(self, config: ClientConfig | None, env: Mapping[str, str] | None) -> None:
        self.config = config or ClientConfig.from_env()
        self._env = env
        self._identity: Identity | None = None

    @property
    def env(self) -> Mapping[str, str]:
        """The environment the chain reads (``os.environ`` at call time unless given)."""
        return os.environ if self._env is None else self._env

    def _resolution(self) -> Exchange:
        return resolve(self.config, self.env)

    def _target(self, identity: Identity) -> tuple[str, str]:
        endpoint = self.config.modelarts_url(identity.region)
        if not endpoint:
            raise ConfigurationError(
                "no ModelArts endpoint: set region (MODELARTS_REGION) "
                "or endpoint (MODELARTS_ENDPOINT)"
            )
        project = identity.effective_project_id()
        if not project:
            raise ConfigurationError(
                f"no project id (credentials from {identity.source}): "
                "set project_id or MODELARTS_PROJECT_ID"
            )
        return endpoint, project

    def _info(self, identity: Identity) -> SessionInfo:
        endpoint = self.config.modelarts_url(identity.region) or ""
        return SessionInfo(
            identity.source, identity.region, identity.effective_project_id(), endpoint
        )

    @staticmethod
    def _scrub(error: ModelArtsError, identity: Identity | None) -> ModelArtsError:
        """Blank out any secret an upstream message might echo back."""
        if identity is None:
            return error
        message = error.message
        for secret in identity.auth.secrets():
            if secret and len(secret) >= 4:
                message = message.replace(secret, "***")
        if message != error.message:
            error.message = message
            error.args = (message,)
        return error


def _drive_sync(exchange: Exchange, send: Callable[[Request], Response]) -> Any:
    """Run a sans-IO exchange with a blocking send; transport errors go back into it."""
    try:
        request = next(exchange)
        while True:
            try:
                response = send(request)
            except ModelArtsError as exc:
                request = exchange.throw(exc)
            else:
                request = exchange.send(response)
    except StopIteration as done:
        return done.value


async def _drive_async(exchange: Exchange, send: Callable[[Request], Any]) -> Any:
    """Run a sans-IO exchange with an awaitable send."""
    try:
        request = next(exchange)
        while True:
            try:
                response = await send(request)
            except ModelArtsError as exc:
                request = exchange.throw(exc)
            else:
                request = exchange.send(response)
    except StopIteration as done:
        return done.value


class ModelArtsClient(_Core):
    """Blocking client (requests); safe to share between threads."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        env: Mapping[str, str] | None = None,
        transport: Any = None,
    ) -> None:
        super().__init__(config, env)
        if transport is None:
            from .transport_sync import SyncTransport

            transport = SyncTransport(_policy(self.config), **_transport_options(self.config))
        self._transport = transport
        self._lock = threading.Lock()

    def _ready(self) -> Identity:
        """The resolved identity with fresh credentials; one resolution/renewal at a time."""
        identity = self._identity
        if identity is not None and identity.auth.fresh(self.config.refresh_margin):
            return identity
        with self._lock:
            try:
                if self._identity is None:
                    self._identity = _drive_sync(self._resolution(), self._transport.send)
                identity = self._identity
                if not identity.auth.fresh(self.config.refresh_margin):
                    _drive_sync(identity.auth.renew(), self._transport.send)
            except ModelArtsError as exc:
                raise self._scrub(exc, self._identity) from None
        return identity

    def _renew_after_401(self, identity: Identity, generation: int) -> None:
        with self._lock:
            if identity.auth.generation == generation:  # nobody renewed meanwhile
                identity.auth.invalidate()
                _drive_sync(identity.auth.renew(), self._transport.send)

    def _call(self, build: Callable[[str, str], Request]) -> Response:
        identity = self._ready()
        try:
            endpoint, project = self._target(identity)
            request = build(endpoint, project)
            generation = identity.auth.generation
            response = self._transport.send(identity.auth.apply(request, project))
            # A 401 is the gateway refusing the credential before ModelArts acted, so even a
            # stop may be re-sent once with renewed credentials.
            if response.status == 401 and identity.auth.renew_on_401:
                self._renew_after_401(identity, generation)
                response = self._transport.send(identity.auth.apply(request, project))
            return response
        except ModelArtsError as exc:
            raise self._scrub(exc, identity) from None

    def _parsed(
        self, build: Callable[[str, str], Request], parse: Callable[[Response], Any]
    ) -> Any:
        response = self._call(build)
        try:
            return parse(response)
        except ModelArtsError as exc:
            raise self._scrub(exc, self._identity) from None

    def session_info(self) -> SessionInfo:
        """Resolve the credential chain (and log in if needed); raises NoCredentialsError."""
        return self._info(self._ready())

    def list_versions(self, job_id: object) -> VersionList:
        """Every version of ``job_id``, following every page, newest first."""
        identity = self._ready()
        endpoint, project = self._target(identity)
        pager = api.VersionPager(endpoint, project, job_id, per_page=self.config.page_size)
        while (request := pager.next_request()) is not None:
            response = self._call(lambda _e, _p, r=request: r)
            try:
                pager.feed(response)
            except ModelArtsError as exc:
                raise self._scrub(exc, identity) from None
        return pager.result()

    def get_version(self, job_id: object, version_id: object) -> JobVersion:
        """One version's details."""
        return self._parsed(
            lambda e, p: api.get_version_request(e, p, job_id, version_id), api.parse_version
        )

    def list_jobs(self, query: JobQuery | None = None) -> JobList:
        """One page of training jobs, filtered and sorted as ``query`` asks (default: page 1)."""
        chosen = query or JobQuery()
        return self._parsed(lambda e, p: api.list_jobs_request(e, p, chosen), api.parse_job_list)

    def stop_version(self, job_id: object, version_id: object) -> dict[str, Any]:
        """POST stop once (never retried once sent); raises on refusal. Returns the body."""
        return self._parsed(
            lambda e, p: api.stop_version_request(e, p, job_id, version_id), api.parse_stop
        )

    def close(self) -> None:
        """Release pooled connections."""
        self._transport.close()

    def __enter__(self) -> ModelArtsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncModelArtsClient(_Core):
    """Non-blocking client (tornado) with the same methods as :class:`ModelArtsClient`."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        env: Mapping[str, str] | None = None,
        transport: Any = None,
    ) -> None:
        super().__init__(config, env)
        if transport is None:
            from .transport_async import AsyncTransport

            transport = AsyncTransport(_policy(self.config), **_transport_options(self.config))
        self._transport = transport
        self._lock: asyncio.Lock | None = None

    def _get_lock(self) -> asyncio.Lock:
        # Created lazily so the client can be built outside a running loop.
        if self._lock is None:
            self._lock = asyncio.Lock()
        return self._lock

    async def _ready(self) -> Identity:
        identity = self._identity
        if identity is not None and identity.auth.fresh(self.config.refresh_margin):
            return identity
        async with self._get_lock():
            try:
                if self._identity is None:
                    self._identity = await _drive_async(self._resolution(), self._transport.send)
                identity = self._identity
                if not identity.auth.fresh(self.config.refresh_margin):
                    await _drive_async(identity.auth.renew(), self._transport.send)
            except ModelArtsError as exc:
                raise self._scrub(exc, self._identity) from None
        return identity

    async def _renew_after_401(self, identity: Identity, generation: int) -> None:
        async with self._get_lock():
            if identity.auth.generation == generation:
                identity.auth.invalidate()
                await _drive_async(identity.auth.renew(), self._transport.send)

    async def _call(self, build: Callable[[str, str], Request]) -> Response:
        identity = await self._ready()
        try:
            endpoint, project = self._target(identity)
            request = build(endpoint, project)
            generation = identity.auth.generation
            response = await self._transport.send(identity.auth.apply(request, project))
            if response.status == 401 and identity.auth.renew_on_401:  # see ModelArtsClient._call
                await self._renew_after_401(identity, generation)
                response = await self._transport.send(identity.auth.apply(request, project))
            return response
        except ModelArtsError as exc:
            raise self._scrub(exc, identity) from None

    async def _parsed(
        self, build: Callable[[str, str], Request], parse: Callable[[Response], Any]
    ) -> Any:
        response = await self._call(build)
        try:
            return parse(response)
        except ModelArtsError as exc:
            raise self._scrub(exc, self._identity) from None

    async def session_info(self) -> SessionInfo:
        """Resolve the credential chain (and log in if needed); raises NoCredentialsError."""
        return self._info(await self._ready())

    async def list_versions(self, job_id: object) -> VersionList:
        """Every version of ``job_id``, following every page, newest first."""
        identity = await self._ready()
        endpoint, project = self._target(identity)
        pager = api.VersionPager(endpoint, project, job_id, per_page=self.config.page_size)
        while (request := pager.next_request()) is not None:
            response = await self._call(lambda _e, _p, r=request: r)
            try:
                pager.feed(response)
            except ModelArtsError as exc:
                raise self._scrub(exc, identity) from None
        return pager.result()

    async def get_version(self, job_id: object, version_id: object) -> JobVersion:
        """One version's details."""
        return await self._parsed(
            lambda e, p: api.get_version_request(e, p, job_id, version_id), api.parse_version
        )

    async def list_jobs(self, query: JobQuery | None = None) -> JobList:
        """One page of training jobs, filtered and sorted as ``query`` asks (default: page 1)."""
        chosen = query or JobQuery()
        return await self._parsed(
            lambda e, p: api.list_jobs_request(e, p, chosen), api.parse_job_list
        )

    async def stop_version(self, job_id: object, version_id: object) -> dict[str, Any]:
        """POST stop once (never retried once sent); raises on refusal. Returns the body."""
        return await self._parsed(
            lambda e, p: api.stop_version_request(e, p, job_id, version_id), api.parse_stop
        )

    def close(self) -> None:
        """Release the private HTTP client."""
        self._transport.close()
