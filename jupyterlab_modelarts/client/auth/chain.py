"""The credential chain: the first source that yields credentials wins.

Order (restricted by ``ClientConfig.credential_sources``; unset, a ModelArts
notebook leaves the metadata service out: it would hand out the node's identity):

1. ``config`` — access_key/secret_key[/security_token] given explicitly;
2. ``environment`` — HUAWEICLOUD_SDK_AK/SK[/SECURITY_TOKEN];
3. ``notebook session`` — the notebook's legacy ``modelarts.session.Session()``;
4. ``metadata service`` — temporary keys from the instance metadata service;
5. ``IAM password`` — username/password (config or MODELARTS_USERNAME/PASSWORD/ACCOUNT).

``resolve`` is a sans-IO exchange (the metadata probe talks HTTP, the notebook
session may start child processes); the
clients drive it. Which source won is reported by name, never with secrets.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..config import ClientConfig
from ..errors import NoCredentialsError
from ..exchange import Exchange
from ..notebook_env import is_modelarts_notebook
from .base import Identity, Unavailable, env_project_id
from .iam import from_password
from .keys import from_config, from_environment
from .metadata import from_metadata
from .notebook import from_notebook_session

#: The sources that need no network, by the name ``credential_sources`` uses.
LOCAL_SOURCES: dict[str, Callable[[ClientConfig, Mapping[str, str]], Identity]] = {
    "config": from_config,
    "environment": from_environment,
    "IAM password": from_password,
}
#: The one source that must ask the network whether it applies.
METADATA_SOURCE = "metadata service"
#: The source that may start child processes (and runs the legacy SDK off the loop).
NOTEBOOK_SOURCE = "notebook session"


def resolve(config: ClientConfig, env: Mapping[str, str]) -> Exchange[Identity]:
    """Try each allowed source in order; return the first :class:`Identity`.

    Raises NoCredentialsError naming every source tried and why it gave nothing.
    The notebook's session knows where it works: its project and region win, the
    config and environment fill gaps (issue 11 item 6). For every other source the
    explicit config wins over what the source reports, the environment last.
    """
    tried: list[tuple[str, str]] = []
    notebook = is_modelarts_notebook(env)
    for name in config.sources(notebook):
        try:
            if name == METADATA_SOURCE:
                identity = yield from from_metadata(config)
            elif name == NOTEBOOK_SOURCE:
                identity = yield from from_notebook_session(config, env)
            else:
                identity = LOCAL_SOURCES[name](config, env)
        except Unavailable as why:
            tried.append((name, str(why)))
            continue
        if name == NOTEBOOK_SOURCE:
            identity.region = identity.region or config.region or env.get("MODELARTS_REGION")
            identity.project_id = identity.project_id or config.project_id or env_project_id(env)
        else:
            identity.region = config.region or identity.region or env.get("MODELARTS_REGION")
            identity.project_id = config.project_id or identity.project_id or env_project_id(env)
        return identity
    if not tried:
        tried.append(("(none)", "credential_sources is empty"))
    raise NoCredentialsError(tried, notebook=notebook)
