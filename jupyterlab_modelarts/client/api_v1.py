"""Sans-IO ModelArts v1: builds requests and parses responses, once for both clients.

Nothing here opens a socket or signs; :mod:`.operations` adds authentication,
retries and paging, and a driver hands the :class:`~.http.Request` values to a
transport. Ids go through :func:`~.ids.parse_id`, the job list through a
:class:`~.query.JobQuery`, so nothing unchecked reaches a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Generic, Protocol, TypeVar
from urllib.parse import quote

from .errors import BadRequestError
from .fields import as_int
from .http import Request, Response
from .ids import parse_id
from .models import JobList, JobVersion, VersionList
from .query import MAX_PER_PAGE, MIN_PER_PAGE, JobQuery
from .responses import JsonObject, parse_success, require_shape

P = TypeVar("P")
R = TypeVar("R")
R_co = TypeVar("R_co", covariant=True)

#: Integer fields of a version (an item of list-versions, or version details).
_VERSION_INTEGERS = ("version_id", "job_id", "status", "create_time", "duration")
#: Integer fields of a list-versions page.
_LIST_INTEGERS = ("version_count", "job_id")
#: Integer fields of a job-list row.
_JOB_INTEGERS = ("job_id", "version_id", "status", "create_time", "version_count")


def _project_path(project_id: str) -> str:
    if not project_id:
        raise BadRequestError(
            "no project id: set project_id or MODELARTS_PROJECT_ID", error_code="ModelArts.0101"
        )
    return "/v1/" + quote(project_id, safe="")


def _version_path(project_id: str, job_id: object, version_id: object) -> str:
    return (
        f"{_project_path(project_id)}/training-jobs/{parse_id('job_id', job_id)}"
        f"/versions/{parse_id('version_id', version_id)}"
    )


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def list_versions_request(
    base_url: str, project_id: str, job_id: object, *, page: int, per_page: int
) -> Request:
    """``GET /v1/{project_id}/training-jobs/{job_id}/versions?per_page=&page=``."""
    if not MIN_PER_PAGE <= per_page <= MAX_PER_PAGE:
        raise BadRequestError(
            f"per_page must be within [{MIN_PER_PAGE}, {MAX_PER_PAGE}]",
            error_code="ModelArts.0104",
        )
    path = f"{_project_path(project_id)}/training-jobs/{parse_id('job_id', job_id)}/versions"
    query = [("per_page", str(per_page)), ("page", str(page))]
    return Request("GET", _base(base_url), path, query, retryable=True)


def get_version_request(
    base_url: str, project_id: str, job_id: object, version_id: object
) -> Request:
    """``GET /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}``."""
    path = _version_path(project_id, job_id, version_id)
    return Request("GET", _base(base_url), path, retryable=True)


def list_jobs_request(base_url: str, project_id: str, query: JobQuery) -> Request:
    """``GET /v1/{project_id}/training-jobs`` with the documented filters (already validated)."""
    pairs: list[tuple[str, str]] = [("per_page", str(query.per_page)), ("page", str(query.page))]
    if query.search_content:
        pairs.append(("search_content", query.search_content))
    if query.status is not None:
        pairs.append(("status", str(query.status)))
    if query.sort_by:
        pairs.append(("sortBy", query.sort_by))
    if query.order:
        pairs.append(("order", query.order))
    path = f"{_project_path(project_id)}/training-jobs"
    return Request("GET", _base(base_url), path, pairs, retryable=True)


def stop_version_request(
    base_url: str, project_id: str, job_id: object, version_id: object
) -> Request:
    """``POST .../versions/{version_id}/stop`` with no body; never retried once sent."""
    path = _version_path(project_id, job_id, version_id) + "/stop"
    return Request("POST", _base(base_url), path, retryable=False)


def parse_version(response: Response) -> JobVersion:
    """Version details (UpstreamError "unexpected answer" if not the documented shape)."""
    body = parse_success(response, "version details")
    require_shape(body, response, "version details", integers=_VERSION_INTEGERS)
    return JobVersion.from_dict(body)


def parse_job_list(response: Response) -> JobList:
    """One page of the job list (UpstreamError "unexpected answer" if not the documented shape)."""
    body = parse_success(response, "the job list")
    require_shape(
        body,
        response,
        "the job list",
        lists=("jobs",),
        integers=("job_total_count", "job_count_limit", "quotas"),
    )
    for job in body["jobs"]:
        require_shape(job, response, "a job of the job list", integers=_JOB_INTEGERS)
    return JobList.from_dict(body)


def parse_stop(response: Response) -> JsonObject:
    """The stop answer (``{"is_success": true}``); raises on refusal."""
    return parse_success(response, "stop")


@dataclass
class VersionPage(Generic[P]):
    """One page of list-versions, read: its job fields, and per version its id and what the
    sink makes of it (a model, or the bytes of its row)."""

    head: JsonObject
    ids: list[object]
    items: list[P]


def read_version_page(make: Callable[[JsonObject], P], response: Response) -> VersionPage[P]:
    """One page's response, checked (the typed error otherwise), each version through ``make``."""
    what = "the version list"
    body = parse_success(response, what)
    require_shape(body, response, what, lists=("versions",), integers=_LIST_INTEGERS)
    items: list[JsonObject] = body.pop("versions")
    for item in items:
        require_shape(item, response, f"a version of {what}", integers=_VERSION_INTEGERS)
    return VersionPage(body, [item.get("version_id") for item in items], [make(i) for i in items])


class VersionSink(Protocol[P, R_co]):
    """Where a :class:`VersionPager` puts each page's versions (each read once)."""

    @property
    def reader(self) -> Callable[[Response], VersionPage[P]]:
        """Reads one page's response; it must pickle (a worker process may run it)."""
        ...

    @property
    def portable(self) -> bool:
        """True when the reader's items are cheap to send back from a worker process."""
        ...

    def add(self, items: list[P]) -> None:
        """The new versions of one page, in the page's order."""

    def finish(self, head: JsonObject) -> R_co:
        """Every page is in: the result, under the job fields ``head`` (first page's)."""
        ...


class VersionCollector:
    """The default sink: every version as a model, newest first, in a :class:`VersionList`.

    Models stay in this process (``portable`` is False): sending a tree of
    objects back from a worker costs about what reading it does.
    """

    reader = staticmethod(partial(read_version_page, JobVersion.from_dict))
    portable = False

    def __init__(self) -> None:
        self._versions: list[JobVersion] = []

    def add(self, items: list[JobVersion]) -> None:
        """Keep the page's models (not copied, not rebuilt)."""
        self._versions.extend(items)

    def finish(self, head: JsonObject) -> VersionList:
        """The list under ``head``; the models are sorted, never rebuilt."""
        result = VersionList.from_dict(head)
        result.versions = sorted(self._versions, key=newest_first)
        return result


def newest_first(version: JobVersion) -> int:
    """The sort key of newest first: version ids are allocated in creation order
    (the emulator and third-party code agree)."""
    return -version.version_id


@dataclass
class VersionPager(Generic[P, R]):
    """Walks list-versions page by page and hands each page's versions to ``sink``.

    Stops when ``version_count`` versions are in, a page comes back short or
    empty, or a page adds nothing new (versions are de-duplicated by id, so a
    version created while paging cannot appear twice). Each version is read once,
    by the sink's reader, as its page arrives; the page's body is then let go.
    """

    base_url: str
    project_id: str
    job_id: object
    per_page: int = MAX_PER_PAGE
    max_pages: int = 10_000
    #: Where each page's versions go (default: every model, in a ``VersionList``).
    sink: VersionSink[P, R] = field(default_factory=lambda: VersionCollector())  # type: ignore[arg-type,return-value]
    _page: int = 0
    _done: bool = False
    _count: int = 0
    _head: JsonObject = field(default_factory=dict)
    _seen: set[object] = field(default_factory=set)

    def next_request(self) -> Request | None:
        """The next page's request, or None when every page is in."""
        if self._done or self._page >= self.max_pages:
            return None
        return list_versions_request(
            self.base_url, self.project_id, self.job_id, page=self._page + 1, per_page=self.per_page
        )

    def feed(self, response: Response) -> None:
        """Take one page's response, read here (raises the typed error on failure)."""
        self.take(self.sink.reader(response))

    def take(self, page: VersionPage[P]) -> None:
        """Take one page, read by the sink's reader (here or in a worker process)."""
        self._page += 1
        if not self._head:
            self._head = page.head
        else:
            self._head["version_count"] = page.head.get(
                "version_count", self._head.get("version_count")
            )
        added: list[P] = []
        for key, item in zip(page.ids, page.items):
            if key is not None and key in self._seen:
                continue
            self._seen.add(key)
            added.append(item)
        self._count += len(added)
        self.sink.add(added)
        total = as_int(self._head.get("version_count")) or 0
        if len(page.ids) < self.per_page or not added or (total and self._count >= total):
            self._done = True

    def result(self) -> R:
        """What the sink made of every version seen, under the first page's job fields."""
        return self.sink.finish(dict(self._head))
