import os
import pathlib
import signal
import subprocess
import sys
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SHARED_DATA = pathlib.Path(os.environ.get("MSP_SHARED_DATA_DIR", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data():
    if not SHARED_DATA.is_dir():
        pytest.fail(f"reference data not found at {SHARED_DATA} (set MSP_SHARED_DATA_DIR)")
    return SHARED_DATA


@pytest.fixture
def kill_mid_transaction():
    """Runs ``python -c code *args`` with mspcore importable and SIGKILLs it once its
    uncommitted pages spill into the SQLite WAL of ``path`` (> 1 MiB): mid-transaction."""
    def run(path: pathlib.Path, code: str, *args):
        import mspcore

        wal = path.with_name(path.name + "-wal")
        package_root = os.path.dirname(os.path.dirname(mspcore.__file__))
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([package_root, os.environ.get("PYTHONPATH", "")]))
        child = subprocess.Popen([sys.executable, "-c", code, *map(str, args)], env=env)
        while child.poll() is None and not (wal.exists() and wal.stat().st_size > 1 << 20):
            time.sleep(0.001)
        assert child.poll() is None, "the writer finished before it could be killed"
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait() == -signal.SIGKILL
    return run
