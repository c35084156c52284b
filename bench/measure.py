"""What every benchmark in `bench/` measures besides its own figures (the convention in docs/benchmarks.md): the
machine's load before and after, and the CPU that each kind of process spent on the work, so that a figure can be
set beside the physical limit worked out from the settings and the measured CPU per unit.

    with CpuMeter(db="nisi_bench") as meter:
        meter.watch("worker", worker_pid)          # a process and all its descendants
        ...                                         # the work
    meter.seconds()  ->  {"worker": 41.2, "postgresql": 9.8}

PostgreSQL's CPU is that of the backends connected to the benchmark's own database (from `pg_stat_activity`),
so that other engineers' databases on the same server are not counted. Backends and workers that come and go
during the run are counted up to their last sample (every 0.25 s).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

TICKS = os.sysconf("SC_CLK_TCK")


def load_average() -> str:
    """The 1, 5 and 15 minute load averages: other engineers' test suites share these cores at times."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def cpu_of(pid: int) -> float | None:
    """User + system CPU seconds of one process (not its children), or None if it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def descendants(pid: int) -> list[int]:
    """The process and every process below it (from /proc: each one's parent)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (FileNotFoundError, ProcessLookupError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_mb(pids: Iterable[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (FileNotFoundError, ProcessLookupError):
            continue
    return round(total / 1024, 1)


class CpuMeter:
    """Samples, in a thread, the CPU of named process trees and of PostgreSQL's backends for one database."""

    def __init__(self, *, db: str | None = None, dsn: str = "postgres://postgres@127.0.0.1:5432/postgres") -> None:
        self._db, self._dsn = db, dsn
        self._roots: dict[str, list[int]] = {}
        self._seen: dict[tuple[str, int], float] = {}  # (kind, pid) -> CPU at the last sample
        self._start: dict[tuple[str, int], float] = {}  # (kind, pid) -> CPU when first seen (0 if born during)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True, name="cpu-meter")
        self._lock = threading.Lock()
        self._pg_lock = threading.Lock()
        self._conn: Any = None
        self._started = False

    def watch(self, kind: str, pid: int) -> None:
        """Counts the process `pid` and its descendants (present and future) under `kind`."""
        with self._lock:
            self._roots.setdefault(kind, []).append(pid)
        self._sample()

    def _pg_pids(self) -> list[int]:
        if self._db is None:
            return []
        import psycopg

        with self._pg_lock:  # one connection kept for the run: opening one per sample would cost PostgreSQL CPU
            if self._conn is None:
                self._conn = psycopg.connect(self._dsn, autocommit=True)
            rows = self._conn.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", (self._db,)
            ).fetchall()
        return [pid for (pid,) in rows]

    def _sample(self) -> None:
        with self._lock:
            roots = {kind: list(pids) for kind, pids in self._roots.items()}
        targets: list[tuple[str, int]] = [("postgresql", pid) for pid in self._pg_pids()]
        for kind, pids in roots.items():
            for root in pids:
                targets += [(kind, pid) for pid in descendants(root)]
        for key in targets:
            cpu = cpu_of(key[1])
            if cpu is None:
                continue
            with self._lock:
                if key not in self._start:
                    self._start[key] = cpu if not self._started else 0.0
                self._seen[key] = cpu

    def _loop(self) -> None:
        while not self._stop.wait(0.25):
            self._sample()

    def __enter__(self) -> CpuMeter:
        self._sample()  # what the watched processes had spent before the work is not the work's
        self._started = True
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()
        if self._conn is not None:
            self._conn.close()

    def seconds(self) -> dict[str, float]:
        """CPU seconds spent by each kind during the measurement."""
        totals: dict[str, float] = {}
        with self._lock:
            for key, cpu in self._seen.items():
                totals[key[0]] = totals.get(key[0], 0.0) + cpu - self._start[key]
        return {kind: round(value, 2) for kind, value in sorted(totals.items())}


def per_unit_ms(cpu: dict[str, float], units: int) -> dict[str, float]:
    """CPU milliseconds per unit of work, by kind, and all together."""
    result: dict[str, Any] = {kind: round(seconds * 1000 / units, 3) for kind, seconds in cpu.items()}
    result["all"] = round(sum(cpu.values()) * 1000 / units, 3)
    return result
