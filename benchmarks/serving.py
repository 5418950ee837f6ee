"""2. Time to first page and 3. serving under load, plus the in-process cost of each endpoint."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
import time
from typing import Any

from .apps import BUILD_STEPS, ENDPOINTS, App
from .common import (
    CONNECTIONS,
    HERE,
    SLUG,
    children,
    free_port,
    http_status,
    log,
    median,
    parse_importtime,
    rss_kib,
    run,
    stop,
    wait_for_200,
)


def start(app: App) -> tuple[subprocess.Popen[bytes], int, dict[str, Any]]:
    """A fresh start of ``app``: reset, migrate (and collectstatic), serve, wait for its first page.

    Returns the running server, its port and the timings: the steps, the server's start to the
    first 200, and the total that counts (the steps but BUILD_STEPS, and the server's start).
    """
    app.reset()
    steps = app.prepare()
    port = free_port()
    proc = app.serve(port)
    try:
        cold = wait_for_200(f"http://127.0.0.1:{port}{app.first}", proc)
    except BaseException:
        stop(proc)
        raise
    counted = sum(v for k, v in steps.items() if not k.endswith(" CPU") and k not in BUILD_STEPS)
    return proc, port, {"steps": steps, "cold": cold, "total": counted + cold}


def first_page_entry(timings: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians of ``start()``'s timings over runs."""
    steps = timings[0]["steps"]
    return {
        "runs": len(timings),
        "total_median_s": round(median([t["total"] for t in timings]), 3),
        "server_start_to_200_median_s": round(median([t["cold"] for t in timings]), 3),
        "steps_median_s": {k: round(median([t["steps"][k] for t in timings]), 3) for k in steps},
        "steps_not_in_total": [k for k in steps if k in BUILD_STEPS],
        "all_s": [round(t["total"], 3) for t in timings],
    }


def first_page(apps: list[App], runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for app in apps:
        log(f"time to first page: {app.name}, {runs} run(s)")
        timings = []
        for _ in range(runs):
            proc, _port, t = start(app)
            stop(proc)
            timings.append(t)
        out[app.name] = first_page_entry(timings)
    return out


def ensure_wrk() -> str | None:
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") and os.geteuid() == 0:
        log("installing wrk with apt-get")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], capture_output=True, env=env, check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], capture_output=True, env=env, check=False)
    return shutil.which("wrk")


def _ms(value: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)", value)
    if not m:
        return float("nan")
    return float(m[1]) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[m[2]]


def load_wrk(wrk: str, url: str, seconds: float) -> dict[str, Any]:
    res = run([wrk, "-t1", f"-c{CONNECTIONS}", f"-d{max(1, round(seconds))}s", "--latency", "--timeout", "5s", url])
    text = res.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text)[1])  # type: ignore[index]
    # Anchored at a line start: "57.50%" in the thread stats would match a bare "50%".
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", text, re.M)[1])  # type: ignore[index]
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", text, re.M)[1])  # type: ignore[index]
    if p99 != p99:  # wrk printed no number (seen on a loaded machine): take the max latency instead
        p99 = _ms(re.search(r"Latency\s+\S+\s+\S+\s+(\S+)", text)[1])  # type: ignore[index]
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors:.*", text)
    total = int(re.search(r"(\d+) requests in", text)[1])  # type: ignore[index]
    return {
        "rps": round(rps, 1),
        "p50_ms": round(p50, 2),
        "p99_ms": round(p99, 2),
        "requests": total,
        "non_2xx": int(non2xx[1]) if non2xx else 0,
        "socket_errors": errors[0] if errors else "",
        "tool": "wrk",
        "raw": text,
    }


def load_python(url: str, seconds: float) -> dict[str, Any]:
    """A plain load generator (threads, one request per connection) when wrk is not available."""
    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def worker() -> None:
        mine = []
        while time.perf_counter() < deadline:
            t = time.perf_counter()
            code = http_status(url, timeout=5)
            mine.append(time.perf_counter() - t)
            if code != 200:
                bad[0] += 1
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=worker) for _ in range(CONNECTIONS)]
    start = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": round(len(latencies) / elapsed, 1),
        "p50_ms": round(latencies[len(latencies) // 2] * 1000, 2),
        "p99_ms": round(latencies[int(len(latencies) * 0.99)] * 1000, 2),
        "requests": len(latencies),
        "non_2xx": bad[0],
        "socket_errors": "",
        "tool": "python threads",
    }


def serving(apps: list[App], seconds: float, wrk: str | None, slices: int) -> dict[str, Any]:
    """Each app under gunicorn, each endpoint loaded in ``slices`` slices of ``seconds / slices``."""
    out: dict[str, Any] = {}
    for app in apps:
        log(f"serving: {app.name}, {seconds:.0f} s per endpoint")
        proc, port, timings = start(app)
        entry: dict[str, Any] = {
            "framework": app.framework,
            "kind": app.kind,
            "cold_start_s": round(timings["cold"], 3),
            "first_page": first_page_entry([timings]),
            "endpoints": {},
        }
        try:
            for key, path in app.endpoints.items():
                url = f"http://127.0.0.1:{port}{path}"
                status = http_status(url)
                if status != 200:
                    raise RuntimeError(f"{app.name}: {url} answered {status}")
                load = (lambda u, s: load_wrk(wrk, u, s)) if wrk else load_python
                load(url, min(1.0, seconds / 3))  # warm-up: every worker has served the path
                # Slices, the best kept (by req/s): on a shared machine other work only ever slows a slice down.
                loads = [load(url, seconds / slices) for _ in range(slices)]
                best = max(loads, key=lambda x: x["rps"])
                entry["endpoints"][key] = {
                    "label": ENDPOINTS[key],
                    "path": path,
                    **best,
                    "slices": slices,
                    "rps_all_slices": [x["rps"] for x in loads],
                    "rps_median_slices": round(median([x["rps"] for x in loads]), 1),
                }
            workers = children(proc.pid)
            entry["worker_rss_mib"] = [round(rss_kib(w) / 1024, 1) for w in workers]
            entry["master_rss_mib"] = round(rss_kib(proc.pid) / 1024, 1)
        finally:
            stop(proc)
        out[app.name] = entry
    return out


def attribution(apps: list[App], n: int, quick: bool = False) -> dict[str, Any]:
    """Per-request cost inside one process, with parts taken away (see probe.py)."""
    out: dict[str, Any] = {}
    for app in apps:
        log(f"in-process cost: {app.name}, {app.probed}")
        target = f"{SLUG}.settings" if app.framework == "django" else f"{SLUG}:create_app()"
        if not app.generated:
            target = "bare.settings" if app.framework == "django" else "app:app"
        parts = app.kind == "api"  # the API list: what its parts cost; the others: each middleware or hook
        args = [app.framework, target, app.probed, str(n), str(int(quick)), str(int(parts))]
        res = run(
            [app.python(), str(HERE / "probe.py"), *args],
            cwd=app.path,
            env=app.env,
            timeout=900,  # a probe that hangs fails the run instead of stalling it
        )
        line = next(x for x in res.stdout.splitlines() if x.startswith("FOD-PROBE "))
        out[app.name] = json.loads(line.removeprefix("FOD-PROBE "))
        if not quick:
            out[app.name]["import"] = import_profile(app)
    return out


def import_profile(app: App) -> dict[str, Any]:
    """python -X importtime of what a gunicorn worker imports to build the app."""
    if app.framework == "django":
        code = f"import {app.wsgi}"
    else:
        module, _, attr = app.wsgi.partition(":")
        code = f"import {module}; {module}.{attr}"
    res = subprocess.run(
        [app.python(), "-X", "importtime", "-c", code], cwd=app.path, env=app.env, capture_output=True, text=True
    )
    return parse_importtime(res.stderr)
