"""In-process cost of one request, by variant: run with a project's own interpreter, in its folder.

    python probe.py django SETTINGS_MODULE PATH N     # generated Django project or bare startproject
    python probe.py flask  APP_FACTORY     PATH N     # "package:create_app" or "module:app"

Calls the WSGI application directly (no server, no socket), so what remains is the framework,
its middleware or hooks and the view. Prints one JSON object: variant -> microseconds per request.
Variants add a trivial JSON view (only in this process) and take middleware or hooks away one at a
time, so that the cost of each can be read as a difference.
"""

from __future__ import annotations

import io
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

QUICK = False  # only the main variants, not one per middleware or hook


def _environ(path: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8000",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1",
        "HTTP_ACCEPT": "application/json",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def measure(app: Callable[..., Any], path: str, n: int) -> dict[str, Any]:
    status: list[str] = []

    def start_response(s: str, headers: Any, exc_info: Any = None) -> Any:
        status.append(s)
        return lambda data: None

    def once() -> None:
        body = app(_environ(path), start_response)
        for _ in body:
            pass
        if hasattr(body, "close"):
            body.close()

    for _ in range(max(20, n // 20)):
        once()
    status.clear()
    # Several rounds, the fastest kept: other work on a shared machine only ever makes a round slower.
    rounds = 5
    per_round = max(1, n // rounds)
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(per_round):
            once()
        best = min(best, (time.perf_counter() - start) / per_round)
    return {"us": round(best * 1e6, 1), "status": status[-1].split()[0] if status else "?"}


Variant = tuple[str, Callable[[], None], Callable[..., Any], str]  # name, setup, WSGI app, path


def measure_interleaved(variants: list[Variant], n: int, rounds: int = 7) -> dict[str, Any]:
    """Per-request microseconds of each variant: rounds interleaved across variants, fastest round kept.

    Interleaving spreads every variant over the whole measurement, so a burst of other work on a
    shared machine slows one round of each instead of every round of one.
    """
    status: dict[str, str] = {}
    best: dict[str, float] = {}
    per_round = max(1, n // rounds)

    def calls(app: Callable[..., Any], path: str, count: int, name: str) -> None:
        def start_response(s: str, headers: Any, exc_info: Any = None) -> Any:
            status[name] = s.split()[0]
            return lambda data: None

        for _ in range(count):
            body = app(_environ(path), start_response)
            for _ in body:
                pass
            if hasattr(body, "close"):
                body.close()

    for name, setup, app, path in variants:
        setup()
        calls(app, path, max(20, per_round // 4), name)
    for _ in range(rounds):
        for name, setup, app, path in variants:
            setup()
            start = time.perf_counter()
            calls(app, path, per_round, name)
            elapsed = (time.perf_counter() - start) / per_round
            best[name] = min(best.get(name, float("inf")), elapsed)
    return {name: {"us": round(best[name] * 1e6, 1), "status": status.get(name, "?")} for name, *_ in variants}


def by_package(app: Callable[..., Any], path: str, n: int) -> dict[str, float]:
    """cProfile of ``n`` requests, own time summed by top-level package: microseconds per request."""
    import cProfile
    import pstats

    environ_path = path
    prof = cProfile.Profile()
    prof.enable()
    measure_plain(app, environ_path, n)
    prof.disable()
    totals: dict[str, float] = {}
    for (filename, _line, func), (_cc, _nc, tt, _ct, _callers) in pstats.Stats(prof).stats.items():  # type: ignore[attr-defined]
        if filename == "~":
            key = "builtins: " + ("sqlite3" if "sqlite3" in func else func.split(" of ")[-1].strip("'>{} ")[:40])
        elif "site-packages/" in filename:
            parts = filename.split("site-packages/", 1)[1].split("/")
            key = parts[0].removesuffix(".py")
            if key in {"django", "sqlalchemy", "flask", "werkzeug", "rest_framework"} and len(parts) > 2:
                key += "." + parts[1].removesuffix(".py")
        elif "/lib/python3" in filename:
            key = "stdlib"
        else:
            key = "project code"
        totals[key] = totals.get(key, 0.0) + tt
    top = sorted(totals.items(), key=lambda kv: -kv[1])[:10]
    return {k: round(v / n * 1e6, 1) for k, v in top}


def measure_plain(app: Callable[..., Any], path: str, n: int) -> None:
    def start_response(s: str, headers: Any, exc_info: Any = None) -> Any:
        return lambda data: None

    for _ in range(n):
        body = app(_environ(path), start_response)
        for _ in body:
            pass
        if hasattr(body, "close"):
            body.close()


def django_variants(settings_module: str, path: str, n: int) -> dict[str, Any]:
    sys.path.insert(0, os.getcwd())
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import types

    import django
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.http import JsonResponse
    from django.urls import clear_url_caches, include
    from django.urls import path as url_path

    django.setup()
    original = importlib_module(settings.ROOT_URLCONF)
    bench_urls = types.ModuleType("fod_bench_urls")
    bench_urls.urlpatterns = [  # type: ignore[attr-defined]
        url_path("fod-bench-json/", lambda request: JsonResponse({"hello": "world"})),
        url_path("", include(original)),
    ]
    sys.modules["fod_bench_urls"] = bench_urls
    settings.ROOT_URLCONF = "fod_bench_urls"
    clear_url_caches()
    full = list(settings.MIDDLEWARE)
    results: dict[str, Any] = {}

    def handler(middleware: list[str]) -> Any:
        settings.MIDDLEWARE = middleware
        h = WSGIHandler()  # loads the middleware chain now
        settings.MIDDLEWARE = full
        return h

    def nothing() -> None:
        pass

    trivial = "/fod-bench-json/"
    variants: list[Variant] = [
        ("endpoint, all middleware", nothing, handler(full), path),
        ("endpoint, no middleware", nothing, handler([]), path),
        ("trivial JSON view, all middleware", nothing, handler(full), trivial),
        ("trivial JSON view, no middleware", nothing, handler([]), trivial),
    ]
    for m in [] if QUICK else full:
        short = m.rsplit(".", 1)[-1]
        drop = {m}
        if short == "SessionMiddleware":  # authentication and messages need the session
            drop |= {x for x in full if x.endswith(("AuthenticationMiddleware", "MessageMiddleware"))}
            short += " (and the Authentication and Message middleware that need it)"
        variants.append(
            (f"trivial JSON view, without {short}", nothing, handler([x for x in full if x not in drop]), trivial)
        )
    results = measure_interleaved(variants, n)
    results["profile by package (endpoint, all middleware)"] = by_package(handler(full), path, max(100, n // 4))
    settings.MIDDLEWARE = full
    return results


def importlib_module(name: str) -> Any:
    import importlib

    return importlib.import_module(name)


def flask_variants(factory: str, path: str, n: int) -> dict[str, Any]:
    sys.path.insert(0, os.getcwd())
    module_name, _, attr = factory.partition(":")
    module = importlib_module(module_name)
    app = getattr(module, attr.removesuffix("()"))
    if attr.endswith("()"):
        app = app()
    app.add_url_rule("/fod-bench-json/", "fod_bench_json", lambda: {"hello": "world"})
    hook_maps = {
        "before_request": app.before_request_funcs,
        "after_request": app.after_request_funcs,
        "teardown_request": app.teardown_request_funcs,
        "context_processor": app.template_context_processors,
        "url_value_preprocessor": app.url_value_preprocessors,
    }
    saved = {kind: {k: list(v) for k, v in m.items()} for kind, m in hook_maps.items()}

    def hooks(without: tuple[str, Any, int] | None = None, none: bool = False) -> Callable[[], None]:
        def setup() -> None:
            for kind, mapping in hook_maps.items():
                for key, funcs in saved[kind].items():
                    if none and kind != "context_processor":
                        mapping[key] = []
                    elif without and without[0] == kind and without[1] == key:
                        mapping[key] = funcs[: without[2]] + funcs[without[2] + 1 :]
                    else:
                        mapping[key] = list(funcs)

        return setup

    trivial = "/fod-bench-json/"
    variants: list[Variant] = [
        ("endpoint, all hooks", hooks(), app, path),
        ("endpoint, no hooks", hooks(none=True), app, path),
        ("trivial JSON view, all hooks", hooks(), app, trivial),
        ("trivial JSON view, no hooks", hooks(none=True), app, trivial),
    ]
    for kind in [] if QUICK else list(hook_maps):
        for key, funcs in saved[kind].items():
            for i, f in enumerate(funcs):
                label = f"{getattr(f, '__module__', '?')}.{getattr(f, '__qualname__', repr(f))}"
                variants.append((f"trivial JSON view, without {kind} {label}", hooks((kind, key, i)), app, trivial))
    results = measure_interleaved(variants, n)
    hooks()()
    results["profile by package (endpoint, all hooks)"] = by_package(app, path, max(100, n // 4))
    return results


def main() -> None:
    framework, target, path, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    global QUICK
    QUICK = len(sys.argv) > 5 and sys.argv[5] == "1"
    out = django_variants(target, path, n) if framework == "django" else flask_variants(target, path, n)
    print("FOD-PROBE " + json.dumps(out))


if __name__ == "__main__":
    main()
