"""Child processes as exchange steps: what to run, what came back, and the two ways to run it.

A :class:`ChildRun` is yielded by an exchange (the notebook probe) like a
request; the blocking driver runs it with :mod:`subprocess`, the non-blocking
one with an asyncio subprocess, so the event loop never waits on a child.
Neither runner raises: a child that cannot start or overruns its timeout is a
:class:`ChildResult` with ``failure`` set. A child's stderr is discarded.
"""

from __future__ import annotations

import asyncio
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ChildRun:
    """Run ``argv`` with ``env`` for at most ``timeout`` seconds; stdin empty, stderr dropped."""

    argv: tuple[str, ...]
    env: Mapping[str, str]
    timeout: float


@dataclass(frozen=True)
class ChildResult:
    """What a child left: its exit code and stdout, or why it did not run to the end."""

    returncode: int | None
    stdout: bytes = b""
    failure: str | None = None  # "not found", "timed out after 20 s", ...


def run_child_sync(step: ChildRun) -> ChildResult:
    """Run one child with blocking I/O."""
    try:
        done = subprocess.run(  # noqa: S603 - the interpreter is a configured or documented path
            step.argv,
            env=dict(step.env),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            timeout=step.timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return ChildResult(None, failure=_timed_out(step))
    except OSError as error:
        return ChildResult(None, failure=_start_failure(error))
    return ChildResult(done.returncode, done.stdout)


async def run_child_async(step: ChildRun) -> ChildResult:
    """Run one child without blocking the event loop; killed when it overruns."""
    try:
        proc = await asyncio.create_subprocess_exec(
            *step.argv,
            env=dict(step.env),
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.DEVNULL,
        )
    except OSError as error:
        return ChildResult(None, failure=_start_failure(error))
    try:
        stdout, _ = await asyncio.wait_for(proc.communicate(), step.timeout)
    except asyncio.TimeoutError:
        proc.kill()
        await proc.wait()
        return ChildResult(None, failure=_timed_out(step))
    return ChildResult(proc.returncode, stdout)


def _timed_out(step: ChildRun) -> str:
    return f"timed out after {step.timeout:g} s"


def _start_failure(error: OSError) -> str:
    return "not found" if isinstance(error, FileNotFoundError) else type(error).__name__
