"""The one thing to do next when no credential source yielded, for the panel and the doctor.

Written from what the chain reported (``NoCredentialsError.tried``) and whether
this is a ModelArts notebook; never a secret (the reasons carry none).
"""

from __future__ import annotations

from collections.abc import Sequence

#: The command that explains, step by step, what the extension would do and why.
DOCTOR_COMMAND = "jupyter modelarts doctor"

_OUTSIDE = (
    "Give the Jupyter server credentials: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK "
    "(or access_key/secret_key), or MODELARTS_USERNAME, MODELARTS_PASSWORD and "
    "MODELARTS_ACCOUNT, in the server's environment or configuration."
)
_NO_SDK = (
    "No Python here could import modelarts.session. Set notebook_python "
    "(MODELARTS_NOTEBOOK_PYTHON) to the interpreter of a kernel where "
    "'from modelarts.session import Session' works, and notebook_sdk_path "
    "(MODELARTS_SDK_PATH) to the SDK folder if it needs one."
)
_SDK_FAILED = (
    "The notebook's SDK could not build Session() ({error}). Check that the notebook "
    "has an agency: ModelArts console, Settings (global configuration), authorize "
    "ModelArts with an agency; then restart the notebook."
)
_NOT_ALLOWED = (
    "Credentials are restricted by credential_sources; allow 'notebook session' "
    "(or remove the setting) inside a ModelArts notebook."
)


def next_step(notebook: bool, tried: Sequence[tuple[str, str]]) -> str:
    """What to do so that a credential source yields."""
    reasons = dict(tried)
    if not notebook:
        return _OUTSIDE
    if "notebook session" not in reasons:
        return _NOT_ALLOWED
    reason = reasons["notebook session"]
    failed = [part for part in reason.split("; ") if ": failed (" in part]
    if failed:
        error = failed[0].rsplit("(", 1)[-1].rstrip(")")
        return _SDK_FAILED.format(error=error)
    return _NO_SDK


def steps(notebook: bool, tried: Sequence[tuple[str, str]]) -> list[dict[str, object]]:
    """The doctor's credential steps: the notebook check, then each source with its outcome."""
    found = [
        {
            "step": "ModelArts notebook",
            "ok": notebook,
            "outcome": "detected" if notebook else "not detected (INSTANCE_ID/PROJECT_ID unset)",
        }
    ]
    for name, reason in tried:
        found.append({"step": f"credential source: {name}", "ok": False, "outcome": reason})
    return found
