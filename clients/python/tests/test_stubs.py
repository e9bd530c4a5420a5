"""The committed stubs under src/clout/_proto match what scripts/generate.py makes from ../../proto."""
from __future__ import annotations

import difflib
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parents[1]
COMMITTED = PACKAGE_ROOT / "src" / "clout" / "_proto"
GENERATE = PACKAGE_ROOT / "scripts" / "generate.py"


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text()
        for p in sorted(root.rglob("*"))
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_committed_stubs_are_up_to_date(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, str(GENERATE), "--out", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 0, f"scripts/generate.py failed:\n{run.stdout}{run.stderr}"
    fresh, committed = _files(tmp_path), _files(COMMITTED)
    stale = sorted(set(fresh) ^ set(committed)) + sorted(k for k in set(fresh) & set(committed) if fresh[k] != committed[k])
    if stale:
        k = stale[0]
        diff = "".join(
            difflib.unified_diff(
                committed.get(k, "").splitlines(True), fresh.get(k, "").splitlines(True), f"committed/{k}", f"fresh/{k}", n=1
            )
        )
        raise AssertionError(
            f"the committed stubs are stale ({', '.join(stale)}): run python clients/python/scripts/generate.py\n{diff[:3000]}"
        )


def test_generator_pin_matches_pyproject() -> None:
    spec = importlib.util.spec_from_file_location("clout_generate", GENERATE)
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generate)
    pyproject = (PACKAGE_ROOT / "pyproject.toml").read_text()
    assert f'"grpcio-tools=={generate.GRPCIO_TOOLS_VERSION}"' in pyproject
    # The runtime floors in the dependencies match what the generated code checks at import.
    grpc_floor = re.search(r"GRPC_GENERATED_VERSION = '([\d.]+)'", (COMMITTED / "v1" / "query_pb2_grpc.py").read_text())
    assert grpc_floor and f'"grpcio>={grpc_floor.group(1)}"' in pyproject
    pb_floor = re.search(r"# Protobuf Python Version: ([\d.]+)", (COMMITTED / "v1" / "query_pb2.py").read_text())
    assert pb_floor and f'"protobuf>={pb_floor.group(1)},' in pyproject


def test_stubs_import_inside_the_package() -> None:
    from clout import pb

    assert pb.query_pb2.ReadSeriesRequest.__module__ == "clout._proto.v1.query_pb2"
    assert pb.ingest_pb2.WriteRequest.DESCRIPTOR.full_name == "clout.v1.WriteRequest"
    assert pb.metrics_pb2_grpc.MetricsStub is not None
