"""ModelArtsClient (blocking) and AsyncModelArtsClient: two thin drivers of the same exchanges.

Every call is written once in :mod:`.operations`; a driver only performs the
steps an exchange yields: a request goes to its transport, a
:class:`~.exchange.Sleep` waits (``time.sleep`` / ``asyncio.sleep``), a
:class:`~.child.ChildRun` starts a child process (``subprocess`` / an asyncio
subprocess), a :class:`~.exchange.Blocking` call runs in place / on a worker
thread, a :class:`~.exchange.Compute` runs in place / (on a large answer) in a
worker process, and an :class:`~.exchange.Exclusive` body runs under its lock (a
threading lock / an asyncio lock), so concurrent callers share one resolution
and one renewal.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Mapping
from typing import Any, TypeVar

from .api_v1 import VersionSink
from .child import ChildRun, run_child_async, run_child_sync
from .config import DEFAULT_WORKER_PROCESSES, ClientConfig
from .errors import ModelArtsError
from .exchange import Blocking, Compute, Computed, Exchange, Runner, Sleep
from .http import AsyncTransport, Request, Transport, TransportSettings
from .logs import LogChunk, LogFiles, LogQuery
from .models import JobList, JobVersion, VersionList
from .models_v2 import LogPreview, TrainingJob, TrainingJobList
from .operations import Operations, SessionInfo
from .query import JobQuery
from .query_v2 import TrainingJobSearch
from .responses import JsonObject
from .workers import Workers, is_large

T = TypeVar("T")

__all__ = ["AsyncModelArtsClient", "ModelArtsClient", "SessionInfo"]


def drive(exchange: Exchange[T], transport: Transport, lock: threading.Lock | None) -> T:
    """Run ``exchange`` with blocking I/O; ``lock`` is None inside an Exclusive body."""
    runner = Runner(exchange)
    while (step := runner.next_step()) is not None:
        try:
            if isinstance(step, Request):
                runner.answer(transport.send(step))
            elif isinstance(step, Sleep):
                time.sleep(step.seconds)
            elif isinstance(step, ChildRun):
                runner.answer(run_child_sync(step))
            elif isinstance(step, Blocking):
                step.call()
            elif isinstance(step, Compute):
                runner.answer(Computed(step.function(step.response)))
            elif lock is None:
                drive(step.body, transport, None)
            else:
                with lock:
                    drive(step.body, transport, None)
        except ModelArtsError as exc:
            runner.fail(exc)
    return runner.result


async def drive_async(
    exchange: Exchange[T],
    transport: AsyncTransport,
    lock: asyncio.Lock | None,
    workers: Workers | None = None,
) -> T:
    """Run ``exchange`` without blocking the event loop (see :func:`drive`).

    After a large answer, the exchange's next step (its parsing) runs on the
    workers' parse thread, and a :class:`~.exchange.Compute` step on one runs in
    a worker process (:mod:`.workers`).
    """
    runner = Runner(exchange)
    loop = asyncio.get_running_loop()
    large = False
    while (
        step := await loop.run_in_executor(workers.parser, runner.next_step)
        if large and workers is not None
        else runner.next_step()
    ) is not None:
        large = False
        try:
            if isinstance(step, Request):
                response = await transport.send(step)
                large = is_large(response)
                runner.answer(response)
            elif isinstance(step, Sleep):
                await asyncio.sleep(step.seconds)
            elif isinstance(step, ChildRun):
                runner.answer(await run_child_async(step))
            elif isinstance(step, Blocking):
                await asyncio.get_running_loop().run_in_executor(None, step.call)
            elif isinstance(step, Compute):
                large = is_large(step.response)  # so is what it made
                value = await workers.compute(step) if workers else step.function(step.response)
                runner.answer(Computed(value))
            elif lock is None:
                await drive_async(step.body, transport, None, workers)
            else:
                async with lock:
                    await drive_async(step.body, transport, None, workers)
        except ModelArtsError as exc:
            runner.fail(exc)
    return runner.result


class _Client:
    """What both drivers hold: the config and the shared state of the operations."""

    def __init__(self, config: ClientConfig | None, env: Mapping[str, str] | None) -> None:
        self._ops = Operations(config or ClientConfig.from_env(), env)

    @property
    def config(self) -> ClientConfig:
        """The configuration in use."""
        return self._ops.config

    @property
    def env(self) -> Mapping[str, str]:
        """The environment the credential chain reads."""
        return self._ops.env


class ModelArtsClient(_Client):
    """Blocking client (requests); safe to share between threads."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        env: Mapping[str, str] | None = None,
        transport: Transport | None = None,
    ) -> None:
        super().__init__(config, env)
        if transport is None:
            from .transport_sync import RequestsTransport

            transport = RequestsTransport(TransportSettings.from_config(self.config))
        self._transport = transport
        self._lock = threading.Lock()

    def run(self, exchange: Exchange[T]) -> T:
        """Perform any exchange of this package (e.g. a diagnosis) with this client."""
        return drive(exchange, self._transport, self._lock)

    def session_info(self) -> SessionInfo:
        """Resolve the credential chain (and log in if needed); raises NoCredentialsError."""
        return self.run(self._ops.session_info())

    def list_versions(self, job_id: object) -> VersionList:
        """Every version of ``job_id``, following every page, newest first."""
        return self.run(self._ops.list_versions(job_id))

    def get_version(self, job_id: object, version_id: object) -> JobVersion:
        """One version's details."""
        return self.run(self._ops.get_version(job_id, version_id))

    def list_jobs(self, query: JobQuery | None = None) -> JobList:
        """One page of training jobs, filtered and sorted as ``query`` asks (default: page 1)."""
        return self.run(self._ops.list_jobs(query or JobQuery()))

    def list_log_files(self, job_id: object, version_id: object) -> LogFiles:
        """The names of a version's log files (one per node)."""
        return self.run(self._ops.list_log_files(job_id, version_id))

    def read_log(self, job_id: object, version_id: object, query: LogQuery) -> LogChunk:
        """Lines of one log file, as ``query`` asks."""
        return self.run(self._ops.read_log(job_id, version_id, query))

    def stop_version(self, job_id: object, version_id: object) -> JsonObject:
        """POST stop once (never retried once sent); raises on refusal. Returns the body."""
        return self.run(self._ops.stop_version(job_id, version_id))

    # -- new-version (v2) training jobs ------------------------------------------

    def list_training_jobs(self, search: TrainingJobSearch | None = None) -> TrainingJobList:
        """A window of v2 jobs, newest first (default: the first 50)."""
        return self.run(self._ops.list_training_jobs(search or TrainingJobSearch()))

    def get_training_job(self, job_id: object) -> TrainingJob:
        """One v2 job."""
        return self.run(self._ops.get_training_job(job_id))

    def terminate_training_job(self, job_id: object) -> TrainingJob:
        """POST terminate once (never retried once sent); raises on refusal."""
        return self.run(self._ops.terminate_training_job(job_id))

    def training_job_log_preview(self, job_id: object, task_id: str = "worker-0") -> LogPreview:
        """The tail of one task's log."""
        return self.run(self._ops.training_job_log_preview(job_id, task_id))

    def close(self) -> None:
        """Release pooled connections."""
        self._transport.close()

    def __enter__(self) -> ModelArtsClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class AsyncModelArtsClient(_Client):
    """Non-blocking client (tornado) with the same methods as :class:`ModelArtsClient`."""

    def __init__(
        self,
        config: ClientConfig | None = None,
        *,
        env: Mapping[str, str] | None = None,
        transport: AsyncTransport | None = None,
        worker_processes: int = DEFAULT_WORKER_PROCESSES,
    ) -> None:
        super().__init__(config, env)
        if transport is None:
            # Imported here so the blocking client (notebook code) never imports tornado.
            from .transport_async import TornadoTransport

            transport = TornadoTransport(TransportSettings.from_config(self.config))
        self._transport = transport
        self._lock: asyncio.Lock | None = None
        self._workers = Workers(worker_processes)

    async def run(self, exchange: Exchange[T]) -> T:
        """Perform any exchange of this package (e.g. a diagnosis) with this client."""
        # The lock is created on first use so the client can be built outside a running loop.
        if self._lock is None:
            self._lock = asyncio.Lock()
        return await drive_async(exchange, self._transport, self._lock, self._workers)

    async def session_info(self) -> SessionInfo:
        """Resolve the credential chain (and log in if needed); raises NoCredentialsError."""
        return await self.run(self._ops.session_info())

    async def list_versions(self, job_id: object) -> VersionList:
        """Every version of ``job_id``, following every page, newest first."""
        return await self.run(self._ops.list_versions(job_id))

    async def list_versions_into(self, job_id: object, sink: VersionSink[Any, T]) -> T:
        """Every version of ``job_id``, page by page into ``sink``; what ``sink`` makes of them."""
        return await self.run(self._ops.list_versions_into(job_id, sink))

    async def get_version(self, job_id: object, version_id: object) -> JobVersion:
        """One version's details."""
        return await self.run(self._ops.get_version(job_id, version_id))

    async def list_jobs(self, query: JobQuery | None = None) -> JobList:
        """One page of training jobs, filtered and sorted as ``query`` asks (default: page 1)."""
        return await self.run(self._ops.list_jobs(query or JobQuery()))

    async def list_log_files(self, job_id: object, version_id: object) -> LogFiles:
        """The names of a version's log files (one per node)."""
        return await self.run(self._ops.list_log_files(job_id, version_id))

    async def read_log(self, job_id: object, version_id: object, query: LogQuery) -> LogChunk:
        """Lines of one log file, as ``query`` asks."""
        return await self.run(self._ops.read_log(job_id, version_id, query))

    async def stop_version(self, job_id: object, version_id: object) -> JsonObject:
        """POST stop once (never retried once sent); raises on refusal. Returns the body."""
        return await self.run(self._ops.stop_version(job_id, version_id))

    # -- new-version (v2) training jobs ------------------------------------------

    async def list_training_jobs(self, search: TrainingJobSearch | None = None) -> TrainingJobList:
        """A window of v2 jobs, newest first (default: the first 50)."""
        return await self.run(self._ops.list_training_jobs(search or TrainingJobSearch()))

    async def get_training_job(self, job_id: object) -> TrainingJob:
        """One v2 job."""
        return await self.run(self._ops.get_training_job(job_id))

    async def terminate_training_job(self, job_id: object) -> TrainingJob:
        """POST terminate once (never retried once sent); raises on refusal."""
        return await self.run(self._ops.terminate_training_job(job_id))

    async def training_job_log_preview(
        self, job_id: object, task_id: str = "worker-0"
    ) -> LogPreview:
        """The tail of one task's log."""
        return await self.run(self._ops.training_job_log_preview(job_id, task_id))

    def close(self) -> None:
        """Release the private HTTP client, the parse thread and the worker processes."""
        self._transport.close()
        self._workers.close()

    async def aclose(self) -> None:
        """``close``, and wait for the worker processes to end (on the loop that ran them)."""
        self._transport.close()
        await self._workers.aclose()
