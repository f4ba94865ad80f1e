"""The legacy ModelArts SDK surface (Session / Estimator / TrainingJob) on the sync client.

Documented notebook code runs with only the import changed::

    from jupyterlab_modelarts.sdk import Session, Estimator
    session = Session()
    status = Estimator(session, job_id="182626", version_id="278813").stop_job_version()
    versions = Estimator(session, job_id="182626").get_job_version_object_list()
    status = versions[0].stop_job_version()

Like the legacy SDK, the calls that return dicts report failures in the dict
(``is_success: False`` with ``error_code``/``error_msg``) instead of raising.
Ids and job-list parameters are checked by the routes' rule (``contract.py``)
before anything is sent.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .client import ClientConfig, ModelArtsClient, ModelArtsError, describe
from .client.models import JobVersion
from .contract import job_query, job_ref, version_ref


class Session:
    """Credentials and region for the Estimator calls.

    Forms, as documented for the legacy SDK:

    * ``Session()`` — implicit (notebook session, environment, metadata service...);
    * ``Session(access_key=, secret_key=, project_id=, region_name=[, security_token=])``;
    * ``Session(username=, password=, region_name=, project_id=)`` — account login;
    * ``Session(account=, username=, password=, region_name=, project_id=)`` — IAM user.

    Endpoints come from MODELARTS_ENDPOINT / MODELARTS_IAM_ENDPOINT when set.
    """

    def __init__(
        self,
        access_key: str | None = None,
        secret_key: str | None = None,
        project_id: str | None = None,
        region_name: str | None = None,
        security_token: str | None = None,
        username: str | None = None,
        password: str | None = None,
        account: str | None = None,
        *,
        config: ClientConfig | None = None,
        **_ignored: Any,
    ) -> None:
        if config is None:
            explicit: dict[str, Any] = {}
            if access_key or secret_key:
                # Given keys are what the caller means; nothing else may win over them.
                explicit["credential_sources"] = ("config",)
            elif username or password:
                explicit["credential_sources"] = ("IAM password",)
            config = ClientConfig.from_env(
                access_key=access_key,
                secret_key=secret_key,
                security_token=security_token,
                project_id=project_id,
                region=region_name,
                username=username,
                password=password,
                account=account,
                **explicit,
            )
        self.client = ModelArtsClient(config)

    @property
    def project_id(self) -> str | None:
        """The project the session works in (resolves the credential chain)."""
        return self.client.session_info().project_id

    @property
    def region_name(self) -> str | None:
        """The region the session works in (resolves the credential chain)."""
        return self.client.session_info().region

    @property
    def source(self) -> str:
        """Which credential source the session uses (a name, never a secret)."""
        return self.client.session_info().source

    def __repr__(self) -> str:
        return f"Session(config={self.client.config!r})"


def _failure(error: ModelArtsError) -> dict[str, Any]:
    return error.to_dict()


def _format_ms_time(value: int | None) -> str:
    if not value:
        return "-"
    try:
        return datetime.fromtimestamp(value / 1000).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):  # beyond what a calendar date can be
        return "-"


def _format_duration(value: int | None) -> str:
    if value is None:
        return "-"
    seconds = int(value) // 1000
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def version_table(versions: list[JobVersion]) -> str:
    """The ``is_show`` table: name, id, status, created, duration (one row per version)."""
    header = ("Version", "Version ID", "Status", "Created", "Duration")
    rows = [
        (
            v.version_name or "-",
            str(v.version_id),
            describe(v.status).label,
            _format_ms_time(v.create_time),
            _format_duration(v.duration),
        )
        for v in versions
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


class Estimator:
    """A training job (``job_id``) or one of its versions (``job_id`` + ``version_id``)."""

    def __init__(
        self,
        modelarts_session: Session,
        job_id: str | int | None = None,
        version_id: str | int | None = None,
        **_training_options: Any,
    ) -> None:
        self.session = modelarts_session
        self.job_id = job_id
        self.version_id = version_id

    @property
    def _client(self) -> ModelArtsClient:
        return self.session.client

    def get_job_version_info(self) -> dict[str, Any]:
        """The list-versions dict (job only) or the version-details dict (with version_id)."""
        try:
            if self.version_id is None:
                result = self._client.list_versions(job_ref(self.job_id)).to_dict()
            else:
                result = self._client.get_version(*self._ids()).to_dict()
        except ModelArtsError as exc:
            return _failure(exc)
        return result

    def _ids(self) -> tuple[str, str]:
        """(job id, version id), checked by the one id rule (``BadRequestError`` if refused)."""
        return version_ref(self.job_id, self.version_id)

    def get_job_version_object_list(self, is_show: bool = True) -> list[TrainingJob]:
        """Every version of the job as TrainingJob objects, newest first; prints a table."""
        versions = self._client.list_versions(job_ref(self.job_id))
        if is_show:
            print(version_table(versions.versions))
        return [TrainingJob(self.session, versions.job_id, v) for v in versions.versions]

    def stop_job_version(self) -> dict[str, Any]:
        """Stop this version: ``{'is_success': True}`` or the failure dict."""
        if self.version_id is None:
            return {
                "is_success": False,
                "error_code": "ModelArts.0104",
                "error_msg": "stop_job_version needs a version_id",
            }
        try:
            return self._client.stop_version(*self._ids())
        except ModelArtsError as exc:
            return _failure(exc)

    def get_job_info(self) -> dict[str, Any]:
        """The version-details dict (failure dict on error)."""
        if self.version_id is None:
            return self.get_job_version_info()
        try:
            return self._client.get_version(*self._ids()).to_dict()
        except ModelArtsError as exc:
            return _failure(exc)

    @staticmethod
    def get_job_list(
        modelarts_session: Session,
        status: int | str | None = None,
        per_page: int = 10,
        page: int = 1,
        sortBy: str | None = None,  # the legacy SDK spells it so
        order: str | None = None,
        search_content: str | None = None,
        sort_by: str | None = None,
    ) -> dict[str, Any]:
        """The training-job list dict (failure dict on error)."""
        try:
            query = job_query(
                {
                    "search_content": search_content,
                    "status": status,
                    "page": page,
                    "per_page": per_page,
                    "sort_by": sortBy or sort_by,
                    "order": order,
                }
            )
            jobs = modelarts_session.client.list_jobs(query)
        except ModelArtsError as exc:
            return _failure(exc)
        return jobs.to_dict()


class TrainingJob(Estimator):
    """One version, as returned by ``get_job_version_object_list``.

    ``job_id`` and ``version_id`` are attributes; every other field of the
    version reads as an attribute too (``job.status``, ``job.version_name``).
    """

    def __init__(self, modelarts_session: Session, job_id: int, version: JobVersion) -> None:
        super().__init__(modelarts_session, job_id=job_id, version_id=version.version_id)
        self.version = version

    def __getattr__(self, name: str) -> Any:
        # Only called for attributes not found normally: fall back to the version's fields.
        version = self.__dict__.get("version")
        if version is not None:
            if hasattr(type(version), name) or name in version.__dataclass_fields__:
                return getattr(version, name)
            if name in version.to_dict():
                return version.get(name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return (
            f"TrainingJob(job_id={self.job_id}, version_id={self.version_id}, "
            f"version_name={self.version.version_name!r}, status={self.version.status})"
        )
