"""Sans-IO ModelArts v1: builds requests and parses responses, once for both transports.

Nothing here opens a socket or signs; :mod:`client` adds authentication and
hands the :class:`~.http.Request` values to a transport.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from .errors import BadRequestError, ModelArtsError, UpstreamError, make_error
from .http import Request, Response, parse_retry_after
from .models import JobList, JobVersion, VersionList
from .query import JobQuery

_ID = re.compile(r"^[0-9]{1,20}$")
MAX_PER_PAGE = 1000


def _id(name: str, value: object) -> str:
    """Job and version ids are Longs; anything else never reaches a URL."""
    text = str(value).strip()
    if isinstance(value, bool) or not _ID.match(text):
        raise BadRequestError(
            f"{name} must be a number, got {value!r}", error_code="ModelArts.0104"
        )
    return text


def _project_path(project_id: str) -> str:
    if not project_id:
        raise BadRequestError(
            "no project id: set project_id or MODELARTS_PROJECT_ID", error_code="ModelArts.0101"
        )
    return "/v1/" + quote(project_id, safe="")


def _base(base_url: str) -> str:
    return base_url.rstrip("/")


def list_versions_request(
    base_url: str, project_id: str, job_id: object, *, page: int, per_page: int
) -> Request:
    """``GET /v1/{project_id}/training-jobs/{job_id}/versions?per_page=&page=``."""
    if not 1 <= per_page <= MAX_PER_PAGE:
        raise BadRequestError(
            f"per_page must be within [1, {MAX_PER_PAGE}]", error_code="ModelArts.0104"
        )
    path = f"{_project_path(project_id)}/training-jobs/{_id('job_id', job_id)}/versions"
    query = [("per_page", str(per_page)), ("page", str(page))]
    return Request("GET", _base(base_url), path, query, retryable=True)


def get_version_request(
    base_url: str, project_id: str, job_id: object, version_id: object
) -> Request:
    """``GET /v1/{project_id}/training-jobs/{job_id}/versions/{version_id}``."""
    path = (
        f"{_project_path(project_id)}/training-jobs/{_id('job_id', job_id)}"
        f"/versions/{_id('version_id', version_id)}"
    )
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
    path = (
        f"{_project_path(project_id)}/training-jobs/{_id('job_id', job_id)}"
        f"/versions/{_id('version_id', version_id)}/stop"
    )
    return Request("POST", _base(base_url), path, retryable=False)


def decode_json(response: Response, what: str) -> Any:
    """The JSON body, or UpstreamError saying plainly what was wrong with it."""
    request_id = response.header("x-request-id")
    if not response.body.strip():
        raise UpstreamError(
            f"ModelArts sent an empty body for {what} (HTTP {response.status})",
            http_status=response.status,
            request_id=request_id,
        )
    try:
        return json.loads(response.body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        ctype = response.header("content-type") or "no content type"
        raise UpstreamError(
            f"ModelArts sent a body that is not valid JSON for {what} "
            f"(HTTP {response.status}, {ctype}, {len(response.body)} bytes; truncated or not JSON)",
            http_status=response.status,
            request_id=request_id,
        ) from None


def error_from_response(
    response: Response, what: str, kind: type[ModelArtsError] | None = None
) -> ModelArtsError:
    """The typed error for a failed response (HTTP >= 400 or ``is_success: false``).

    ``kind`` forces the class (IAM login failures are all authentication errors).
    """
    body: Any = None
    if response.body.strip():
        try:
            body = json.loads(response.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            body = None
    body = body if isinstance(body, Mapping) else {}
    if isinstance(body.get("error"), Mapping):  # IAM's {"error": {"code", "message"}} shape
        body = {**body["error"], "request_id": body.get("request_id")}
    code = body.get("error_code") or body.get("errorCode") or body.get("code")
    if not isinstance(code, str):  # IAM repeats the HTTP status as a number: not an error code
        code = None
    message = (
        body.get("error_msg")
        or body.get("error_message")
        or body.get("errorMsg")
        or body.get("message")
    )
    if not message:
        message = f"ModelArts answered HTTP {response.status} to {what}"
    request_id = response.header("x-request-id") or body.get("request_id")
    return make_error(
        str(message),
        http_status=response.status,
        error_code=str(code) if code else None,
        request_id=str(request_id) if request_id else None,
        retry_after=parse_retry_after(response.header("retry-after")),
        kind=kind,
    )


def parse_success(response: Response, what: str) -> dict[str, Any]:
    """The body of a successful call; raises the typed error otherwise."""
    if response.status >= 400:
        raise error_from_response(response, what)
    body = decode_json(response, what)
    if not isinstance(body, dict):
        raise UpstreamError(
            f"ModelArts sent {type(body).__name__} instead of an object for {what}",
            http_status=response.status,
            request_id=response.header("x-request-id"),
        )
    if body.get("is_success") is False:
        raise error_from_response(response, what)
    return body


def parse_version(response: Response) -> JobVersion:
    """Version details."""
    return JobVersion.from_dict(parse_success(response, "version details"))


def parse_job_list(response: Response) -> JobList:
    """One page of the job list."""
    return JobList.from_dict(parse_success(response, "the job list"))


def parse_stop(response: Response) -> dict[str, Any]:
    """The stop answer (``{"is_success": true}``); raises on refusal."""
    return parse_success(response, "stop")


@dataclass
class VersionPager:
    """Walks list-versions page by page and merges the pages into one body.

    Stops when ``version_count`` versions are in, a page comes back short or
    empty, or a page adds nothing new (versions are de-duplicated by id, so a
    version created while paging cannot appear twice).
    """

    base_url: str
    project_id: str
    job_id: object
    per_page: int = MAX_PER_PAGE
    max_pages: int = 10_000
    _page: int = 0
    _done: bool = False
    _head: dict[str, Any] = field(default_factory=dict)
    _versions: list[dict[str, Any]] = field(default_factory=list)
    _seen: set[Any] = field(default_factory=set)

    def next_request(self) -> Request | None:
        """The next page's request, or None when every page is in."""
        if self._done or self._page >= self.max_pages:
            return None
        return list_versions_request(
            self.base_url, self.project_id, self.job_id, page=self._page + 1, per_page=self.per_page
        )

    def feed(self, response: Response) -> None:
        """Take one page's response (raises the typed error on failure)."""
        body = parse_success(response, "the version list")
        self._page += 1
        page_items = body.get("versions") if isinstance(body.get("versions"), list) else []
        if not self._head:
            self._head = {k: v for k, v in body.items() if k != "versions"}
        else:
            self._head["version_count"] = body.get("version_count", self._head.get("version_count"))
        added = 0
        for item in page_items:
            key = item.get("version_id") if isinstance(item, Mapping) else None
            if key is not None and key in self._seen:
                continue
            self._seen.add(key)
            self._versions.append(item)
            added += 1
        total = VersionList.from_dict(self._head).version_count
        if (
            len(page_items) < self.per_page
            or added == 0
            or (total and len(self._versions) >= total)
        ):
            self._done = True

    def result(self) -> VersionList:
        """Every version seen, newest first, under the first page's job fields."""
        merged = dict(self._head)
        merged["versions"] = sorted(self._versions, key=_newest_first)
        return VersionList.from_dict(merged)


def _newest_first(item: Any) -> int:
    # Version ids are allocated in creation order; the emulator and third-party code agree.
    return -JobVersion.from_dict(item).version_id if isinstance(item, Mapping) else 0
