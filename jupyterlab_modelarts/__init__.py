"""jupyterlab-modelarts: ModelArts training-job versions in JupyterLab.

Importing the package loads nothing else: the server extension, the client and
``requests`` are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:
    from .localapi import LocalAPI

try:
    from ._version import __version__
except ImportError:  # a source tree that was never built
    __version__ = "0.0.0.dev0"

__all__ = ["__version__", "local_api"]


def local_api(timeout: Optional[float] = None) -> LocalAPI:
    """A ``LocalAPI`` for the Jupyter server this code runs under (rules: ``localapi.py``).

    ``timeout`` is seconds per call (default ``client.config.DEFAULT_LOCAL_API_TIMEOUT``).
    """
    from .localapi import LocalAPI, find_server

    return LocalAPI(find_server(), timeout=timeout)


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "jupyterlab-modelarts"}]


def _jupyter_server_extension_points() -> list[dict[str, Any]]:
    from .app import ModelArtsExtension

    return [{"module": "jupyterlab_modelarts", "app": ModelArtsExtension}]
