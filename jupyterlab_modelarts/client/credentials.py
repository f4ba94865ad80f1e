"""The credential chain: the first source that yields credentials wins.

Order (restricted by ``ClientConfig.credential_sources``):

1. ``config`` — access_key/secret_key[/security_token] given explicitly;
2. ``environment`` — HUAWEICLOUD_SDK_AK/SK[/SECURITY_TOKEN];
3. ``notebook session`` — the notebook's legacy ``modelarts.session.Session()``;
4. ``metadata service`` — temporary keys from the instance metadata service;
5. ``IAM password`` — username/password (config or MODELARTS_USERNAME/PASSWORD/ACCOUNT).

``resolve`` is a sans-IO exchange (only the metadata probe talks HTTP); the
clients drive it. Which source won is reported by name, never with secrets.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .auth import AkSk, AkSkAuth, Auth, Exchange, MetadataAuth, NotebookAuth, PasswordAuth
from .config import ClientConfig
from .errors import ModelArtsError, NoCredentialsError

PROJECT_ENV = ("MODELARTS_PROJECT_ID", "HUAWEICLOUD_SDK_PROJECT_ID", "PROJECT_ID")


class Unavailable(Exception):
    """A source has nothing to offer; the message says why (never a secret)."""


@dataclass
class Identity:
    """The winning source's name, its authenticator and where it points."""

    source: str
    auth: Auth
    region: str | None
    project_id: str | None

    def effective_project_id(self) -> str | None:
        """The project id, including one learned from an IAM token's scope."""
        return self.project_id or self.auth.project_id


def env_project_id(env: Mapping[str, str]) -> str | None:
    """Project id from MODELARTS_PROJECT_ID, else HUAWEICLOUD_SDK_PROJECT_ID, else PROJECT_ID."""
    return next((env[name] for name in PROJECT_ENV if env.get(name)), None)


def _pair(kind: str, access_key: str | None, secret_key: str | None) -> bool:
    if access_key and secret_key:
        return True
    if access_key or secret_key:
        missing = "secret key" if access_key else "access key"
        raise Unavailable(f"{kind} has an access key pair without its {missing}")
    return False


def from_config(config: ClientConfig, env: Mapping[str, str]) -> Exchange:
    """Explicit access_key/secret_key in the config."""
    if not _pair("config", config.access_key, config.secret_key):
        raise Unavailable("no access_key/secret_key set")
    keys = AkSk(config.access_key or "", config.secret_key or "", config.security_token or None)
    return Identity("config", AkSkAuth(keys), config.region, config.project_id)
    yield  # pragma: no cover - a generator like every source


def from_environment(config: ClientConfig, env: Mapping[str, str]) -> Exchange:
    """HUAWEICLOUD_SDK_AK/SK/SECURITY_TOKEN, project and region from the environment."""
    ak, sk = env.get("HUAWEICLOUD_SDK_AK"), env.get("HUAWEICLOUD_SDK_SK")
    if not _pair("the environment", ak, sk):
        raise Unavailable("HUAWEICLOUD_SDK_AK/HUAWEICLOUD_SDK_SK not set")
    keys = AkSk(ak or "", sk or "", env.get("HUAWEICLOUD_SDK_SECURITY_TOKEN") or None)
    return Identity("environment", AkSkAuth(keys), env.get("MODELARTS_REGION"), env_project_id(env))
    yield  # pragma: no cover


def from_notebook_session(config: ClientConfig, env: Mapping[str, str]) -> Exchange:
    """The legacy SDK's own ``modelarts.session.Session()`` (inside a ModelArts notebook)."""
    try:
        module = importlib.import_module("modelarts.session")
    except ImportError:
        raise Unavailable("modelarts.session is not importable") from None
    try:
        session = module.Session()
    except Exception as exc:  # the legacy SDK may fail in many ways; report only the type
        raise Unavailable(f"modelarts.session.Session() failed ({type(exc).__name__})") from None
    auth = NotebookAuth(session)
    if not (auth.keys.access_key and auth.keys.secret_key):
        raise Unavailable("modelarts.session.Session() has no access_key/secret_key")
    project = getattr(session, "project_id", None) or None
    region = getattr(session, "region_name", None) or None
    return Identity("notebook session", auth, region, project)
    yield  # pragma: no cover


def from_metadata(config: ClientConfig, env: Mapping[str, str]) -> Exchange:
    """Temporary keys from the metadata service; unreachable means 'not here' (fast)."""
    auth = MetadataAuth(
        config.metadata_url(), config.metadata_timeout, max(config.metadata_timeout, 5.0)
    )
    try:
        yield from auth.renew()
    except ModelArtsError as exc:
        raise Unavailable(f"{config.metadata_url()} gave no credentials ({exc.message})") from None
    return Identity("metadata service", auth, config.region, config.project_id)


def from_password(config: ClientConfig, env: Mapping[str, str]) -> Exchange:
    """IAM username/password; the login itself happens on first use."""
    username = config.username or env.get("MODELARTS_USERNAME")
    password = config.password or env.get("MODELARTS_PASSWORD")
    if not (username and password):
        raise Unavailable("no username/password (config or MODELARTS_USERNAME/MODELARTS_PASSWORD)")
    account = config.account or env.get("MODELARTS_ACCOUNT") or username
    region = config.region or env.get("MODELARTS_REGION")
    project_id = config.project_id or env_project_id(env)
    auth = PasswordAuth(
        config.iam_url(region),
        username,
        password,
        account,
        project_id,
        region,
        config.connect_timeout,
        config.read_timeout,
    )
    return Identity("IAM password", auth, region, project_id)
    yield  # pragma: no cover


SOURCES: dict[str, Callable[[ClientConfig, Mapping[str, str]], Exchange]] = {
    "config": from_config,
    "environment": from_environment,
    "notebook session": from_notebook_session,
    "metadata service": from_metadata,
    "IAM password": from_password,
}


def resolve(config: ClientConfig, env: Mapping[str, str]) -> Exchange:
    """Try each allowed source in order; return the first :class:`Identity`.

    Raises NoCredentialsError naming every source tried and why it gave nothing.
    Explicit config region/project win over what a source reports; the
    environment's project/region fill any remaining gap.
    """
    tried: list[tuple[str, str]] = []
    for name in config.credential_sources:
        try:
            identity: Identity = yield from SOURCES[name](config, env)
        except Unavailable as why:
            tried.append((name, str(why)))
            continue
        identity.region = config.region or identity.region or env.get("MODELARTS_REGION")
        identity.project_id = config.project_id or identity.project_id or env_project_id(env)
        return identity
    if not tried:
        tried.append(("(none)", "credential_sources is empty"))
    raise NoCredentialsError(tried)
