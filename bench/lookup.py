"""Benchmark: public lookups of a producer by BIN and of goods by code, against a trivial endpoint on the same
server in the same run (gunicorn, PostgreSQL, the register of bench.generate_register), then p50/p99 latency at
half the lookup throughput.

    python -m bench.lookup --producers 100000      # 1,000,000 goods

Uses wrk (Debian package) for throughput and a constant-rate asyncio client for latency.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from bench.monitoring import BIN, ENV, django_setup, setup

SERVER = "http://127.0.0.1:8800"


def wrk(path_or_script: str, seconds: int = 15) -> float:
    """Requests per second that wrk sustains (2 threads, 32 connections)."""
    args = ["wrk", "-t2", "-c32", f"-d{seconds}s"]
    if path_or_script.endswith(".lua"):
        args += ["-s", path_or_script, SERVER]
    else:
        args.append(SERVER + path_or_script)
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if non_2xx:
        raise SystemExit(f"errors during the run:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]


def lua_script(paths: list[str]) -> str:
    body = "paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n"
    body += "request = function() return wrk.format('GET', paths[math.random(#paths)]) end\n"
    handle = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    handle.write(body)
    handle.close()
    return handle.name


async def constant_rate(paths: list[str], rate: float, seconds: int) -> list[float]:
    import httpx

    latencies: list[float] = []
    async with httpx.AsyncClient(base_url=SERVER, timeout=10, limits=httpx.Limits(max_connections=64)) as client:

        async def one(path: str) -> None:
            started = time.perf_counter()
            response = await client.get(path)
            response.raise_for_status()
            latencies.append((time.perf_counter() - started) * 1000)

        tasks = []
        start = time.perf_counter()
        for i in range(int(rate * seconds)):
            delay = start + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(one(random.choice(paths))))  # noqa: S311
        await asyncio.gather(*tasks)
    return latencies


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--producers", type=int, default=100_000)
    parser.add_argument("--seconds", type=int, default=15)
    args = parser.parse_args()
    setup(args.producers)
    django_setup()
    from nisi.registry.models import RegisterGood, RegisterRecord

    identifiers = list(RegisterRecord.objects.values_list("organization__identifier", flat=True)[:20000])
    codes = list(RegisterGood.objects.values_list("hs_code", flat=True).distinct()[:2000])
    producer_paths = [f"/api/v1/register/producers/{i}" for i in identifiers]
    goods_paths = [f"/api/v1/register/goods?code={c}&limit=20" for c in codes]
    server = subprocess.Popen(
        [str(BIN / "gunicorn"), "nisi.config.wsgi", "-w", "4", "-b", "127.0.0.1:8800", "--log-level", "warning"],
        env={**ENV, "NISI_DEBUG": "0"}, start_new_session=True,
    )
    try:
        time.sleep(4)
        results: dict[str, object] = {"producers": args.producers, "goods": RegisterGood.objects.count()}
        results["trivial_rps"] = wrk("/health", args.seconds)
        results["producer_by_bin_rps"] = wrk(lua_script(producer_paths), args.seconds)
        results["goods_by_code_rps"] = wrk(lua_script(goods_paths), args.seconds)
        for name, paths in (("producer_by_bin", producer_paths), ("goods_by_code", goods_paths)):
            rate = float(results[f"{name}_rps"]) / 2  # type: ignore[arg-type]
            latencies = asyncio.run(constant_rate(paths, rate, args.seconds))
            results[f"{name}_ratio_to_trivial"] = round(float(results[f"{name}_rps"]) / float(results["trivial_rps"]), 2)  # type: ignore[arg-type]
            results[f"{name}_at_half_load_rps"] = round(rate, 1)
            results[f"{name}_p50_ms"] = round(percentile(latencies, 50), 1)
            results[f"{name}_p99_ms"] = round(percentile(latencies, 99), 1)
        print(json.dumps(results, indent=2))
    finally:
        os.killpg(server.pid, 15)


if __name__ == "__main__":
    main()
