"""A worker process of the non-blocking client: reads large answers outside the server.

Started by :mod:`.workers` (``python -c`` of :func:`main`). It
reads calls from stdin and writes one answer per call to stdout, each a frame
(an 8-byte big-endian length, then that many bytes):

* a call is two frames: a pickled ``(function, response)`` with the response's
  body left out, then the raw body (so the largest part is never pickled);
* an answer is a pickled ``(True, value, parts)`` or ``(False, error, 0)``; a
  :class:`~.api_v1.VersionPage` value comes without its items, which follow in
  ``parts`` frames of ``PART_ITEMS`` each. Small frames keep every copy and every
  unpickling in the server's process short (each one holds its GIL).

It first writes an empty frame (it is ready: its modules import), holds no
credential (its environment is stripped) and ends when stdin closes.
"""

from __future__ import annotations

import os
import pickle
import struct
import sys
from dataclasses import replace
from typing import BinaryIO

from .api_v1 import VersionPage

#: The length prefix of a frame.
HEADER = struct.Struct(">Q")
#: Versions per frame of a page's items.
PART_ITEMS = 256


def read_frame(stream: BinaryIO) -> bytes | None:
    """The next frame's bytes, or None at the end of the stream."""
    head = stream.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    payload = stream.read(size)
    return payload if len(payload) == size else None


def write_frame(stream: BinaryIO, payload: bytes) -> None:
    """Write one frame and flush it."""
    stream.write(HEADER.pack(len(payload)))
    stream.write(payload)
    stream.flush()


def answer(call: bytes, body: bytes) -> list[bytes]:
    """The frames answering one call: the function's value, or the exception it raised."""
    # From the parent over a private pipe (never from the network): its own call.
    function, response = pickle.loads(call)  # noqa: S301
    try:
        value = function(replace(response, body=body))
    except Exception as exc:  # handed back to the caller, which raises it
        return [_pickled((False, exc, 0))]
    if not isinstance(value, VersionPage):
        return [_pickled((True, value, 0))]
    items = value.items
    parts = [items[at : at + PART_ITEMS] for at in range(0, len(items), PART_ITEMS)]
    return [_pickled((True, replace(value, items=[]), len(parts))), *map(_pickled, parts)]


def _pickled(value: object) -> bytes:
    try:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an error (or value) that does not pickle: say what it was
        failed = value[1] if isinstance(value, tuple) else value
        return pickle.dumps((False, RuntimeError(type(failed).__name__), 0))


def serve(calls: BinaryIO, answers: BinaryIO) -> None:
    """Say it is ready (an empty frame), then answer calls until the caller closes ``calls``."""
    write_frame(answers, b"")
    while (call := read_frame(calls)) is not None and (body := read_frame(calls)) is not None:
        for frame in answer(call, body):
            write_frame(answers, frame)


def main() -> None:
    """Serve on stdin/stdout; anything else written to stdout goes to stderr instead, so
    a stray print cannot corrupt a frame."""
    answers = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    serve(sys.stdin.buffer, answers)
