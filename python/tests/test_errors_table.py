"""Every row of the bad-input table (tests/vectors/errors.json) through the
Python API: the exception class, its `.code` and message fragments, or, for an
accepted input, the same result as the input it stands for. For every row the
message is under 400 characters and holds no secret of the call."""

from __future__ import annotations

import sys
from typing import Any

import pytest
from bad_inputs import ROWS, Inexpressible, call, decode, needles, observe, summary, with_input

MAX_MESSAGE = 400


def expressible(row: dict[str, Any]) -> str | None:
    """None when Python can build every value of the row, else the reason it cannot."""
    try:
        for name in ("key", "keys", "args", "signer", "env"):
            if name in row:
                decode(row[name])
    except Inexpressible as e:
        return str(e)
    return None


def test_the_table_is_loaded() -> None:
    assert len(ROWS) > 300
    assert len({r["id"] for r in ROWS}) == len(ROWS)
    for row in ROWS:
        assert set(row["outcome"]) == {"rust", "python", "node"}, row["id"]


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_row(row: dict[str, Any]) -> None:
    want = row["outcome"]["python"]
    why_not = expressible(row)
    if want is None:
        assert why_not, f"{row['id']}: the table says Python cannot express it, but it can"
        pytest.skip(f"not expressible in Python: {why_not}")
    assert why_not is None, f"{row['id']}: the table expects an outcome, but Python cannot express {why_not}"
    got = observe(row)
    if "ok" in want:
        assert not got.error, f"expected success, got {got.error['class']}: {got.error['message'][:300]}"
        if "same_as" in want:
            assert got.value == observe(with_input(row, want["same_as"])).value
        return
    assert got.error, f"expected {want['class']}, but the call succeeded: {str(got.value)[:300]}"
    e = got.error
    message = e["message"]
    assert e["class"] == want["class"], f"{e['class']} instead of {want['class']}: {message[:300]}"
    if "code" in want:
        assert e["presigner"] and e["code"] == want["code"], f"code {e['code']}: {message[:300]}"
    assert len(message) < MAX_MESSAGE, f"a {len(message)}-character message: {message[:200]}…"
    # PyO3 names the argument of a TypeError in a note (Python 3.11+).
    text = message + "\n" + "\n".join(e["notes"]) if want["class"] == "TypeError" else message
    if want["class"] != "TypeError" or sys.version_info >= (3, 11):
        for fragment in want["message_contains"]:
            assert fragment in text, f"{fragment!r} not in {text[:300]!r}"
    for fragment in want.get("message_excludes", []):
        assert fragment not in text, f"{fragment!r} in {text[:300]!r}"
    for secret in needles(row):
        assert secret not in text, f"a secret of the signer in {text[:300]!r}"


def test_same_as_compares_results() -> None:
    """The same_as check is not vacuous: equal inputs agree, different ones differ."""
    row = next(r for r in ROWS if r["id"] == "ok-metadata-map")
    plain = summary(call(with_input(row, {"a": "1", "b": "two"})))
    assert plain == summary(call(with_input(row, {"b": "two", "a": "1"})))
    assert plain != summary(call(with_input(row, {"a": "2"})))
