"""Which ModelArts APIs this cloud serves (v1 old-version, v2 new-version training jobs).

Learned from answers, never configured: a successful answer of an API's
routes says it is served; the gateway's 404 ``APIGW.0101`` ("the API does not
exist or has not been published") says it is not, as on a public region where
old-version training management was retired. Anything else (a timeout, an
auth failure) leaves what is known unchanged. ``GET …/session`` reports the
result as ``"apis": {"v1": true|false|null, "v2": ...}`` (null: not yet known).
"""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Literal, Optional, TypeVar

from .client.errors import ApiRetiredError, ModelArtsError, NotFoundError

T = TypeVar("T")
Api = Literal["v1", "v2"]
#: The gateway's code for a path no API is published on.
REMOVED_API_CODE = "APIGW.0101"


def is_removed_api(error: BaseException) -> bool:
    """True for the gateway's "no such API" answer (404 ``APIGW.0101``), which the
    client reports on v1 routes as ``ApiRetiredError`` (our own code)."""
    if isinstance(error, ApiRetiredError):
        return True
    return isinstance(error, NotFoundError) and error.error_code == REMOVED_API_CODE


class ApiAvailability:
    """What the answers so far say about each API."""

    def __init__(self) -> None:
        self._served: dict[Api, Optional[bool]] = {"v1": None, "v2": None}

    async def watch(self, api: Api, call: Awaitable[T]) -> T:
        """Await ``call`` (an upstream call of ``api``) and learn from its outcome."""
        try:
            result = await call
        except ModelArtsError as error:
            if is_removed_api(error):
                self._served[api] = False
            raise
        self._served[api] = True
        return result

    def view(self) -> dict[str, Optional[bool]]:
        """``{"v1": bool|None, "v2": bool|None}`` for the session answer."""
        return {api: served for api, served in self._served.items()}
