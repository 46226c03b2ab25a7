"""Process memory of this benchmark process, from Linux /proc (shared by the bench_*.py)."""
import os

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss() -> int:
    """Resident set size now, in bytes."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def vm_hwm() -> int:
    """The resident-set high-water mark, in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0


def reset_hwm() -> bool:
    """Reset the resident-set high-water mark to the current RSS (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def timed_runs(run, repeats: int):
    """Run ``run()`` ``repeats`` times; returns the last result and the measurements: every wall
    and CPU time, the best run's, the RSS before the runs and the peak during them (without a
    resettable high-water mark, the process's peak, data generation included)."""
    import gc
    import resource
    import time

    gc.collect()
    base = rss()
    hwm_reset = reset_hwm()
    walls, cpus, out = [], [], None
    for _ in range(repeats):
        out = None
        gc.collect()
        w, c = time.perf_counter(), time.process_time()
        out = run()
        walls.append(time.perf_counter() - w)
        cpus.append(time.process_time() - c)
    peak = vm_hwm() if hwm_reset else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    best = walls.index(min(walls))
    return out, {"wall": walls[best], "cpu": cpus[best], "walls": walls, "base_rss": base, "peak_rss": peak,
                 "peak_is_process_peak": not hwm_reset}


def mib(b) -> str:
    """Bytes as whole MiB for the tables ("n/a" when unknown)."""
    return "n/a" if b is None else f"{round(b / 2**20) or 0:,}"


def run_child(script: str, side: str, options: list, tmp) -> dict:
    """Runs `script --child side --out FILE options...` in its own process (so each side's
    memory is its own) and returns the dict it pickled into FILE."""
    import pickle
    import subprocess
    import sys

    out = os.path.join(str(tmp), f"{side.replace(':', '-')}.pickle")
    subprocess.run([sys.executable, os.path.abspath(script), "--child", side, "--out", out, *map(str, options)], check=True)
    with open(out, "rb") as f:
        return pickle.load(f)
