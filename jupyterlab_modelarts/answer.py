"""A JSON answer serialised once: its bytes, a strong ETag, and its gzip form made once.

The service caches ``Answer`` values, so every reader of a cached answer is
served the same bytes: nothing is re-encoded, re-hashed or re-compressed per
request. The bytes are kept as chunks (a large list is built page by page and
never joined into one copy); ``routes.py`` writes them a piece at a time.
"""

from __future__ import annotations

import hashlib
import re
import threading
import zlib
from collections.abc import Iterable, Iterator

#: Answers larger than this are sent gzip-compressed to a client that accepts gzip.
GZIP_MIN_BYTES = 16 * 1024
#: zlib's level for the one compression of a cached answer (speed over the last percent).
GZIP_LEVEL = 6
#: The most written to the connection before the handler yields to the event loop.
WRITE_PIECE_BYTES = 64 * 1024

_ENTITY_TAG = re.compile(r'\*|(?:W/)?"[^"]*"')


class Answer:
    """One serialised answer: ``chunks`` (together, the JSON body), ``size``, ``etag``.

    The ETag is strong (a hash of the exact bytes); the gzip form has its own
    (``gzip_etag``), as a strong validator names one representation.
    """

    __slots__ = ("_gzip", "_lock", "chunks", "etag", "size")

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self.chunks: tuple[bytes, ...] = tuple(chunk for chunk in chunks if chunk)
        self.size = sum(len(chunk) for chunk in self.chunks)
        digest = hashlib.blake2b(digest_size=16)
        for chunk in self.chunks:
            digest.update(chunk)  # hashlib lets go of the GIL for large chunks
        self.etag = f'"{digest.hexdigest()}"'
        self._gzip: tuple[bytes, ...] | None = None
        self._lock = threading.Lock()

    @classmethod
    def of(cls, body: bytes) -> Answer:
        """An answer of one serialised body."""
        return cls((body,))

    def body(self) -> bytes:
        """The whole body in one piece (a copy: for small answers and in-process readers)."""
        return b"".join(self.chunks)

    @property
    def gzip_etag(self) -> str:
        """The strong ETag of the gzip form."""
        return self.etag[:-1] + '-gzip"'

    @property
    def gzip_ready(self) -> bool:
        """True once the gzip form exists (no compression left to do)."""
        return self._gzip is not None

    def gzipped(self) -> tuple[bytes, ...]:
        """The gzip form, compressed on the first call only; concurrent callers wait for it.

        Blocking (zlib releases the GIL while it works): call it off the event loop.
        """
        with self._lock:
            if self._gzip is None:
                packer = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, 31)  # 31: a gzip wrapper
                out = [packer.compress(chunk) for chunk in self.chunks]
                out.append(packer.flush())
                self._gzip = tuple(piece for piece in out if piece)
            return self._gzip

    def matches(self, if_none_match: str) -> bool:
        """True when ``If-None-Match`` names this answer (either form; weak comparison)."""
        tags = _ENTITY_TAG.findall(if_none_match)
        if "*" in tags:
            return True
        mine = {self.etag, self.gzip_etag}
        return any(tag.removeprefix("W/") in mine for tag in tags)


def accepts_gzip(accept_encoding: str) -> bool:
    """True when an ``Accept-Encoding`` header allows gzip (a ``q=0`` refuses it)."""
    for item in accept_encoding.lower().split(","):
        name, _, params = item.strip().partition(";")
        if name.strip() in ("gzip", "*"):
            quality = params.strip().removeprefix("q=").strip() if "q=" in params else "1"
            try:
                return float(quality) > 0
            except ValueError:
                return False
    return False


def pieces(chunks: Iterable[bytes], limit: int = WRITE_PIECE_BYTES) -> Iterator[bytes]:
    """``chunks`` as pieces of at most ``limit`` bytes: larger chunks are cut, small ones
    gathered; a chunk that is a piece on its own is passed on as it is (not copied)."""
    group: list[bytes] = []
    size = 0
    for chunk in chunks:
        parts = [chunk[at : at + limit] for at in range(0, len(chunk), limit)]
        for part in parts if len(chunk) > limit else [chunk]:
            if group and size + len(part) > limit:
                yield group[0] if len(group) == 1 else b"".join(group)
                group, size = [], 0
            group.append(part)
            size += len(part)
    if group:
        yield group[0] if len(group) == 1 else b"".join(group)
