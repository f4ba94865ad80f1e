"""jupyterlab-modelarts: ModelArts training-job versions in JupyterLab."""

try:
    from ._version import __version__
except ImportError:  # a source tree that was never built
    __version__ = "0.0.0.dev0"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-modelarts"}]


def _jupyter_server_extension_points():
    from .app import ModelArtsExtension

    return [{"module": "jupyterlab_modelarts", "app": ModelArtsExtension}]
