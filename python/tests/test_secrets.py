"""No printable form of an error, a signer or a request shows the secret key
or the session token: every failing row of the bad-input table
(tests/vectors/errors.json) runs with secrets of this file's own, and its
exception is looked at as repr, str, args, a formatted traceback and a
pickle. A secret holding a lone surrogate must not be echoed either."""

from __future__ import annotations

import copy
import pickle
import traceback
from typing import Any

import pytest
from bad_inputs import ROWS, needles, observe, plain, signer_config

import presigner

SECRET = "PySeCrEt/never+shown=wJalrXUtnFEMI"
TOKEN = "PyToKeN/never+shown=FwoGZXIvYXdzEB"
SURROGATE_SECRET = "PySuRrOgAtE/secret\ud800tail"
SURROGATE_TOKEN = "PySuRrOgAtE/token\udc00tail"


def with_our_secrets(row: dict[str, Any]) -> dict[str, Any]:
    """`row` with the signer's (or environment's) secret and token replaced, unless the row is about them."""
    out = copy.deepcopy(row)
    invalid = row["invalid"]
    if row["op"] == "from_env":
        for name, value in [
            ("R2_SECRET_ACCESS_KEY", SECRET),
            ("AWS_SECRET_ACCESS_KEY", SECRET),
            ("AWS_SESSION_TOKEN", TOKEN),
        ]:
            if name in out["env"] and invalid != f"env.{name}":
                out["env"][name] = value
    elif row["op"] not in ("new_key", "attachment") and plain(out.get("signer", {})):
        out["signer"] = dict(out.get("signer", {}))
        for name, value in [("secret_access_key", SECRET), ("session_token", TOKEN)]:
            if invalid != f"signer.{name}":
                out["signer"][name] = value
    return out


def forms(exc: BaseException) -> dict[str, str | bytes]:
    """Every printable form of `exc`."""
    out: dict[str, str | bytes] = {
        "repr": repr(exc),
        "str": str(exc),
        "args": repr(exc.args),
        "traceback": "".join(traceback.format_exception(exc)),
        "attributes": repr(vars(exc)) if hasattr(exc, "__dict__") else "",
        "notes": repr(getattr(exc, "__notes__", [])),
    }
    try:
        out["pickle"] = pickle.dumps(exc)
    except Exception as e:  # noqa: BLE001 - an unpicklable exception shows nothing
        out["pickle"] = f"unpicklable: {type(e).__name__}"
    return out


def leaks(shown: dict[str, str | bytes], secrets: list[str]) -> list[str]:
    """The forms in `shown` that hold one of `secrets` (pickles hold UTF-8, surrogates passed)."""
    found = []
    for form, text in shown.items():
        for secret in secrets:
            needle = secret.encode("utf-8", "surrogatepass") if isinstance(text, bytes) else secret
            if needle in text:  # type: ignore[operator]
                found.append(form)
                break
    return found


def our_needles(row: dict[str, Any]) -> list[str]:
    return [*needles(row), SECRET, TOKEN, SECRET[:16], TOKEN[:16]]


FAILING = [
    r
    for r in ROWS
    if (r["outcome"]["python"] or {}).get("class") and not r.get("isolate") and r["op"] not in ("new_key",)
]


@pytest.mark.parametrize("row", FAILING, ids=[r["id"] for r in FAILING])
def test_no_form_of_the_error_holds_a_secret(row: dict[str, Any]) -> None:
    ours = with_our_secrets(row)
    got = observe(ours)
    if got.exc is None:
        pytest.skip("the call did not fail (test_errors_table.py reports it)")
    assert not leaks(forms(got.exc), our_needles(ours))


@pytest.mark.parametrize("row", FAILING, ids=[r["id"] for r in FAILING])
def test_no_form_of_the_signer_holds_a_secret(row: dict[str, Any]) -> None:
    ours = with_our_secrets(row)
    if row["op"] in ("from_env", "attachment") or not plain(ours.get("signer", {})):
        pytest.skip("no signer configuration in this row")
    try:
        signer = presigner.Signer(**signer_config(ours))
    except BaseException as exc:  # noqa: BLE001 - the error is checked above
        pytest.skip(f"the signer is not built: {type(exc).__name__}")
    assert not leaks({"repr": repr(signer), "str": str(signer)}, our_needles(ours))


def test_signer_and_request_reprs() -> None:
    signer = presigner.Signer(
        endpoint="http://127.0.0.1:9000",
        bucket="bucket",
        access_key_id="AKID",
        secret_access_key=SECRET,
        session_token=TOKEN,
    )
    request = signer.presign_put("k", content_type="text/plain", metadata={"a": "b"})
    assert "X-Amz-Security-Token=" in request.url  # the token is signed into the URL itself
    shown = {
        "repr(signer)": repr(signer),
        "str(signer)": str(signer),
        "repr(request)": repr(request),
        "str(request)": str(request),
        "repr(headers)": repr(request.headers),
    }
    assert not leaks(shown, [SECRET, TOKEN, SECRET[:16], TOKEN[:16]])


@pytest.mark.parametrize(
    "config",
    [
        {"secret_access_key": SURROGATE_SECRET},
        {"session_token": SURROGATE_TOKEN},
        {"secret_access_key": SURROGATE_SECRET, "session_token": SURROGATE_TOKEN, "bucket": "Bad_Bucket"},
        {"secret_access_key": SURROGATE_SECRET, "endpoint": "not a url"},
    ],
    ids=["secret", "token", "secret-token-and-bad-bucket", "secret-and-bad-endpoint"],
)
def test_a_secret_with_a_lone_surrogate_is_never_echoed(config: dict[str, str]) -> None:
    """Encoding such a secret as UTF-8 fails; the exception must not carry it (UnicodeEncodeError would)."""
    kwargs = {
        "endpoint": "http://127.0.0.1:9000",
        "bucket": "bucket",
        "access_key_id": "AKID",
        "secret_access_key": SECRET,
        **config,
    }
    with pytest.raises(BaseException) as info:  # noqa: B017 - any exception: its forms are the point
        presigner.Signer(**kwargs)
    secrets = [SURROGATE_SECRET, SURROGATE_TOKEN, SURROGATE_SECRET[:16], SURROGATE_TOKEN[:16], SECRET]
    assert not leaks(forms(info.value), secrets)
    assert isinstance(info.value, presigner.PresignerError), type(info.value)


def test_the_checks_can_fail() -> None:
    """A UnicodeEncodeError holding a secret is caught in its repr, args and pickle."""
    try:
        SURROGATE_SECRET.encode("utf-8")
    except UnicodeEncodeError as exc:
        found = leaks(forms(exc), [SURROGATE_SECRET, SURROGATE_SECRET[:16]])
    assert {"repr", "args", "pickle"} <= set(found)
