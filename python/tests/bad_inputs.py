"""The bad-input table (tests/vectors/errors.json) for Python: its tagged
values as Python values, and each row's call run through the installed
package. Used by test_errors_table.py and test_secrets.py; the format is in
tests/vectors/README.md ("The bad-input table")."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from conftest import VECTORS, parse_time

import presigner

TABLE = json.loads((VECTORS / "errors.json").read_text(encoding="utf-8"))
FILE_SIGNER: dict[str, Any] = TABLE["signer"]
ROWS: list[dict[str, Any]] = TABLE["cases"]
ENV_PREFIXES = ("R2_", "AWS_", "S3_")
SECRET_FIELDS = ("secret_access_key", "session_token")
SECRET_VARS = ("R2_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")
T0 = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
HERE = Path(__file__).resolve().parent
# Time limit of a row run in a child process (`isolate`).
ISOLATE_SECS = 20


class Inexpressible(Exception):
    """The row holds a value Python has no equivalent of (a Symbol, a BigInt, year 10000)."""


class _Absent:
    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()


class Throwing:
    """An object whose __str__ and __repr__ raise: a binding must not call them."""

    def __str__(self) -> str:
        raise RuntimeError("__str__ of a test object was called")

    __repr__ = __str__


class Instance:
    """An instance of a class that is not a mapping (Node: a class instance)."""

    def __init__(self) -> None:
        self.a = "1"


class Holes:
    """A sequence of `length` holes (None), like a JavaScript array of that length."""

    def __init__(self, length: int) -> None:
        self.length = length

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, i: int) -> None:
        if isinstance(i, int) and 0 <= i < self.length:
            return None
        raise IndexError(i)


class LyingLen:
    """A sequence of `items` whose __len__ claims `length`."""

    def __init__(self, length: int, items: list[str]) -> None:
        self.length, self.items = length, items

    def __len__(self) -> int:
        return self.length

    def __iter__(self) -> Iterator[str]:
        return iter(self.items)

    def __getitem__(self, i: int) -> str:
        return self.items[i]


def decode(value: Any) -> Any:
    """A table value as the Python value it stands for (ABSENT: leave it out)."""
    if isinstance(value, list):
        return [decode(v) for v in value]
    if not isinstance(value, dict):
        return value
    kind = value.get("$")
    if kind is None:
        out = {k: decode(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v is not ABSENT}
    if kind in ("symbol", "bigint"):
        raise Inexpressible(kind)
    simple = {"none": None, "absent": ABSENT, "nan": float("nan"), "inf": float("inf"), "-inf": float("-inf")}
    if kind in simple:
        return simple[kind]
    if kind == "bytes":
        return bytes.fromhex(value["hex"])
    if kind == "int":
        return int(value["value"])
    if kind == "str":
        if "value" in value:
            return value["value"]
        data = b"".join(int(u, 16).to_bytes(2, "little") for u in value["utf16"])
        return data.decode("utf-16-le", "surrogatepass")
    if kind == "repeat":
        return value["char"] * value["count"]
    if kind in ("map", "object"):
        return {decode(k): decode(v) for k, v in value["entries"]}
    if kind == "many":
        return {f"{value['name']}{i}": value["value"] for i in range(value["count"])}
    if kind == "time":
        try:
            return datetime.fromtimestamp(value["unix"], tz=timezone.utc)
        except (ValueError, OverflowError, OSError) as e:
            raise Inexpressible(f"time {value['unix']}") from e
    if kind == "date":
        return T0
    if kind == "throwing_tostring":
        return Throwing()
    if kind == "instance":
        return Instance()
    if kind == "sparse_array":
        return Holes(value["length"])
    if kind == "lying_len":
        return LyingLen(value["len"], value["items"])
    raise AssertionError(f"unknown tag {kind!r}")


def plain(value: Any) -> bool:
    """Whether `value` is a JSON object that is not a tagged value."""
    return isinstance(value, dict) and "$" not in value


def with_input(row: dict[str, Any], value: Any) -> dict[str, Any]:
    """`row` with the value at its `invalid` path replaced by `value` (same_as)."""
    out = copy.deepcopy(row)
    top, _, name = row["invalid"].partition(".")
    if not name:
        out[top] = value
    else:
        out[top] = {**out[top], name: value}
    return out


def signer_config(row: dict[str, Any]) -> Any:
    """The row's signer configuration: a dict of keyword arguments, or one positional value."""
    over = row.get("signer", {})
    if not plain(over):
        return decode(over)
    return decode({**FILE_SIGNER, **over})


def call_args(row: dict[str, Any]) -> tuple[list[Any], dict[str, Any]]:
    """Positional and keyword arguments after the key: `args` as keywords, or one positional."""
    args = row.get("args", {})
    if not plain(args):
        return [decode(args)], {}
    kwargs = decode({k: v for k, v in args.items() if k != "signing_time"})
    if "signing_time" in args:
        at = args["signing_time"]
        at = parse_time(at) if isinstance(at, str) else decode(at)
        if at is not ABSENT:
            kwargs["signing_time"] = at
    return [], kwargs


def needles(row: dict[str, Any]) -> list[str]:
    """The secrets the row's call holds, and the first 16 characters of each long one."""
    found: list[Any] = []
    if row["op"] == "from_env":
        env = row.get("env", {})
        found += [decode(env[name]) for name in SECRET_VARS if name in env]
    elif row["op"] not in ("new_key", "attachment"):
        config = signer_config(row)
        if plain(row.get("signer", {})):
            found += [config.get(name) for name in SECRET_FIELDS]
    out = []
    for secret in found:
        if isinstance(secret, bytes):
            secret = secret.decode("ascii", "ignore")
        if isinstance(secret, str) and secret:
            out.append(secret)
            if len(secret) >= 16:
                out.append(secret[:16])
    return out


@contextmanager
def environment(env: dict[str, Any]) -> Iterator[None]:
    """Exactly `env` among the R2_, AWS_ and S3_ variables (bytes values too), restored after."""
    saved = {k: v for k, v in os.environb.items() if k.decode("latin-1").startswith(ENV_PREFIXES)}
    try:
        for name in saved:
            del os.environb[name]
        for name, value in env.items():
            value = decode(value)
            os.environb[name.encode()] = value if isinstance(value, bytes) else value.encode("utf-8")
        yield
    finally:
        for name in [k for k in os.environb if k.decode("latin-1").startswith(ENV_PREFIXES)]:
            del os.environb[name]
        os.environb.update(saved)


def summary(result: Any) -> Any:
    """What two accepted calls are compared by; reading it all proves nothing raises."""
    if isinstance(result, presigner.PresignedRequest):
        return (result.method, result.url, result.headers, result.expires_at, repr(result), result.to_dict())
    if isinstance(result, list):
        return [summary(r) for r in result]
    return result


def call(row: dict[str, Any]) -> Any:
    """Runs the row's call; returns what it returns, raises what it raises."""
    op = row["op"]
    if op in ("new_key", "attachment"):
        args = row.get("args")
        if not plain(args):
            return getattr(presigner, op)(decode(args))
        kwargs = decode(args)
        if op == "attachment":
            return presigner.attachment(*([kwargs["filename"]] if "filename" in kwargs else []))
        return presigner.new_key(**kwargs)
    if op == "from_env":
        _, kwargs = call_args(row)
        with environment(row.get("env", {})):
            signer = presigner.Signer.from_env()
        try:
            public: Any = signer.public_url(row["key"])
        except presigner.ConfigError as e:
            public = type(e).__name__
        return (summary(signer.presign_get(row["key"], **kwargs)), public)
    config = signer_config(row)
    # Keyword-only arguments: a non-dict configuration is given positionally.
    signer = presigner.Signer(**config) if plain(row.get("signer", {})) else presigner.Signer(config)
    positional, kwargs = call_args(row)
    if op == "presign_get_many":
        return signer.presign_get_many(*[v for v in [decode(row["keys"])] if v is not ABSENT], **kwargs)
    key = decode(row["key"])
    if op == "public_url":
        return signer.public_url(*[v for v in [key] if v is not ABSENT])
    method = getattr(signer, op)
    return method(*[v for v in [key] if v is not ABSENT], *positional, **kwargs)


@dataclass
class Observed:
    """What a call did: its summary, or the exception it raised (in a child: its description)."""

    value: Any = None
    exc: BaseException | None = None
    error: dict[str, Any] = field(default_factory=dict)


def describe(exc: BaseException) -> dict[str, Any]:
    return {
        "class": type(exc).__name__,
        "code": getattr(exc, "code", None),
        "message": str(exc),
        "notes": list(getattr(exc, "__notes__", [])),
        "presigner": isinstance(exc, presigner.PresignerError),
    }


def observe(row: dict[str, Any]) -> Observed:
    """Runs the row in this process, or, when it is marked `isolate`, in a child."""
    if row.get("isolate"):
        return observe_in_child(row)
    try:
        return Observed(value=summary(call(row)))
    except Exception as exc:  # noqa: BLE001 - every exception is an observation
        return Observed(exc=exc, error=describe(exc))
    except BaseException as exc:  # a PanicException is a BaseException
        if isinstance(exc, KeyboardInterrupt):
            raise
        return Observed(exc=exc, error=describe(exc))


def observe_in_child(row: dict[str, Any]) -> Observed:
    code = f"import bad_inputs, sys; bad_inputs.child({row['id']!r})"
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code],
            cwd=HERE,
            capture_output=True,
            text=True,
            timeout=ISOLATE_SECS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        late = {
            "class": f"no answer within {ISOLATE_SECS} s",
            "code": None,
            "message": "",
            "notes": [],
            "presigner": False,
        }
        return Observed(error=late)
    if proc.returncode != 0:
        crash = {
            "class": f"crash (exit status {proc.returncode})",
            "code": None,
            "message": proc.stderr[-300:],
            "notes": [],
            "presigner": False,
        }
        return Observed(error=crash)
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    return Observed(value=out.get("value"), error=out.get("error") or {})


def child(row_id: str) -> None:
    """The child's half of observe_in_child: prints what the call did as JSON."""
    row = next(r for r in ROWS if r["id"] == row_id)
    try:
        out: dict[str, Any] = {"value": repr(summary(call(row)))}
    except BaseException as exc:  # noqa: BLE001
        out = {"error": describe(exc)}
    print(json.dumps(out))
