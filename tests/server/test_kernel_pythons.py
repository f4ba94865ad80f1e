"""Which kernelspec interpreters are asked for the notebook session, and in which order."""

from __future__ import annotations

import sys

from jupyterlab_modelarts.kernel_pythons import kernel_pythons


def spec(*argv: str, env: dict[str, str] | None = None) -> dict:
    return {"resource_dir": "/x", "spec": {"argv": list(argv), "env": env or {}}}


def test_default_kernel_first_native_and_non_python_left_out():
    specs = {
        "a-other": spec("/envs/tf/bin/python3.7", "-m", "ipykernel_launcher"),
        "python3": spec("python", "-m", "ipykernel_launcher"),
        "ir": spec("/usr/lib/R/bin/R", "--slave"),
        "server": spec(sys.executable, "-m", "ipykernel_launcher"),
        "pytorch": spec(
            "/home/ma-user/anaconda3/envs/PyTorch-1.8/bin/python",
            env={"PYTHONPATH": "/home/ma-user/modelarts-dev/modelarts-sdk"},
        ),
        "broken": {"spec": {"argv": []}},
    }
    assert kernel_pythons(specs, "pytorch", sys.executable) == [
        (
            "/home/ma-user/anaconda3/envs/PyTorch-1.8/bin/python",
            "/home/ma-user/modelarts-dev/modelarts-sdk",
        ),
        ("/envs/tf/bin/python3.7", None),
    ]


def test_a_kernelspec_interpreter_yields_the_notebook_session(tmp_path):
    """The real split: the SDK lives only in a second environment named by a kernelspec."""
    from jupyter_client.kernelspec import KernelSpecManager
    from support.notebook import KEYS_ENV, make_kernel_python, write_kernelspec, write_keys

    from jupyterlab_modelarts.client import ClientConfig, ModelArtsClient
    from jupyterlab_modelarts.client.notebook_env import candidates
    from jupyterlab_modelarts.client.notebook_probe import probe

    python = make_kernel_python(tmp_path)
    write_kernelspec(tmp_path / "data", "modelarts-pytorch", python)
    specs = KernelSpecManager(kernel_dirs=[str(tmp_path / "data" / "kernels")]).get_all_specs()
    keys = tmp_path / "keys.json"
    write_keys(keys, {"access_key": "TMPAK", "secret_key": "TMPSK", "user_id": "u1"})
    found = candidates(
        configured_python=None,
        configured_sdk_path=None,
        kernel_pythons=kernel_pythons(specs, "modelarts-pytorch", sys.executable),
        env={KEYS_ENV: str(keys)},
        exists=lambda _: False,
    )
    with ModelArtsClient(ClientConfig()) as client:
        report = client.run(probe(found, {KEYS_ENV: str(keys), "PATH": "/usr/bin:/bin"}, 20.0))
    assert report.credentials is not None
    assert (report.credentials.access_key, report.credentials.user_id) == ("TMPAK", "u1")
    assert report.credentials.python == str(python)
    assert report.attempts[0] == (str(python), "ok")
