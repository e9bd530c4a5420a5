"""Cross-language test: data written through the Python client reads back identically through the
Node.js and Go clients, and a metric computed through each gives the same value.

The contract with the other clients: each provides a `readback` command-line tool

    Node: node clients/node/dist/examples/readback.js   (after `npm run build` in clients/node)
    Go:   go run ./cmd/readback                          (inside clients/go; built once here with go build)

taking `--server HOST:PORT --creator ID --field NAME [--post ID] --metric NAME --start MS --end MS`
and printing ONE JSON object on stdout:
{"timestamps": [int...], "values": [int...], "metric_value": float}, with int64 values exact.

Run through tests/clients/run_all.sh, or `pytest tests/clients` in an environment with the Python
client installed. A client missing from the checkout fails the test (set CLOUT_CROSS_ALLOW_MISSING=1
to skip it instead).
"""
from __future__ import annotations

import json
import math
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import clout
from cloutd import REPO_ROOT, Cloutd

HOUR = 3_600_000
DAY = 24 * HOUR
JUNE1 = 19_144 * DAY  # 2022-06-01T00:00:00Z
START, END = JUNE1, JUNE1 + 21 * DAY
CREATOR = "tiktok:cross_language"
INT64_MAX = 2**63 - 1
ALLOW_MISSING = os.environ.get("CLOUT_CROSS_ALLOW_MISSING") == "1"


def noon(d: int) -> int:
    return JUNE1 + d * DAY + 12 * HOUR


# --------------------------------------------------------------------------- the data, written by Python


def write_fixture(client: clout.Client) -> None:
    """21 days of one creator: followers with a burst on day 11, three posts with likes, comments,
    shares and views, a post sampled every minute for 14 days, and an account series whose values
    span the int64 range (beyond 2^53, where a double would lose digits)."""
    client.upsert_creators(clout.Creator(CREATOR, platform="tiktok", handle="cross", labels={"test": "cross"}))
    posts = {"p1": noon(3) + 2 * HOUR, "p2": noon(8), "p3": noon(14) - 5 * HOUR}
    client.upsert_posts([clout.Post(CREATOR, p, t) for p, t in posts.items()])

    followers, f = [], 10_003
    for d in range(21):
        if d > 0:
            f += 1_000 if d == 11 else 100 + 7 * (d % 3)
        followers.append(f)
    batch = [clout.Series(CREATOR, "followers", [noon(d) for d in range(21)], followers)]
    for n, (post, published) in enumerate(posts.items(), start=1):
        hours = [6, 18, 30, 54, 100]
        ts = [published + h * HOUR for h in hours]
        batch += [
            clout.Series(CREATOR, "likes", ts, [n * 97 * h for h in hours], post=post),
            clout.Series(CREATOR, "comments", ts, [n * 3 * h + 1 for h in hours], post=post),
            clout.Series(CREATOR, "shares", ts[:3], [n * h for h in hours[:3]], post=post),
            clout.Series(CREATOR, "views", ts, [n * 1_013 * h + 17 for h in hours], post=post),
        ]
    big = [INT64_MAX, 2**53 + 1, 2**62 + 3, 9_007_199_254_740_993, 0, 1, 2**63 - 2, 123_456_789_012_345_678]
    batch.append(clout.Series(CREATOR, "likes_total", [noon(d) for d in range(len(big))], big))
    assert client.write(batch).rejected == 0

    # A long series: one sample a minute for 14 days (20,160 samples), through the streaming write.
    minute = 60_000
    long_ts = [noon(2) + i * minute for i in range(14 * 24 * 60)]
    long_values = [(i * i * 7919) % 1_000_003 + (2**40 if i % 5 == 0 else 0) for i in range(len(long_ts))]
    chunks = (
        clout.Series(CREATOR, "saves", long_ts[i : i + 5_000], long_values[i : i + 5_000], post="p1")
        for i in range(0, len(long_ts), 5_000)
    )
    assert client.write_stream(chunks).accepted == len(long_ts)


# (field, post, metric): each read compared exactly, each metric value compared exactly.
CASES = [
    ("followers", None, "engagement_rate"),
    ("likes_total", None, "follower_quality"),
    ("likes", "p2", "like_velocity"),
    ("saves", "p1", "engagement_rate"),
]


# --------------------------------------------------------------------------- the other clients' tools


@dataclass
class Tool:
    name: str
    command: list[str]
    cwd: Path


def _missing(what: str) -> None:
    if ALLOW_MISSING:
        pytest.skip(what)
    pytest.fail(what + " (set CLOUT_CROSS_ALLOW_MISSING=1 to skip)")


def _run(cmd: list[str], cwd: Path, timeout: int = 900) -> None:
    run = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
    if run.returncode != 0:
        pytest.fail(f"`{' '.join(cmd)}` in {cwd} failed ({run.returncode}):\n{run.stdout[-3000:]}{run.stderr[-3000:]}")


def _newest_mtime(root: Path, folders: list[str], files: list[str]) -> float:
    paths = [root / f for f in files if (root / f).exists()]
    for folder in folders:
        if (root / folder).is_dir():
            paths += [p for p in (root / folder).rglob("*") if p.is_file()]
    return max((p.stat().st_mtime for p in paths), default=0.0)


def node_tool() -> Tool:
    root = REPO_ROOT / "clients" / "node"
    if not (root / "package.json").exists():
        _missing("the Node.js client (clients/node/package.json) is not in this checkout")
    if shutil.which("node") is None or shutil.which("npm") is None:
        _missing("node and npm are not installed")
    script = root / "dist" / "examples" / "readback.js"
    sources = _newest_mtime(root, ["src", "examples", "proto", "scripts"], ["package.json", "tsconfig.json"])
    if not script.exists() or script.stat().st_mtime < sources:
        if not (root / "node_modules").is_dir():
            _run(["npm", "ci"] if (root / "package-lock.json").exists() else ["npm", "install"], root)
        _run(["npm", "run", "build"], root)
    if not script.exists():
        _missing(f"`npm run build` did not produce {script.relative_to(REPO_ROOT)}")
    return Tool("node", ["node", str(script)], REPO_ROOT)


def go_tool(tmp: Path) -> Tool:
    root = REPO_ROOT / "clients" / "go"
    if not (root / "go.mod").exists():
        _missing("the Go client (clients/go/go.mod) is not in this checkout")
    if not (root / "cmd" / "readback").is_dir():
        _missing("the Go client has no cmd/readback")
    if shutil.which("go") is None:
        _missing("go is not installed")
    binary = tmp / "readback-go"
    # The same program as `go run ./cmd/readback`, built once instead of at every run.
    _run(["go", "build", "-o", str(binary), "./cmd/readback"], root)
    return Tool("go", [str(binary)], root)


@pytest.fixture(scope="session")
def server() -> Iterator[Cloutd]:
    with Cloutd() as s:
        with clout.Client(s.address, timeout=60) as client:
            write_fixture(client)
        yield s


@pytest.fixture(scope="session")
def python_view(server: Cloutd) -> dict[tuple[str, str | None, str], tuple[clout.Series, float]]:
    """What the Python client reads and computes for each case."""
    view = {}
    with clout.Client(server.address, timeout=60) as client:
        for field, post, metric in CASES:
            series = client.read_series(CREATOR, field, post=post, start=START, end=END)
            value = client.compute(metric, CREATOR, START, END).value
            view[(field, post, metric)] = (series, value)
    return view


@pytest.fixture(scope="session", params=["node", "go"])
def tool(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Tool:
    return node_tool() if request.param == "node" else go_tool(tmp_path_factory.mktemp("go"))


def run_readback(tool: Tool, server: Cloutd, field: str, post: str | None, metric: str) -> dict:
    cmd = [*tool.command, "--server", server.address, "--creator", CREATOR, "--field", field]
    if post is not None:
        cmd += ["--post", post]
    cmd += ["--metric", metric, "--start", str(START), "--end", str(END)]
    run = subprocess.run(cmd, cwd=tool.cwd, capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert run.returncode == 0, f"{tool.name} readback failed ({run.returncode}): {run.stderr[-3000:]}"
    lines = [line for line in run.stdout.splitlines() if line.strip()]
    assert len(lines) == 1, f"{tool.name} readback must print one JSON object, printed:\n{run.stdout[:2000]}"
    return json.loads(lines[0])


# --------------------------------------------------------------------------- the test


@pytest.mark.parametrize("field,post,metric", CASES, ids=[f"{f}{'/' + p if p else ''}-{m}" for f, p, m in CASES])
def test_reads_back_identically_and_computes_the_same(
    tool: Tool, server: Cloutd, python_view: dict, field: str, post: str | None, metric: str
) -> None:
    expected, expected_value = python_view[(field, post, metric)]
    assert len(expected) > 0 and math.isfinite(expected_value)

    out = run_readback(tool, server, field, post, metric)
    assert set(out) >= {"timestamps", "values", "metric_value"}, out.keys()
    # JSON integers, not floats: an int64 printed through a double would lose digits.
    assert all(type(t) is int for t in out["timestamps"]), f"{tool.name}: timestamps are not all JSON integers"
    assert all(type(v) is int for v in out["values"]), f"{tool.name}: values are not all JSON integers"
    assert out["timestamps"] == expected.timestamps, f"{tool.name}: timestamps differ from Python's read"
    assert out["values"] == expected.values, f"{tool.name}: values differ from Python's read"
    # The same server computes the metric for every client: the values must be the same double.
    got = out["metric_value"]
    assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{tool.name}: metric_value {got!r}"
    assert float(got) == expected_value, f"{tool.name}: {metric} = {got!r}, Python computed {expected_value!r}"


def test_fixture_spans_the_int64_range(python_view: dict) -> None:
    series, _ = python_view[("likes_total", None, "follower_quality")]
    assert INT64_MAX in series.values and 2**53 + 1 in series.values
    long, _ = python_view[("saves", "p1", "engagement_rate")]
    assert len(long) == 14 * 24 * 60
