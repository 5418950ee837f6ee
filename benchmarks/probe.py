"""In-process cost of one request, by variant: run with a project's own interpreter, in its folder.

    python probe.py django SETTINGS_MODULE PATH N [QUICK [PARTS]]   # generated Django project or startproject
    python probe.py flask  APP_FACTORY     PATH N [QUICK [PARTS]]   # "package:create_app()" or "module:app"

Calls the WSGI application directly (no server, no socket), so what remains is the framework,
its middleware or hooks and the view at PATH. Prints one JSON object: microseconds per request
with all middleware (or hooks), with none, and (unless QUICK or PARTS is 1) without each one in
turn (for Flask also without its session interface), so that the cost of each can be read as a
difference. With PARTS=1 it also times the parts of an API list request (queries, pagination,
serialization, authentication and permissions) and counts the SQL statements it sends.
"""

from __future__ import annotations

import functools
import importlib
import io
import json
import os
import sys
import time
from collections.abc import Callable
from typing import Any

QUICK = False  # only all and none, not one variant per middleware or hook

AUTH = "authentication and permissions"
PARTS = ("queries", "pagination", "serialization", AUTH)
# The functions whose time makes each part of an API list request: (module, class or None, function,
# part). They run a few times per request, so wrapping them costs little; a part's time excludes the
# time of the other listed functions it calls (the queries a paginator makes count as queries).
PART_FUNCTIONS: dict[str, list[tuple[str, str | None, str, str]]] = {
    "django": [
        ("django.db.models.query", "QuerySet", "count", "queries"),
        ("django.db.models.query", "QuerySet", "_fetch_all", "queries"),
        ("django.db.models.sql.compiler", "SQLCompiler", "execute_sql", "queries"),
        ("rest_framework.pagination", "PageNumberPagination", "paginate_queryset", "pagination"),
        ("rest_framework.pagination", "PageNumberPagination", "get_paginated_response", "pagination"),
        ("rest_framework.serializers", "ListSerializer", "to_representation", "serialization"),
        ("rest_framework.renderers", "JSONRenderer", "render", "serialization"),
        ("rest_framework.views", "APIView", "perform_authentication", AUTH),
        ("rest_framework.views", "APIView", "check_permissions", AUTH),
        ("rest_framework.views", "APIView", "check_throttles", AUTH),
    ],
    "flask": [
        ("sqlalchemy.orm.session", "Session", "_execute_internal", "queries"),
        ("sqlalchemy.orm.session", "Session", "close", "queries"),  # the connection back to the pool
        ("flask_sqlalchemy.extension", "SQLAlchemy", "paginate", "pagination"),
        ("webargs.core", "Parser", "parse", "pagination"),  # the page parameters
        ("flask_smorest.pagination", "PaginationMixin", "_set_pagination_metadata", "pagination"),
        ("marshmallow.schema", "Schema", "dump", "serialization"),
        ("flask.json.provider", "DefaultJSONProvider", "response", "serialization"),
        ("flask_login.utils", None, "_get_user", AUTH),
    ],
}


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


Variant = tuple[str, Callable[[], None], Callable[..., Any]]  # name, setup, WSGI app


def calls(app: Callable[..., Any], path: str, count: int, status: dict[str, str] | None = None, name: str = "") -> None:
    """``count`` requests to ``path``, each body read and closed; the last status under ``name``."""

    def start_response(s: str, headers: Any, exc_info: Any = None) -> Any:
        if status is not None:
            status[name] = s.split()[0]
        return lambda data: None

    for _ in range(count):
        body = app(_environ(path), start_response)
        for _ in body:
            pass
        if hasattr(body, "close"):
            body.close()


def measure_interleaved(variants: list[Variant], path: str, n: int, rounds: int = 7) -> dict[str, Any]:
    """Per-request microseconds of each variant: rounds interleaved across variants, fastest round kept.

    Interleaving spreads every variant over the whole measurement, so a burst of other work on a
    shared machine slows one round of each instead of every round of one.
    """
    status: dict[str, str] = {}
    best: dict[str, float] = {}
    per_round = max(1, n // rounds)
    for name, setup, app in variants:
        setup()
        calls(app, path, max(20, per_round // 4), status, name)
    for _ in range(rounds):
        for name, setup, app in variants:
            setup()
            start = time.perf_counter()
            calls(app, path, per_round, status, name)
            elapsed = (time.perf_counter() - start) / per_round
            best[name] = min(best.get(name, float("inf")), elapsed)
    return {name: {"us": round(best[name] * 1e6, 1), "status": status.get(name, "?")} for name, *_ in variants}


def timed_parts(
    app: Callable[..., Any], path: str, n: int, functions: list[tuple[str, str | None, str, str]], rounds: int = 5
) -> dict[str, Any]:
    """Microseconds per request in each of PARTS, by wrapping ``functions`` with a timer (fastest of
    ``rounds`` per part), and the functions found to wrap."""
    spent = dict.fromkeys(PARTS, 0.0)
    inner: list[float] = []  # per running wrapped call: the time of wrapped calls inside it

    def timer(function: Callable[..., Any], part: str) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            inner.append(0.0)
            start = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - start
                spent[part] += elapsed - inner.pop()
                if inner:
                    inner[-1] += elapsed

        return timed

    wrapped: list[tuple[Any, str, Any]] = []
    for module_name, owner_name, name, part in functions:
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        owner = getattr(module, owner_name, None) if owner_name else module
        original = vars(owner).get(name) if owner is not None else None
        if callable(original):
            wrapped.append((owner, name, original))
            setattr(owner, name, timer(original, part))
    best = dict.fromkeys(PARTS, float("inf"))
    per_round = max(20, n // rounds)
    try:
        calls(app, path, 20)
        for _ in range(rounds):
            for part in PARTS:
                spent[part] = 0.0
            calls(app, path, per_round)
            for part in PARTS:
                best[part] = min(best[part], spent[part] / per_round)
    finally:
        for owner, name, original in wrapped:
            setattr(owner, name, original)
    return {
        "us": {part: round(best[part] * 1e6, 1) for part in PARTS},
        "functions": [f"{getattr(o, '__name__', '?')}.{name}" for o, name, _ in wrapped],
    }


def django_variants(settings_module: str, path: str, n: int, parts: bool) -> dict[str, Any]:
    sys.path.insert(0, os.getcwd())
    os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
    import django
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler

    django.setup()
    full = list(settings.MIDDLEWARE)

    def handler(middleware: list[str]) -> Any:
        settings.MIDDLEWARE = middleware
        h = WSGIHandler()  # loads the middleware chain now
        settings.MIDDLEWARE = full
        return h

    def nothing() -> None:
        pass

    variants: list[Variant] = [("all", nothing, handler(full)), ("none", nothing, handler([]))]
    for m in [] if QUICK or parts else full:
        short = m.rsplit(".", 1)[-1]
        drop = {m}
        if short == "SessionMiddleware":  # authentication and messages need the session
            drop |= {x for x in full if x.endswith(("AuthenticationMiddleware", "MessageMiddleware"))}
            short += " (+ Authentication, Message)"
        variants.append((f"without {short}", nothing, handler([x for x in full if x not in drop])))
    out: dict[str, Any] = {"endpoint": path, "variants": measure_interleaved(variants, path, n)}
    if parts:
        from django.db import connection

        queries = [0]

        def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            queries[0] += 1
            return execute(sql, params, many, context)

        app = handler(full)
        calls(app, path, 5)
        with connection.execute_wrapper(count):
            calls(app, path, 1)
        out["queries_per_request"] = queries[0]
        out["parts"] = timed_parts(app, path, n, PART_FUNCTIONS["django"])
    return out


def flask_variants(factory: str, path: str, n: int, parts: bool) -> dict[str, Any]:
    sys.path.insert(0, os.getcwd())
    module_name, _, attr = factory.partition(":")
    module = importlib.import_module(module_name)
    app = getattr(module, attr.removesuffix("()"))
    if attr.endswith("()"):
        app = app()
    # The hooks, by kind and blueprint (None: the app's own); teardown_appcontext is one list for the app.
    hook_maps = {
        "before_request": app.before_request_funcs,
        "after_request": app.after_request_funcs,
        "teardown_request": app.teardown_request_funcs,
        "url_value_preprocessor": app.url_value_preprocessors,
        "teardown_appcontext": {None: app.teardown_appcontext_funcs},
    }
    saved = {kind: {k: list(v) for k, v in m.items()} for kind, m in hook_maps.items()}
    sessions = app.session_interface

    class NoSession(type(sessions)):  # type: ignore[misc]
        """Every request gets Flask's null session: no cookie read, signed or written."""

        def open_session(self, app: Any, request: Any) -> None:
            return None

    def hooks(
        without: tuple[str, Any, int] | None = None, none: bool = False, session: bool = True
    ) -> Callable[[], None]:
        def setup() -> None:
            for kind, mapping in hook_maps.items():
                for key, funcs in saved[kind].items():
                    if none and kind != "teardown_appcontext":  # kept: it ends the request's database session
                        kept = []
                    elif without and without[0] == kind and without[1] == key:
                        kept = funcs[: without[2]] + funcs[without[2] + 1 :]
                    else:
                        kept = list(funcs)
                    mapping[key][:] = kept  # in place: the app holds teardown_appcontext's list itself
            app.session_interface = sessions if session else NoSession()

        return setup

    variants: list[Variant] = [("all", hooks(), app), ("none", hooks(none=True), app)]
    for kind in [] if QUICK or parts else list(hook_maps):
        for key, funcs in saved[kind].items():
            for i, f in enumerate(funcs):
                name = getattr(f, "__qualname__", repr(f)).replace("<locals>.", "")
                label = f"{getattr(f, '__module__', '?').rsplit('.', 1)[-1]}.{name}"
                variants.append((f"without {kind} {label}", hooks((kind, key, i)), app))
    if not (QUICK or parts) and app.secret_key:  # without a secret key Flask gives every request the null session
        variants.append(("without the session interface (signed cookie)", hooks(session=False), app))
    out: dict[str, Any] = {"endpoint": path, "variants": measure_interleaved(variants, path, n)}
    hooks()()
    if parts:
        out["queries_per_request"] = flask_queries(app, path)
        out["parts"] = timed_parts(app, path, n, PART_FUNCTIONS["flask"])
    return out


def flask_queries(app: Any, path: str) -> int | None:
    """SQL statements one request to ``path`` sends (SQLAlchemy projects; None for others)."""
    try:
        from sqlalchemy import event
        from sqlalchemy.engine import Engine
    except ImportError:
        return None
    queries = [0]

    def count(*args: Any) -> None:
        queries[0] += 1

    calls(app, path, 5)
    event.listen(Engine, "before_cursor_execute", count)
    try:
        calls(app, path, 1)
    finally:
        event.remove(Engine, "before_cursor_execute", count)
    return queries[0]


def main() -> None:
    framework, target, path, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    global QUICK
    QUICK = len(sys.argv) > 5 and sys.argv[5] == "1"
    parts = len(sys.argv) > 6 and sys.argv[6] == "1"
    run = django_variants if framework == "django" else flask_variants
    print("FOD-PROBE " + json.dumps(run(target, path, n, parts)))


if __name__ == "__main__":
    main()
