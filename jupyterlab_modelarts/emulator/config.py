"""EmulatorConfig: the emulator's credentials, timings and start-up faults.

The defaults are well-known demo values (safe to print and to commit): a
client configured with them talks to the emulator out of the box.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

from ..client.config import ClientConfig

#: Seconds a version spends in each preparation status before the next one
#: (1 INIT -> 2 IMAGE_CREATING -> 4 SUBMIT_TRYING -> 7 WAITING -> 8 RUNNING).
DEFAULT_PHASE_SECONDS: dict[int, float] = {1: 2.0, 2: 2.0, 4: 2.0, 7: 2.0}


@dataclass
class EmulatorConfig:
    """Everything the emulator needs; every field has a usable default.

    Times are seconds. ``data_file`` (JSON, see ``store.py``) replaces the
    built-in demo data set. ``faults`` are installed at start-up and again on
    every admin reset (same shape as the admin API's fault objects).
    """

    # Account and project (APIG / IAM identity)
    project_id: str = "0123456789abcdef0123456789abcdef"
    region: str = "emulator-1"
    access_key: str = "EMULATORACCESSKEY0001"
    secret_key: str = "EmulatorSecretKey0001EmulatorSecretKey01"  # noqa: S105 (demo)
    username: str = "demo"
    password: str = "demo-password"  # noqa: S105 (demo)
    domain: str = "demo-account"
    domain_id: str = "d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0d0"
    user_id: str = "e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0e0"

    # Auth timings
    token_lifetime: float = 24 * 3600.0
    temp_credential_lifetime: float = 3600.0
    max_clock_skew: float = 15 * 60.0

    # Lifecycle
    clock_speed: float = 1.0
    phase_seconds: dict[int, float] = field(default_factory=lambda: dict(DEFAULT_PHASE_SECONDS))
    kill_delay: float = 1.0
    stoppable_statuses: frozenset[int] = frozenset({8})

    # HTTP status codes for business errors (undocumented upstream; see README)
    not_found_status: int = 400  # the documented status of ModelArts.0102 (§16.5)
    not_stoppable_status: int = 400
    bad_request_status: int = 400

    # New-version (v2) training jobs and "a cloud that serves only v2"
    #: False: every v1 route answers 404 APIGW.0101, as a removed API does.
    serve_v1: bool = True
    #: How the search reads ``offset``: "page" (a page index) or "row" (sources disagree).
    v2_offset_mode: str = "page"
    #: Jobs per search page when the body names no ``limit`` (undocumented upstream).
    v2_default_limit: int = 10
    #: The answer to a log preview before any log exists: 204 (as the error table says,
    #: with no body) or a 4xx carrying ModelArts.2776.
    v2_log_not_ready_status: int = 204

    # Data and faults
    data_file: Optional[str] = None
    faults: list[dict[str, Any]] = field(default_factory=list)
    request_log_limit: int = 10000

    def __post_init__(self) -> None:
        # JSON / CLI friendliness: accept lists and string keys.
        self.stoppable_statuses = frozenset(int(s) for s in self.stoppable_statuses)
        self.phase_seconds = {int(k): float(v) for k, v in self.phase_seconds.items()}
        if self.v2_offset_mode not in ("page", "row"):
            raise ValueError("v2_offset_mode must be page or row")

    @property
    def project_name(self) -> str:
        """IAM project names are region names on Huawei Cloud."""
        return self.region

    def client_config(self, url: str, **options: Any) -> ClientConfig:
        """A ``ClientConfig`` for the emulator at ``url``: every endpoint, its demo AK/SK.

        ``options`` sets other ``ClientConfig`` fields (timeouts, retries).
        """
        return ClientConfig(
            endpoint=url,
            iam_endpoint=url,
            metadata_endpoint=url,
            region=self.region,
            project_id=self.project_id,
            access_key=self.access_key,
            secret_key=self.secret_key,
            credential_sources=("config",),
            **options,
        )

    def public(self) -> dict[str, Any]:
        """A JSON-safe view (for the admin API and the start-up banner)."""
        out = asdict(self)
        out["stoppable_statuses"] = sorted(self.stoppable_statuses)
        out["project_name"] = self.project_name
        return out
