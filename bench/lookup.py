"""Benchmark: the public lookups against a trivial endpoint at the same layer, with a realistic key mix (issue 11).

    python -m bench.lookup --producers 100000      # 1,000,000 goods

One gunicorn as the README runs it (4 sync workers; persistent database connections), the register of
bench.generate_register, wrk (Debian package) for throughput and a constant-rate asyncio client for latency. The
trivial endpoint is `/bench/trivial`, answered right below the lookups' middleware (bench.trivial), so both pass the
same layers. Three set-ups, each against its own trivial endpoint in the same run:

- **naive**: answers built by the ORM through the whole stack, nothing kept (`NISI_BENCH_NAIVE=1`);
- **simple**: the one indexed statement, built at the front layer, nothing kept (`NISI_PUBLIC_ANSWER_TTL_S=0`);
- **kept**: production (answers kept in Redis, retired by what a change touches): a first round from a cold cache,
  reported apart; then the realistic mix's own traffic for `--warm-seconds` (600; production keeps an answer a
  day, so the cache holds less than a serving system's: a lower bound); then the rounds whose median is the
  figure.

Questions (`bench/lookup_keys.py`): drawn anew for every request, Zipf-distributed (s = 1) over every producer and
every product code in the register; the realistic mix is 50 % BIN now, 20 % code (first page of 20), 10 % BIN on a
past day (any of 700), 10 % a valid BIN never in the register and 10 % a name search. CPU per request (gunicorn and
this database's PostgreSQL backends) gives the physical limit of two cores; the CPU that other processes used
during a set-up is counted (`others_share_of_cpu`): above 5 % the set-up is not a valid measurement.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import gc
import json
import os
import random
import re
import statistics
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import uvloop

from bench import lookup_keys
from bench.monitoring import BIN, DB, ENV, ROOT, django_setup, setup

WARM_UP = "realistic_mix"  # the traffic that warms the kept set-up's cache after its cold round
SERVER = f"http://127.0.0.1:{os.environ.get('NISI_BENCH_PORT', '8801')}"
# The shared cache of public answers, as production runs it (NISI_CACHE_URL); NISI_BENCH_CACHE_DB chooses its db.
CACHE_DB = os.environ.get("NISI_BENCH_CACHE_DB", "13")


def wrk(
    path_or_script: str, seconds: int = 15, *, not_found: bool = False, script_args: tuple[str, ...] = ()
) -> tuple[float, int]:
    """Requests per second that wrk sustains (2 threads, 32 connections), and how many requests it made."""
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s"]
    if path_or_script.endswith(".lua"):
        args += ["-s", path_or_script, SERVER, "--", *script_args]
    else:
        args.append(SERVER + path_or_script)
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx and not not_found:  # the realistic mix asks for BINs never in the register: 404 by design
        raise SystemExit(f"errors during the run:\n{out}")
    socket_errors = re.search(r"Socket errors: (.*)", out)
    if socket_errors:
        print(f"wrk {path_or_script}: socket errors {socket_errors.group(1)}", flush=True)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    return rps, int(re.search(r"(\d+) requests in", out).group(1))  # type: ignore[union-attr]


def redis_misses() -> int:
    """Answers that the shared cache did not have so far. Redis counts each missing key: a lookup whose answer is
    not kept misses twice (the middleware's look, then the API's before it builds the answer)."""
    out = subprocess.run(["redis-cli", "-n", CACHE_DB, "INFO", "stats"], check=True, capture_output=True, text=True)
    return int(re.search(r"keyspace_misses:(\d+)", out.stdout).group(1))  # type: ignore[union-attr]


def cache_memory_mb() -> float:
    """What the shared cache's Redis holds (all its databases: a production Redis sized for the answers)."""
    out = subprocess.run(["redis-cli", "INFO", "memory"], check=True, capture_output=True, text=True)
    return round(int(re.search(r"used_memory:(\d+)", out.stdout).group(1)) / 2**20, 1)  # type: ignore[union-attr]


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (others share these two cores at times)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


async def constant_rate(paths: list[str], rate: float) -> tuple[list[float], int]:
    """An open-loop client: requests go out on a fixed schedule whatever the answers, and each latency counts
    from the moment its request was due (a late client or a slow server both show, no coordinated omission).
    Plain asyncio streams, one connection per request as gunicorn's sync workers close them: an HTTP client
    library costs about a millisecond of CPU a request, which on two shared cores would itself be the limit. Asks
    `paths` in their order, one every 1/`rate` seconds."""
    host, port = SERVER.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0

    async def one(path: str, due: float) -> None:
        nonlocal errors
        try:
            reader, writer = await asyncio.open_connection(host, int(port))
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            status = await asyncio.wait_for(reader.readline(), 10)
            await asyncio.wait_for(reader.read(), 10)
            writer.close()
        except (OSError, TimeoutError):
            errors += 1
            return
        if b" 200 " not in status and b" 404 " not in status:  # 404: a BIN never in the register, by design
            errors += 1
            return
        latencies.append((time.perf_counter() - due) * 1000)

    tasks = []
    # The client's own collector must not pause it: a full collection over its thousands of tasks stopped the
    # reading of every answer in flight for tens of milliseconds, counted as the server's latency (a p99 of 43 ms at
    # 2,000 requests/s was 18 ms without it, the server unchanged).
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for i, path in enumerate(paths):
            due = start + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(path, due)))
        await asyncio.gather(*tasks)
    finally:
        gc.enable()
    return latencies, errors


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile; None with fewer than two answers (a saturated machine: the run is void, not a crash)."""
    if len(values) < 2:
        return None
    return statistics.quantiles(values, n=100)[int(q) - 1]


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def zipf_sample(items: list[str], n: int, rng: random.Random) -> list[str]:
    """`n` draws from `items`, the k-th most asked with weight 1/k (Zipf, s = 1); ranks shuffled once."""
    ranked = list(items)
    rng.shuffle(ranked)
    weights = [1 / k for k in range(1, len(ranked) + 1)]
    return rng.choices(ranked, weights=weights, k=n)


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU of these processes so far, in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def all_cpu_seconds() -> dict[int, float]:
    """Every process's user and system CPU so far, in seconds, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
    return found


def others_cpu(before: dict[int, float], after: dict[int, float], ours: set[int]) -> float:
    """CPU seconds that processes other than the benchmark's own (`ours`: the server, its PostgreSQL backends, Redis,
    this client; wrk has exited by then) spent between two readings of `all_cpu_seconds`: other work on the two
    cores, which the load average cannot tell from the benchmark's own runnable processes."""
    return sum(spent - before.get(pid, 0.0) for pid, spent in after.items() if pid not in ours)


def server_pids(server: subprocess.Popen[bytes]) -> list[int]:
    """gunicorn's processes, and the PostgreSQL backends connected to the benchmark's database."""
    import psycopg

    children = subprocess.run(["pgrep", "-g", str(server.pid)], capture_output=True, text=True, check=False)
    pids = [int(p) for p in children.stdout.split()]
    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (DB,)).fetchall()
    return pids + [row[0] for row in rows]


def ratios_to_trivial(rounds: dict[str, list[float]], names: list[str], first: int) -> dict[str, object]:
    """Each target's ratio to the trivial endpoint of the same round, by round and as the median of the rounds from
    `first` on (with `first` = 1, the cold round apart). A round whose trivial endpoint answered nothing (every
    request timed out on a saturated machine) has no ratio: it is left out, and said so (None)."""
    results: dict[str, object] = {}
    for name in names:
        by_round = [
            lookup / trivial if trivial else None
            for lookup, trivial in zip(rounds[name], rounds["trivial"], strict=True)
        ]
        results[f"{name}_ratio_to_trivial_by_round"] = [None if r is None else round(r, 2) for r in by_round]
        if first and by_round[0] is not None:
            results[f"{name}_ratio_to_trivial_cold"] = round(by_round[0], 2)
        steady = [r for r in by_round[first:] if r is not None]
        results[f"{name}_ratio_to_trivial"] = round(statistics.median(steady), 2) if steady else None
    return results


def run_rounds(
    server: subprocess.Popen[bytes],
    folder: Path,
    targets: list[str],
    rounds_n: int,
    seconds: int,
    *,
    warm_seconds: int = 0,
) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, list[float]]]:
    """`rounds_n` rounds of the trivial endpoint and each target: requests per second, CPU per request (ms) and the
    share of answers found kept, by round. After the first round, `warm_seconds` of the realistic mix at full rate
    (questions drawn anew, as in the rounds)."""
    rounds: dict[str, list[float]] = {name: [] for name in ["trivial", *targets]}
    cpu: dict[str, list[float]] = {name: [] for name in ["trivial", *targets]}
    hits: dict[str, list[float]] = {name: [] for name in targets}
    for number in range(1, rounds_n + 1):
        for name in ["trivial", *targets]:
            pids = server_pids(server)
            misses, spent = redis_misses(), cpu_seconds(pids)
            if name == "trivial":
                rps, requests = wrk("/bench/trivial", seconds)
            else:  # each round draws new questions (its own seed) from the same laws
                drawn = (str(folder), name, str(number))
                rps, requests = wrk(str(folder / "stream.lua"), seconds, not_found=True, script_args=drawn)
            cpu[name].append((cpu_seconds(pids) - spent) / max(requests, 1) * 1000)  # none: all timed out (2 s)
            rounds[name].append(rps)
            if name in hits:
                hits[name].append(round(1 - (redis_misses() - misses) / max(requests, 1), 2))
        if number == 1 and warm_seconds:
            wrk(str(folder / "stream.lua"), warm_seconds, not_found=True, script_args=(str(folder), WARM_UP, "0"))
    return rounds, cpu, hits


def measure(
    label: str,
    env: dict[str, str],
    targets: list[str],
    keys: lookup_keys.Population,
    *,
    rounds_n: int,
    seconds: int,
    latency_of: list[str],
    cold_first: bool = False,
    warm_seconds: int = 0,
) -> dict[str, object]:
    """Rounds of the trivial endpoint and each target against one gunicorn from a cold cache, the CPU per request,
    then latency at half load for `latency_of`. With `cold_first` (answers kept), the first round is the cache's
    cold start and is reported apart (`…_cold`); then `warm_seconds` of the realistic mix's traffic at full rate
    (new questions from the same laws, no key asked in advance) bring the cache towards what a serving system has
    after running for a while, and the figures are the median of the rounds after it. Production keeps answers
    for a day (NISI_PUBLIC_ANSWER_TTL_S with Redis, ADR 17 addendum 10): nothing kept in the warm-up expires
    before the rounds, and a serving system has asked more of the tail's questions before than ten minutes have,
    so these figures are a lower bound of its steady state. (With the 600 s keep of sessions 13 to 15 they were
    not: the warm-up's hottest answers expired just as the rounds began.)"""
    subprocess.run(["redis-cli", "-n", CACHE_DB, "FLUSHDB"], check=True, capture_output=True)
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "nisi.config.wsgi",
            "-w",
            "4",
            "-b",
            SERVER.removeprefix("http://"),
            "--log-level",
            "warning",
            "--pythonpath",
            str(ROOT),
        ],
        env={**ENV, **env, "DJANGO_SETTINGS_MODULE": "bench.trivial", "NISI_DEBUG": "0", "NISI_DB_CONN_MAX_AGE": "600"},
        start_new_session=True,
        cwd=ROOT,
    )
    try:
        time.sleep(5)
        before = load_average()
        results: dict[str, object] = {"set_up": label, "load_average_before": before}
        everyone, started = all_cpu_seconds(), time.monotonic()
        folder = keys.write()
        script = str(folder / "stream.lua")
        draws = lookup_keys.Draws(keys, random.Random(12))  # noqa: S311 - a benchmark's key mix
        wrk("/bench/trivial", 2)  # every worker has connected to PostgreSQL and Redis before the CPU is counted
        for name in targets:  # and has imported what each kind of question needs
            wrk(script, 1, not_found=True, script_args=(str(folder), name, "0"))
        time.sleep(5)  # the warm-up's slow requests drain from the workers' queues before the first round
        rounds, cpu, hits = run_rounds(server, folder, targets, rounds_n, seconds, warm_seconds=warm_seconds)
        results["warm_up_seconds"] = warm_seconds
        results["rounds_rps"] = rounds
        results["answers_from_cache_by_round"] = hits
        first = 1 if cold_first and rounds_n > 1 else 0
        for name in ["trivial", *targets]:
            results[f"{name}_rps"] = round(statistics.median(rounds[name][first:]), 1)
            ms = statistics.median(cpu[name][first:])
            results[f"{name}_cpu_ms_per_request"] = round(ms, 3)
            # Two cores, all of them for the server: the most this set-up could answer (the client not counted).
            results[f"{name}_limit_rps"] = round(2000 / ms, 0) if ms else None
        results.update(ratios_to_trivial(rounds, targets, first))
        for name in latency_of:
            rate = float(results[f"{name}_rps"]) / 2  # type: ignore[arg-type]
            latencies, errors = uvloop.run(constant_rate(draws.paths(name, int(rate * seconds)), rate))
            results[f"{name}_at_half_load_rps"] = round(rate, 1)
            results[f"{name}_at_half_load_errors"] = errors
            results[f"{name}_p50_ms"] = rounded(percentile(latencies, 50))
            results[f"{name}_p99_ms"] = rounded(percentile(latencies, 99))
        results["load_average_after"] = load_average()
        results["cache_memory_mb"] = cache_memory_mb()
        redis = subprocess.run(["pgrep", "redis-server"], capture_output=True, text=True, check=False).stdout.split()
        ours = {os.getpid(), *server_pids(server), *(int(pid) for pid in redis)}
        share = others_cpu(everyone, all_cpu_seconds(), ours) / (2 * (time.monotonic() - started))
        results["others_share_of_cpu"] = round(share, 3)
        if share > 0.05:  # two cores: other work took a share of them during this set-up
            results["warning"] = f"other processes used {share:.0%} of the two cores: not a valid measurement"
        print(json.dumps(results), flush=True)
        return results
    finally:
        os.killpg(server.pid, 15)
        try:  # the next set-up binds the same port: this one must be gone
            server.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, 9)
            server.wait()
        time.sleep(1)


def key_lists(keys: int) -> tuple[list[str], list[str], list[str]]:
    """The paths asked (`keys` of each list): by BIN and by code, Zipf-distributed over every producer and every
    product code in the register, and the realistic mix (see the module's note). Needs Django set up."""
    from nisi.core import identifiers as bins
    from nisi.registry.models import RegisterGood, RegisterRecord

    rng = random.Random(11)  # noqa: S311 - a benchmark's key mix
    identifiers = list(RegisterRecord.objects.values_list("organization__identifier", flat=True))
    codes = list(RegisterGood.objects.order_by().values_list("hs_code", flat=True).distinct())
    never = []
    serial = 0
    while len(never) < 20_000:
        serial += 1
        try:
            never.append(bins.complete(f"26014{serial:06d}"))
        except bins.InvalidIdentifier:
            continue
    words = ["болат", "казах", "алтын", "агро", "мунай", "темір", "дала", "тулпар", "береке", "жол"]
    producer_paths = [f"/api/v1/register/producers/{i}" for i in zipf_sample(identifiers, keys, rng)]
    goods_paths = [f"/api/v1/register/goods?code={c}&limit=20" for c in zipf_sample(codes, keys, rng)]
    first_day = dt.date(2025, 1, 1)
    mix = []
    for roll in (rng.random() for _ in range(keys)):
        if roll < 0.5:
            mix.append(rng.choice(producer_paths))
        elif roll < 0.7:
            mix.append(rng.choice(goods_paths))
        elif roll < 0.8:
            day = first_day + dt.timedelta(days=rng.randrange(700))
            mix.append(f"{rng.choice(producer_paths)}?on={day.isoformat()}")
        elif roll < 0.9:
            mix.append(f"/api/v1/register/producers/{rng.choice(never)}")
        else:
            mix.append(f"/api/v1/register/goods?q={quote(zipf_sample(words, 1, rng)[0])}&limit=20")
    return producer_paths, goods_paths, mix


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--warm-seconds",
        type=int,
        default=600,
        help="seconds of the realistic mix after the kept set-up's cold round (600: production's keep)",
    )
    parser.add_argument("--set-ups", default="naive,simple,kept", help="which set-ups to run, comma-separated")
    args = parser.parse_args()
    setup(args.producers)
    django_setup()
    from nisi.registry.models import RegisterGood, RegisterRecord

    keys = lookup_keys.population(random.Random(11))  # noqa: S311 - a benchmark's key mix
    cache = {"NISI_CACHE_URL": f"redis://127.0.0.1:6379/{CACHE_DB}"}
    plain = ["producer_by_bin", "goods_by_code"]
    results: dict[str, object] = {
        "producers": RegisterRecord.objects.count(),
        "codes": RegisterGood.objects.order_by().values("hs_code").distinct().count(),
        "goods": RegisterGood.objects.count(),
    }
    set_ups = {
        "naive": lambda: measure(
            "naive: ORM, whole stack, nothing kept",
            {**cache, "NISI_BENCH_NAIVE": "1"},
            plain,
            keys,
            rounds_n=args.rounds,
            seconds=args.seconds,
            latency_of=[],
        ),
        "simple": lambda: measure(
            "one statement at the front layer, nothing kept",
            {**cache, "NISI_PUBLIC_ANSWER_TTL_S": "0"},
            plain,
            keys,
            rounds_n=args.rounds,
            seconds=args.seconds,
            latency_of=["producer_by_bin"],
        ),
        "kept": lambda: measure(
            "kept in Redis from a cold cache",
            cache,
            [*plain, "realistic_mix"],
            keys,
            rounds_n=args.rounds,
            seconds=args.seconds,
            latency_of=["realistic_mix"],
            cold_first=True,
            warm_seconds=args.warm_seconds,
        ),
    }
    for name in args.set_ups.split(","):
        results[name] = set_ups[name]()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
