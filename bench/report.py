"""Turn the criterion estimates and the Python/Node JSON results into bench/results/latest.md.

Usage: report.py CRITERION_DIR PY_JSON NODE_JSON OUT_MD HTTP_JSON  (called by bench/run.sh; stdlib only)
CRITERION_DIR is criterion's output folder (<target>/criterion), holding the
groups `presign` and `upload_parts` of benches/sign.rs.
"""

from __future__ import annotations

import datetime
import json
import os
import platform
import subprocess
import sys

OPS = {
    "get": "GET",
    "put": "PUT `image/jpeg`",
    "get_cd": "GET + response-content-disposition",
}


PARTS = 10_000
RUST_PARTS = "presigner upload_parts 10000"
RUST_PARTS_RUSTY = "rusty-s3 upload_part x 10000"


def criterion(dirname: str, group: str, names: tuple[str, ...]) -> dict[str, dict]:
    """bench name -> {median, min, max} in µs per iteration (median: criterion's estimate)."""
    out = {}
    for name in names:
        d = os.path.join(dirname, group, name, "new")
        est = json.load(open(os.path.join(d, "estimates.json")))
        sample = json.load(open(os.path.join(d, "sample.json")))
        per_iter = [t / n for t, n in zip(sample["times"], sample["iters"])]
        out[name.replace("floor_", "floor:")] = {
            "median": est["median"]["point_estimate"] / 1e3,
            "min": min(per_iter) / 1e3,
            "max": max(per_iter) / 1e3,
            "samples": len(per_iter),
        }
    return out


def us(x: float) -> str:
    if x >= 100:
        return f"{x:,.0f}"
    if x >= 10:
        return f"{x:.1f}"
    return f"{x:.2f}"


def cell(s: dict) -> str:
    return f"{us(s['median'])} ({us(s['min'])}–{us(s['max'])})"


def ratio(x: float) -> str:
    return f"{x:,.0f}×" if x >= 100 else f"{x:.1f}×" if x >= 10 else f"{x:.2f}×"


def mb(b: int) -> str:
    return f"{b / 1e6:.2f} MB" if b >= 1e5 else f"{b / 1e3:.0f} kB"


def lang_table(single: dict, base: str) -> list[str]:
    lines = [
        "| library | operation | µs/URL median (min–max) | ÷ presigner | calls × reps | note |",
        "|---|---|---|---|---|---|",
    ]
    for name, lib in single.items():
        for op, label in OPS.items():
            r = lib["ops"][op]
            b = single[base]["ops"][op]["median"]
            if "median" in r:
                rat = ratio(r["median"] / b)
                lines.append(
                    f"| {name} {lib['version']} | {label} | {cell(r)} | {rat} | "
                    f"{lib['calls_per_rep']:,} × {lib['reps']} | {r['note']} |"
                )
            else:
                lines.append(
                    f"| {name} {lib['version']} | {label} | — | — | — | {r['note']} |"
                )
    return lines


def batch_table(batch: dict, rust_1000: float, names: list[str]) -> list[str]:
    lines = [
        f"| {batch['keys']:,} keys | µs per batch median (min–max) | µs/URL | ÷ Rust core's `presign_get_many` |",
        "|---|---|---|---|",
        f"| Rust core: criterion `presigner get_many 1000` median | {us(rust_1000)} | {us(rust_1000 / 1000)} | 1.00× |",
    ]
    for n in names:
        s = batch[n]
        lines.append(
            f"| {n} | {cell(s)} | {us(s['median'] / 1000)} | {ratio(s['median'] / rust_1000)} |"
        )
    return lines


def parts_table(
    parts: dict, rust_parts: float, names: list[str], base: str
) -> list[str]:
    """µs per part URL of each of `names` next to the Rust core's batch (µs per 10,000)."""
    core = rust_parts / PARTS
    lines = [
        f"| {PARTS:,} UploadPart URLs | µs per part URL median (min–max) | ms for {PARTS:,} parts | "
        f"÷ Rust core batch | ÷ `{base}` | URLs × reps |",
        "|---|---|---|---|---|---|",
        f"| Rust core: criterion `{RUST_PARTS}` median | {us(core)} | {rust_parts / 1e3:.2f} | 1.00× | — | "
        f"{PARTS:,} × criterion |",
    ]
    for n in names:
        s = parts[n]
        lines.append(
            f"| {n} | {cell(s)} | {s['median'] * PARTS / 1e3:,.2f} | {ratio(s['median'] / core)} | "
            f"{ratio(s['median'] / parts[base]['median'])} | {parts['urls_per_rep'][n]:,} × {parts['reps']} |"
        )
    return lines


def cold_table(cold: dict, base_key: str, what: str) -> list[str]:
    lines = [
        f"| {what} | ms median, minus the empty run ({cold[base_key]:.1f} ms) | min–max |",
        "|---|---|---|",
    ]
    for k, v in cold.items():
        if isinstance(v, dict):
            lines.append(f"| {k} | {v['ms']:.1f} | {v['min']:.1f}–{v['max']:.1f} |")
    return lines


HTTP_ROUTES = {
    "node": ("Node (Hono)", "aws-sdk", "`@aws-sdk/s3-request-presigner` getSignedUrl"),
    "python": ("Python (FastAPI)", "boto3", "boto3 `generate_presigned_url`"),
}


def http_report(h: dict) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """The targets and the section of bench_http.mjs's POST /s3/sign results."""
    targets = []
    L = [
        "",
        "## POST /s3/sign under load (autocannon, one server core)",
        "",
        f"The demo's `/s3/sign` route, server pinned to CPU 0, autocannon on CPU 1 against 127.0.0.1: "
        f"{h['connections']} connections, {h['duration']} s per run after a 2 s warm-up, median of "
        f"{h['rounds']} interleaved rounds. Body `{h['body']}` (a PutObject). constant = the same route "
        "answering one fixed answer of the same shape and size (signed once at start): the cost of the "
        "framework, JSON and HTTP alone.",
        "",
        "| server | route signs with | req/s | p50 ms | p99 ms | presigner ÷ this (req/s) |",
        "|---|---|---|---|---|---|",
    ]
    for lang, (server, other, other_name) in HTTP_ROUTES.items():
        r = h[lang]
        base = r["presigner"]["median"]
        for kind, name in [
            ("presigner", "presigner `UploadPolicy.sign`"),
            (other, other_name),
            ("constant", "nothing (constant)"),
        ]:
            x = r[kind]
            L.append(
                f"| {server} | {name} | {x['median']:,.0f} | {x['p50']:.1f} | {x['p99']:.1f} | {ratio(base / x['median'])} |"
            )
        vs_other = base / r[other]["median"]
        vs_constant = r["constant"]["median"] / base
        targets.append(
            (
                f"{server.split()[0]}: POST /s3/sign with presigner within 1.3× of a constant route (req/s)",
                f"{vs_constant:.2f}× (vs {other}: presigner {ratio(vs_other)} the req/s)",
                vs_constant <= 1.3,
            )
        )
    return targets, L


def tool_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(
            cmd, capture_output=True, text=True, check=True
        ).stdout.strip()
    except Exception:  # noqa: BLE001
        return "?"


def main() -> None:
    crit_dir, py_json, node_json, out_md, http_json = sys.argv[1:6]
    rust = criterion(
        crit_dir,
        "presign",
        (
            "presigner get",
            "rusty-s3 get",
            "presigner put",
            "rusty-s3 put",
            "floor_ sha256 + hmac",
            "presigner get_many 1000",
        ),
    )
    rust_parts = criterion(crit_dir, "upload_parts", (RUST_PARTS, RUST_PARTS_RUSTY))
    py = json.load(open(py_json))
    node = json.load(open(node_json))

    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break

    rust_1000 = rust.pop("presigner get_many 1000")["median"]
    ps, ns = py["single"], node["single"]

    def min_ratio(single: dict, other: str, ops=OPS) -> tuple[float, str]:
        rs = [
            (
                single[other]["ops"][op]["median"]
                / single["presigner"]["ops"][op]["median"],
                op,
            )
            for op in ops
            if "median" in single[other]["ops"][op]
        ]
        return min(rs)

    rust_get = rust["rusty-s3 get"]["median"] / rust["presigner get"]["median"]
    rust_put = rust["rusty-s3 put"]["median"] / rust["presigner put"]["median"]
    floor = rust["presigner get"]["median"] / rust["floor: sha256 + hmac"]["median"]
    boto, boto_op = min_ratio(ps, "botocore")
    lp, _ = min_ratio(ps, "libpresign")
    sdk, sdk_op = min_ratio(ns, "aws-sdk getSignedUrl")
    mjs, mjs_op = min_ratio(ns, "minio-js")
    py_import = py["cold"]["import presigner"]["ms"]
    node_require = node["cold"]["require presigner"]["ms"]
    py_size, lp_size = (
        py["sizes"]["presigner"]["bytes"],
        py["sizes"]["libpresign"]["bytes"],
    )
    py_batch = py["batch"]["presign_get_many"]["median"] / rust_1000
    node_batch = node["batch"]["presignGetMany"]["median"] / rust_1000
    core_parts = rust_parts[RUST_PARTS]["median"]  # µs per 10,000 part URLs
    pp, np_ = py["parts"], node["parts"]
    py_parts = pp["presign_upload_parts"]["median"] * PARTS / core_parts
    py_parts_boto = (
        pp["botocore generate_presigned_url"]["median"]
        / pp["presign_upload_parts"]["median"]
    )
    py_parts_ms = pp["presign_upload_parts"]["median"] * PARTS / 1e3

    def t(ok: bool) -> str:
        return "✓" if ok else "✗"

    targets = [
        (
            "Rust: ≥ 6× faster than rusty-s3 (GET and PUT)",
            f"GET {rust_get:.2f}×, PUT {rust_put:.2f}×",
            min(rust_get, rust_put) >= 6,
        ),
        (
            "Rust: within 2.5× of the SHA-256+HMAC floor (GET)",
            f"{floor:.2f}×",
            floor <= 2.5,
        ),
        (
            "Python: ≥ 250× botocore (every operation)",
            f"{boto:,.0f}× (worst: {boto_op})",
            boto >= 250,
        ),
        ("Python: ≥ 10× libpresign (GET)", f"{lp:.1f}×", lp >= 10),
        ("Python: `import presigner` < 10 ms", f"{py_import:.1f} ms", py_import < 10),
        (
            "Python: installed size < libpresign's",
            f"{mb(py_size)} vs {mb(lp_size)}",
            py_size < lp_size,
        ),
        (
            "Node: ≥ 250× getSignedUrl (every operation)",
            f"{sdk:,.0f}× (worst: {sdk_op})",
            sdk >= 250,
        ),
        (
            "Node: ≥ 35× minio-js (every operation)",
            f"{mjs:.1f}× (worst: {mjs_op})",
            mjs >= 35,
        ),
        (
            "Node: `require('presigner')` < 10 ms",
            f"{node_require:.1f} ms",
            node_require < 10,
        ),
        (
            "Python: `presign_get_many` of 1,000 within 1.3× of the Rust core",
            f"{py_batch:.2f}×",
            py_batch <= 1.3,
        ),
        (
            "Node: `presignGetMany` of 1,000 within 1.3× of the Rust core",
            f"{node_batch:.2f}×",
            node_batch <= 1.3,
        ),
        (
            "Python: `presign_upload_parts` of 10,000 within 1.5× of the Rust core's batch",
            f"{py_parts:.2f}×",
            py_parts <= 1.5,
        ),
        (
            "Python: ≥ 200× botocore for UploadPart URLs",
            f"{py_parts_boto:,.0f}×",
            py_parts_boto >= 200,
        ),
        (
            "Python: all 10,000 part URLs of a 50 GB upload in ≤ ~10 ms",
            f"{py_parts_ms:.1f} ms",
            py_parts_ms <= 10,
        ),
    ]

    http_targets, http_lines = http_report(json.load(open(http_json)))
    targets += http_targets

    L: list[str] = []
    L += [
        "# presigner benchmark results",
        "",
        f"- Date: {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- CPU: {cpu} ({os.cpu_count()} logical cores; shared and noisy machine), {platform.system()} "
        f"{platform.release()}",
        f"- {tool_version(['rustc', '--version'])}; Python {py['python']}; Node {node['node']}",
        "- Inputs (same for every library): endpoint `https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com`, "
        "region `auto`, path style, bucket `uploads`, key `photos/2024/05/cat picture+1.jpg`, expiry 3600 s, "
        "fixed access key and secret.",
    ]
    if py.get("quick") or node.get("quick"):
        L.append("- **BENCH_QUICK=1: reduced repetitions, numbers are rough.**")
    L += ["", "## Targets", "", "| target | this run | met |", "|---|---|---|"]
    L += [f"| {name} | {val} | {t(ok)} |" for name, val, ok in targets]

    L += [
        "",
        "## Rust core (criterion, `cargo bench -p presigner --bench sign`)",
        "",
        "Median is criterion's median estimate; min–max is over its 100 samples (each the mean of many iterations).",
        "",
        "| bench | µs/URL median (min–max) | ÷ presigner (same op) |",
        "|---|---|---|",
    ]
    for name, s in rust.items():
        base = rust["presigner put"] if "put" in name else rust["presigner get"]
        L.append(f"| {name} | {cell(s)} | {ratio(s['median'] / base['median'])} |")

    L += [
        "",
        f"### Rust: the UploadPart URLs of all {PARTS:,} parts of one upload",
        "",
        f"`Signer::presign_upload_parts` of {PARTS:,} parts vs rusty-s3's `UploadPart` signed {PARTS:,} times "
        "in a loop (same key, upload id, instant; collected in a `Vec`). Criterion, 10 samples of equal "
        "iteration counts; min–max over them.",
        "",
        f"| bench | ms per {PARTS:,} median (min–max) | µs per part URL | ÷ presigner |",
        "|---|---|---|---|",
    ]
    for name, s in rust_parts.items():
        ms = {k: s[k] / 1e3 for k in ("median", "min", "max")}
        L.append(
            f"| {name} | {ms['median']:.2f} ({ms['min']:.2f}–{ms['max']:.2f}) | {us(s['median'] / PARTS)} | "
            f"{ratio(s['median'] / core_parts)} |"
        )

    L += [
        "",
        "## Python (one process, libraries interleaved round-robin per repetition)",
        "",
        f"Per-URL time = wall time of N back-to-back calls ÷ N (a lambda call per URL included for everyone); "
        f"median of {ps['presigner']['reps']} repetitions. botocore does "
        f"{ps['botocore']['calls_per_rep']:,} calls per repetition instead of {ps['presigner']['calls_per_rep']:,} "
        "because it is ~100× slower.",
        "",
    ]
    L += lang_table(ps, "presigner")
    L += ["", "### Python batch: 1,000 GETs", ""]
    L += batch_table(
        py["batch"],
        rust_1000,
        ["presign_get_many", "presign_get_many + .url", "loop of presign_get"],
    )
    L += [
        "",
        f"### Python: the UploadPart URLs of all {PARTS:,} parts of one upload",
        "",
        f"`presign_upload_parts(key, upload_id, {PARTS})` (one call), the same plus reading every `.url`, a loop "
        f"of `presign_upload_part(...).url`, and botocore {pp['botocore_version']} "
        '`generate_presigned_url("upload_part", Params={Bucket, Key, UploadId, PartNumber})` (s3v4) for '
        f"parts 1–{pp['urls_per_rep']['botocore generate_presigned_url']:,} only, scaled per URL; interleaved "
        "per repetition.",
        "",
    ]
    L += parts_table(
        pp,
        core_parts,
        [
            "presign_upload_parts",
            "presign_upload_parts + .url",
            "loop of presign_upload_part + .url",
            "botocore generate_presigned_url",
        ],
        "presign_upload_parts",
    )
    L += ["", "### Python cold start (subprocess, median of runs)", ""]
    L += cold_table(py["cold"], "python -c pass ms", "`python -c`")
    L += [
        "",
        "### Python installed size (the distribution's RECORD files plus its dependencies')",
        "",
    ]
    L += [
        "| distribution | with dependencies | own files | dependencies |",
        "|---|---|---|---|",
    ]
    for d, s in py["sizes"].items():
        L.append(
            f"| {d} | {mb(s['bytes'])} | {mb(s['own_bytes'])} | {', '.join(x for x in s['dists'] if x != d)} |"
        )

    L += [
        "",
        "## Node (one process, libraries interleaved round-robin per repetition)",
        "",
        "Async APIs (getSignedUrl, aws4fetch `sign`, minio-js) are awaited one call at a time, so their time "
        f"includes a promise round trip; presigner is synchronous. getSignedUrl and aws4fetch do "
        f"{ns['aws-sdk getSignedUrl']['calls_per_rep']:,} calls per repetition (they take 100s of µs per URL). For PUT, getSignedUrl gets "
        "`signableHeaders: new Set(['content-type'])` and aws4fetch `allHeaders: true`, so that all three sign "
        "`content-type;host` like presigner.",
        "",
    ]
    L += lang_table(ns, "presigner")
    L += ["", "### Node batch: 1,000 GETs", ""]
    L += batch_table(
        node["batch"],
        rust_1000,
        ["presignGetMany", "presignGetMany + .url", "loop of presignGet"],
    )
    L += [
        "",
        f"### Node: the UploadPart URLs of all {PARTS:,} parts of one upload",
        "",
        f"`presignUploadParts(key, uploadId, {PARTS})` (one call; its results hold the URLs), a loop of "
        "`presignUploadPart(...).url`, and `getSignedUrl(client, new UploadPartCommand({Bucket, Key, UploadId, "
        f"PartNumber}}))` awaited one at a time for parts 1–{np_['urls_per_rep']['aws-sdk getSignedUrl']:,} only, "
        "scaled per URL; interleaved per repetition.",
        "",
    ]
    L += parts_table(
        np_,
        core_parts,
        ["presignUploadParts", "loop of presignUploadPart", "aws-sdk getSignedUrl"],
        "presignUploadParts",
    )
    L += ["", "### Node cold start (subprocess, median of runs)", ""]
    L += cold_table(node["cold"], "node -e 0 ms", "`node -e`")
    L += [
        "",
        "### Node installed size (package folder plus its dependencies' folders)",
        "",
    ]
    L += ["| package | with dependencies | packages |", "|---|---|---|"]
    for d, s in node["sizes"].items():
        L.append(
            f"| {d} ({', '.join(s['roots'])}) | {mb(s['bytes'])} | {s['packages']} |"
        )

    L += http_lines
    L += ["", "## Versions", ""]
    L.append(
        "- Python: " + ", ".join(f"{k}=={v}" for k, v in sorted(py["versions"].items()))
    )
    L.append("- Node: " + ", ".join(f"{k}@{v}" for k, v in node["versions"].items()))
    L.append(
        "- Rust: see Cargo.lock (presigner workspace; rusty-s3 is a dev-dependency)"
    )
    L += [
        "",
        "## Notes",
        "",
        "- The batch reference is the Rust core's own `Signer::presign_get_many` of the same 1,000 keys "
        "(`photos/2024/05/cat picture+<i>.jpg`), measured by criterion in this run; the upload-parts reference "
        f"is its `Signer::presign_upload_parts` of {PARTS:,} parts (criterion `{RUST_PARTS}`).",
        "- libpresign signs GET only, takes a host rather than an endpoint URL and always signs virtual-hosted "
        "style (`https://uploads.<host>/key`); minio (py and js) has no content-type parameter for presigned PUT.",
        "- Cold-start rows are medians minus the median of an empty interpreter; negative values are noise.",
        "- The machine is shared: compare ratios within a run rather than absolute numbers across runs.",
    ]
    text = "\n".join(L) + "\n"
    with open(out_md, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
