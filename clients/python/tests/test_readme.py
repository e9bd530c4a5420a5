"""The README's quick start runs as written against a real server."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def quick_start() -> str:
    text = README.read_text()
    section = text.split("\n## Quick start\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    assert len(blocks) == 1, "the quick start has one python block"
    return blocks[0]


def test_quick_start_runs_as_written(server, tmp_path: Path) -> None:
    script = tmp_path / "quick_start.py"
    script.write_text(quick_start())
    env = dict(os.environ, CLOUT_SERVER=server.address)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert run.returncode == 0, run.stderr
    # What the quick start's comments promise.
    assert run.stdout.splitlines() == [
        "stored 8 samples",
        "[1000, 1010, 1025]",
        "engagement_rate: 8.00 percent (by_views)",
    ]


def test_quick_start_reads_the_documented_default() -> None:
    code = quick_start()
    assert 'os.environ.get("CLOUT_SERVER", "127.0.0.1:7420")' in code


def test_error_example_runs(server, tmp_path: Path) -> None:
    """The README's Errors block, with a client opened first (the block uses one)."""
    text = README.read_text()
    section = text.split("\n## Errors\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```python\n(.*?)```", section, flags=re.S)
    script = tmp_path / "errors.py"
    script.write_text(f"import clout\nclient = clout.Client({server.address!r}, timeout=10)\n" + block)
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert lines[0] == "StatusCode.INVALID_ARGUMENT"
    assert lines[1].startswith("0 1 series[0].values[1]: -4 is negative")
    assert lines[2] == "1"
