"""Where the non-blocking client reads large answers: never on the event loop, and where
it can, not even in the server's process.

A thread is not enough for a large answer. Decoding, checking and encoding 40 MB
holds the GIL for seconds in all, and while a thread holds it the event loop waits
for it at every system call (each socket read and write of every request: the
loop slows to one step per switch interval). The millions of objects it makes
also wake the garbage collector, which walks the heap under the loop's feet. So:

* a :class:`~.exchange.Compute` step on a large answer whose value is cheap to send
  back (``portable``: bytes) runs in a worker process (:mod:`.worker`), one call at
  a time per worker, ``processes`` workers started as needed and kept;
* any other work after a large answer runs on one parse thread, so however many
  large answers arrive at once, one thread competes with the loop for the GIL.

A worker that dies mid-call (killed, out of memory) is replaced by the parse
thread for that call and by a new worker for the next; one that cannot start (or
never says it is ready) means workers cannot run here, and the parse thread reads
from then on.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any, Callable

from .exchange import Compute
from .http import Response, logger
from .worker import HEADER

#: An answer larger than this is read (decoded, checked, modelled) off the event loop.
OFF_LOOP_BYTES = 256 * 1024


def is_large(response: Response) -> bool:
    """Whether reading ``response`` (and what follows from it) belongs off the event loop."""
    return len(response.body) > OFF_LOOP_BYTES


#: What a worker runs. Not ``-m``: this package imports the module too, and running an
#: imported module as ``__main__`` would load it twice.
WORKER_ENTRY = "from jupyterlab_modelarts.client.worker import main; main()"
#: Seconds a new worker has to say it is ready.
WORKER_START_TIMEOUT = 30.0
#: Bytes written to a worker's pipe at a time.
PIPE_PIECE_BYTES = 256 * 1024

#: Environment variables a worker keeps: it needs Python and its modules, nothing of
#: the server's (no credential or token can be read from its environment).
_KEPT_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "SYSTEMROOT", "TMPDIR")


class WorkerLost(Exception):
    """A worker process did not start or did not answer."""


class WorkerProcess:
    """One worker child (``WORKER_ENTRY``), one call at a time."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self._process = process

    @classmethod
    async def start(cls) -> WorkerProcess:
        """Start a worker with this Python and this process's module path."""
        env = {name: os.environ[name] for name in _KEPT_ENV if name in os.environ}
        env["PYTHONPATH"] = os.pathsep.join(path for path in sys.path if path)
        try:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-c",
                WORKER_ENTRY,
                stdin=asyncio.subprocess.PIPE,
                stdout=asyncio.subprocess.PIPE,
                stderr=asyncio.subprocess.DEVNULL,
                env=env,
                limit=4 * PIPE_PIECE_BYTES,  # what the answer's pipe buffers before pausing
            )
        except (OSError, ValueError) as exc:
            raise WorkerLost(type(exc).__name__) from None
        worker = cls(process)
        try:
            assert process.stdout is not None  # a pipe (above)
            # The worker says it is ready once its modules are imported.
            await asyncio.wait_for(_read_frame(process.stdout), WORKER_START_TIMEOUT)
        except (OSError, asyncio.IncompleteReadError, asyncio.TimeoutError) as exc:
            worker.stop()
            raise WorkerLost(type(exc).__name__) from None
        return worker

    async def call(self, function: Callable[[Response], object], response: Response) -> object:
        """``function(response)`` in the worker: its value, or the exception it raised."""
        stdin, stdout = self._process.stdin, self._process.stdout
        assert stdin is not None and stdout is not None  # both are pipes (start)
        call = pickle.dumps((function, replace(response, body=b"")), pickle.HIGHEST_PROTOCOL)
        try:
            await _write_frame(stdin, call)
            await _write_frame(stdin, response.body)
            ok, value, parts = _unpickled(await _read_frame(stdout))
            for _ in range(parts):
                value.items.extend(_unpickled(await _read_frame(stdout)))
                await asyncio.sleep(0)  # the loop's other work between parts
        except (OSError, asyncio.IncompleteReadError) as exc:
            raise WorkerLost(type(exc).__name__) from None
        if not ok:
            raise value
        return value

    def stop(self) -> None:
        """End the worker (it holds nothing worth waiting for)."""
        if self._process.returncode is None:
            try:
                self._process.kill()
            except ProcessLookupError:  # already gone
                pass

    async def wait(self) -> None:
        """Wait until the worker has ended and its pipes are closed."""
        await self._process.wait()


async def _write_frame(stream: asyncio.StreamWriter, payload: bytes) -> None:
    """One frame, in pieces: the pipe's buffer never takes a copy of a large body."""
    stream.write(HEADER.pack(len(payload)))
    view = memoryview(payload)
    for start in range(0, len(payload), PIPE_PIECE_BYTES):
        stream.write(view[start : start + PIPE_PIECE_BYTES])
        await stream.drain()
    await stream.drain()


async def _read_frame(stream: asyncio.StreamReader) -> bytes:
    (size,) = HEADER.unpack(await stream.readexactly(HEADER.size))
    return await stream.readexactly(size)


def _unpickled(frame: bytes) -> Any:
    # From our own child over a private pipe: values made by this package's code.
    return pickle.loads(frame)  # noqa: S301


class Workers:
    """The parse thread and the worker processes of one non-blocking client."""

    def __init__(self, processes: int) -> None:
        #: Runs the work after a large answer that stays in this process.
        self.parser = ThreadPoolExecutor(1, thread_name_prefix="modelarts-parse")
        self._processes = processes
        self._idle: list[WorkerProcess] = []
        self._busy: set[WorkerProcess] = set()
        self._slots: asyncio.Semaphore | None = None

    async def compute(self, step: Compute) -> object:
        """The value of ``step``: in place when its answer is small, else off the loop."""
        if not is_large(step.response):
            return step.function(step.response)
        if step.portable and self._processes > 0:
            try:
                return await self._in_worker(step.function, step.response)
            except WorkerLost as exc:
                logger.warning("a worker process was lost (%s); reading in a thread", exc)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.parser, step.function, step.response)

    async def _in_worker(self, function: Callable[[Response], Any], response: Response) -> Any:
        if self._slots is None:  # made on the running loop, on first use
            self._slots = asyncio.Semaphore(self._processes)
        async with self._slots:
            worker = self._idle.pop() if self._idle else await self._start()
            self._busy.add(worker)
            try:
                value = await worker.call(function, response)
            except WorkerLost:
                self._drop(worker)
                raise
            except Exception:  # the function's own error: the worker serves on
                self._release(worker)
                raise
            except BaseException:  # cancelled mid-frame: its pipes are out of step
                self._drop(worker)
                raise
            self._release(worker)
            return value

    async def _start(self) -> WorkerProcess:
        try:
            return await WorkerProcess.start()
        except WorkerLost:
            self._processes = 0  # workers cannot run here (no Python, no module): stop trying
            raise

    def _release(self, worker: WorkerProcess) -> None:
        self._busy.discard(worker)
        self._idle.append(worker)

    def _drop(self, worker: WorkerProcess) -> None:
        self._busy.discard(worker)
        worker.stop()

    def close(self) -> list[WorkerProcess]:
        """Stop the workers and the parse thread; the workers stopped (see ``aclose``)."""
        workers = [*self._idle, *self._busy]
        for worker in workers:
            worker.stop()
        self._idle.clear()
        self._busy.clear()
        self.parser.shutdown(wait=False)
        return workers

    async def aclose(self) -> None:
        """``close``, then wait for the workers to end, so no pipe outlives the loop."""
        for worker in self.close():
            await worker.wait()
