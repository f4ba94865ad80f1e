"""The sans-IO vocabulary: the steps an exchange yields and the type of an exchange.

An *exchange* is a generator that describes one piece of work without doing
any I/O. It yields steps and a driver (``client.py``) performs them:

* :class:`~.http.Request` — send it; the driver sends back the :class:`Response`,
  or throws the transport's :class:`~.errors.ModelArtsError` into the exchange;
* :class:`Sleep` — wait that long (``time.sleep`` or ``await asyncio.sleep``);
* :class:`Exclusive` — run the inner exchange while holding the client's lock,
  so concurrent callers share one credential resolution or renewal;
* :class:`~.child.ChildRun` — run a child process (``subprocess`` or an
  asyncio subprocess); the driver sends back its :class:`~.child.ChildResult`;
* :class:`Blocking` — call a blocking function (the in-process legacy SDK):
  directly in the blocking driver, on a worker thread in the non-blocking one;
* :class:`Compute` — read a response with a pure function: in place in the
  blocking driver; in the non-blocking one, a large answer is read in a worker
  process (:mod:`.workers`); the driver sends back its value as :class:`Computed`.

The exchange's return value is the driver's result; :class:`Runner` keeps the
bookkeeping of stepping through one, so a driver only says how to perform each
step. Written once, an exchange runs the same under the blocking and the
non-blocking client.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass
from typing import Generic, Optional, TypeVar, Union, cast

from .child import ChildResult, ChildRun
from .errors import ModelArtsError
from .http import Request, Response

T = TypeVar("T")


@dataclass(frozen=True)
class Sleep:
    """Wait ``seconds`` before the next step (a retry's backoff or Retry-After)."""

    seconds: float


@dataclass(frozen=True)
class Exclusive:
    """Run ``body`` under the client's lock; its effects land on shared state.

    The lock is the driver's concern (a threading lock or an asyncio lock). A
    body never yields another :class:`Exclusive`.
    """

    body: Exchange[None]


@dataclass(frozen=True)
class Blocking:
    """Call ``call`` where blocking is harmless (a worker thread under an event loop).

    ``call`` must not raise: :func:`off_loop` wraps a function so it keeps its
    outcome, value or exception, for the exchange.
    """

    call: Callable[[], None]


@dataclass(frozen=True)
class Compute:
    """Read ``response`` with ``function``: pure CPU work on data, nothing else touched.

    ``function`` and the response must pickle (a module-level function, or a
    ``functools.partial`` of one), so a worker process can run it; ``portable``
    says its value is cheap to send back from one (bytes, not a tree of
    objects), else it stays in this process.
    """

    function: Callable[[Response], object]
    response: Response
    portable: bool


@dataclass(frozen=True)
class Computed:
    """What the driver sends back after a :class:`Compute`: the function's value."""

    value: object


#: What an exchange may yield.
Step = Union[Request, Sleep, Exclusive, ChildRun, Blocking, Compute]
#: What the driver sends back: the response to a Request, the result of a ChildRun,
#: the value of a Compute, None after the other steps.
Reply = Optional[Union[Response, ChildResult, Computed]]
#: A sans-IO piece of work whose result is ``T``.
Exchange = Generator[Step, Reply, T]


def send(request: Request) -> Exchange[Response]:
    """Yield ``request`` and return its response (``yield from send(request)``)."""
    reply = yield request
    if not isinstance(reply, Response):
        raise TypeError("the driver answered a request without a response")
    return reply


def run_child(step: ChildRun) -> Exchange[ChildResult]:
    """Yield ``step`` and return what the child left."""
    reply = yield step
    if not isinstance(reply, ChildResult):
        raise TypeError("the driver answered a child run without its result")
    return reply


def off_loop(call: Callable[[], T]) -> Exchange[T]:
    """Run ``call`` as a :class:`Blocking` step; return its value or raise its exception."""
    outcome: list[T] = []
    failure: list[Exception] = []

    def keep() -> None:
        try:
            outcome.append(call())
        except Exception as exc:  # handed back to the exchange below
            failure.append(exc)

    yield Blocking(keep)
    if failure:
        raise failure[0]
    return outcome[0]


def compute(
    function: Callable[[Response], T], response: Response, *, portable: bool
) -> Exchange[T]:
    """Yield a :class:`Compute` of ``function(response)`` and return its value (or raise
    the ModelArtsError it raised)."""
    reply = yield Compute(function, response, portable)
    if not isinstance(reply, Computed):
        raise TypeError("the driver answered a compute step without its value")
    return cast(T, reply.value)


def pause(seconds: float) -> Exchange[None]:
    """Yield a :class:`Sleep` of ``seconds``."""
    yield Sleep(seconds)


def exclusive(body: Exchange[None]) -> Exchange[None]:
    """Yield ``body`` as an :class:`Exclusive` step."""
    yield Exclusive(body)


class Runner(Generic[T]):
    """Steps through an exchange on behalf of a driver.

    The driver asks :meth:`next_step`, performs the step, then reports back with
    :meth:`answer` (a response, or None) or :meth:`fail` (the transport's error,
    thrown into the exchange). When :meth:`next_step` returns None the exchange
    has finished and :attr:`result` holds its value; an error it does not handle
    propagates out of :meth:`next_step`.
    """

    result: T

    def __init__(self, exchange: Exchange[T]) -> None:
        self._exchange = exchange
        self._reply: Reply = None
        self._failure: ModelArtsError | None = None

    def next_step(self) -> Step | None:
        """The next step to perform, or None once the exchange has returned."""
        reply, failure = self._reply, self._failure
        self._reply = self._failure = None
        try:
            if failure is not None:
                return self._exchange.throw(failure)
            return self._exchange.send(reply)
        except StopIteration as done:
            self.result = done.value
            return None

    def answer(self, reply: Reply) -> None:
        """The outcome of the last step: its response or child result (else None)."""
        self._reply = reply

    def fail(self, error: ModelArtsError) -> None:
        """The last step failed with ``error``; it is raised inside the exchange."""
        self._failure = error
