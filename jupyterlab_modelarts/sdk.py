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

import time
from typing import Any

from .client import ClientConfig, ModelArtsClient, ModelArtsError, describe
from .client.models import JobVersion
from .contract import job_query, job_ref, version_ref
from .contract_v2 import training_job_ref
from .sdk_display import VersionObjectList, mimebundle, version_table
from .sdk_local import ServerClient, server_client


class Session:
    """Credentials and region for the Estimator calls.

    Forms, as documented for the legacy SDK:

    * ``Session()`` — implicit: inside a kernel of a Jupyter server running this
      extension, through that server's REST routes (one session and cache with the
      panel, no secret in the kernel); elsewhere the credential chain (notebook
      session, environment, metadata service...). ``use_server=False`` forces the chain;
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
        use_server: bool | None = None,
        **_ignored: Any,
    ) -> None:
        implicit = config is None and not any(
            (access_key, secret_key, username, password, account, security_token)
        )
        if implicit and use_server is not False:
            found = server_client()
            if found is not None:
                self.client: ModelArtsClient | ServerClient = found
                return
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
        if isinstance(self.client, ServerClient):
            return f"Session(through {self.client.api!r})"
        return f"Session(config={self.client.config!r})"


def _failure(error: ModelArtsError) -> dict[str, Any]:
    return error.to_dict()


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
    def _client(self) -> ModelArtsClient | ServerClient:
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

    def get_job_version_object_list(self, is_show: bool = True) -> VersionObjectList:
        """Every version of the job as TrainingJob objects, newest first; prints a table.

        The list shows as an HTML table in a notebook (``sdk_display.py``).
        """
        versions = self._client.list_versions(job_ref(self.job_id))
        if is_show:
            print(version_table(versions.versions))
        return VersionObjectList(
            (TrainingJob(self.session, versions.job_id, v) for v in versions.versions),
            job_id=versions.job_id,
            job_name=versions.job_name,
        )

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

    @staticmethod
    def control_job_by_id(session: Session, job_id: str) -> dict[str, Any]:
        """Terminate a new-version (v2) training job, as ``modelarts.estimatorV2`` documents it.

        ``Estimator.control_job_by_id(session=session, job_id="<uuid>")`` sends the
        terminate action and returns the job object dict (``kind``, ``metadata``,
        ``status``, ``algorithm`` ...; ``status.phase`` is ``Terminating``), or the
        failure dict (``is_success: False``, e.g. ``ModelArts.2796`` when the job is
        no longer Creating, Pending or Running). Through the Jupyter server
        (``Session()`` in its kernel) the server's stop guard applies.
        """
        try:
            job = session.client.terminate_training_job(training_job_ref(job_id))
        except ModelArtsError as exc:
            return _failure(exc)
        return job.to_dict()


class TrainingJob(Estimator):
    """One version, as returned by ``get_job_version_object_list``.

    ``job_id`` and ``version_id`` are attributes; every other field of the
    version reads as an attribute too (``job.status``, ``job.version_name``).
    """

    def __init__(self, modelarts_session: Session, job_id: int, version: JobVersion) -> None:
        super().__init__(modelarts_session, job_id=job_id, version_id=version.version_id)
        self.version = version
        self._read_at = time.time()

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """One row: live in JupyterLab, a static table elsewhere."""
        job_name = self.version.job_name if self.version.job_name else None
        return mimebundle(
            [self.version],
            job_id=self.job_id,
            job_name=job_name,
            read_at=self._read_at,
            text=repr(self),
        )

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
            f"version_name={self.version.version_name!r}, status={self.version.status} "
            f"({describe(self.version.status).label}))"
        )
