"""Fixtures: one real cloutd per test session (free port, temporary data folder) and a client.

The server is <repo>/build/cloutd with the plugins of <repo>/build/plugins, or $CLOUTD and
$CLOUT_PLUGINS; it is started by tests/clients/cloutd.py, the helper shared with the
cross-language test.
"""
from __future__ import annotations

import importlib.util
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import clout

REPO_ROOT = Path(__file__).resolve().parents[3]


def _load_helper() -> ModuleType:
    path = REPO_ROOT / "tests" / "clients" / "cloutd.py"
    spec = importlib.util.spec_from_file_location("clout_tests_cloutd", path)
    assert spec and spec.loader, path
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cloutd = _load_helper()


@pytest.fixture(scope="session")
def server() -> Iterator[object]:
    with cloutd.Cloutd() as s:
        yield s


@pytest.fixture
def client(server) -> Iterator[clout.Client]:
    with clout.Client(server.address, timeout=20) as c:
        yield c


@pytest.fixture
def creator() -> str:
    """A creator id no other test uses."""
    return f"tiktok:{uuid.uuid4().hex[:12]}"
