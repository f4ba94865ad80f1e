"""A version list serialised as its pages arrive: the sink the service pages into.

Why: a 10,000-version job is 10 upstream pages. Parsing them all, then building
every view, then encoding the whole at once held the parsed models, the views
and the bytes together (about 20 times the body). Here each page's versions are
encoded as the page arrives and only their bytes are kept; the page is let go.
At the end the bytes are ordered newest first and grouped into the chunks of an
``Answer`` (never joined into one copy).
"""

from __future__ import annotations

from functools import partial

from .answer import WRITE_PIECE_BYTES, Answer
from .client.api_v1 import newest_first, read_version_page
from .client.models import JobVersion, VersionList
from .contract import VERSION_ITEM_VIEWS, JsonObject, encode, version_list_head

#: A version as the list keeps it: its sort key and its encoded row.
Encoded = tuple[int, bytes]


def encoded_version(view: str, item: JsonObject) -> Encoded:
    """One version of a page, in ``view``: its sort key and its bytes."""
    version = JobVersion.from_dict(item)
    return newest_first(version), encode(VERSION_ITEM_VIEWS[view](version))


class EncodedVersionList:
    """A ``VersionSink`` whose result is the version list in ``view``, as an ``Answer``.

    Its reader makes bytes from a page, so the client may read a large page in a
    worker process (``portable``): the models and views are made and dropped there.
    """

    portable = True

    def __init__(self, view: str) -> None:
        if view not in VERSION_ITEM_VIEWS:
            raise KeyError(view)
        self.reader = partial(read_version_page, partial(encoded_version, view))
        self._encoded: list[Encoded] = []

    def add(self, items: list[Encoded]) -> None:
        """Keep the page's encoded versions (the page itself is let go)."""
        self._encoded.extend(items)

    def finish(self, head: JsonObject) -> Answer:
        """The whole list: the job fields, then every version newest first."""
        encoded = self._encoded
        self._encoded = []
        encoded.sort(key=lambda pair: pair[0])  # stable, as the models' own sort
        encoded.reverse()  # popped from the end, newest first; each is freed once grouped
        job = encode(version_list_head(VersionList.from_dict(head)))
        chunks = [job[:-1] + b',"versions":[']
        group: list[bytes] = []
        size = 0
        while encoded:
            body = encoded.pop()[1]
            if group and size + len(body) + 1 > WRITE_PIECE_BYTES:  # chunks are write pieces
                chunks.append(_joined(group, first=len(chunks) == 1))
                group, size = [], 0
            group.append(body)
            size += len(body) + 1
        if group:
            chunks.append(_joined(group, first=len(chunks) == 1))
        chunks.append(b"]}")
        return Answer(chunks)


def _joined(group: list[bytes], *, first: bool) -> bytes:
    """Versions of one chunk, comma-separated (and from the previous chunk)."""
    body = b",".join(group)
    return body if first else b"," + body
