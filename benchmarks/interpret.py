"""What the numbers say: ratios, findings and the summary, each line from this run's figures."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .apps import KINDS
from .common import median

FRAMEWORKS = {"django": "Django", "flask": "Flask"}
AUTH = "authentication and permissions"
# Why a middleware or hook of a generated project is there, by a word of its name in the probe's variants.
WHY = {
    "SecurityMiddleware": "security headers (HSTS, nosniff, referrer policy) and the HTTPS redirect",
    "WhiteNoiseMiddleware": "static files served by the app itself, no separate web server",
    "SessionMiddleware": "sessions, which carry the logins and the flash messages",
    "CommonMiddleware": "URL normalization (APPEND_SLASH)",
    "CsrfViewMiddleware": "CSRF protection of every form",
    "AuthenticationMiddleware": "the logged-in user on every request",
    "MessageMiddleware": "the one-time messages the pages show",
    "XFrameOptionsMiddleware": "protection against framing (clickjacking)",
    "csrf_protect": "CSRF protection of every form",
    "_update_remember_cookie": "Flask-Login's remember-me cookie",
    "set_security_headers": "security headers (CSP, HSTS, nosniff, frame options)",
    "_teardown_session": "the database session ended after each request",
    "session interface": "the signed-cookie session, which carries the logins, flash messages and CSRF token",
}


def interpret(r: dict[str, Any]) -> None:
    """Derived lines: ratios to the bare apps, what the endpoints cost, and the summary."""
    s = r["serving"]
    name = {(e["framework"], e["kind"]): n for n, e in s.items()}
    att = r.get("attribution", {})

    def ep(fw: str, kind: str, key: str) -> dict[str, Any]:
        return s[name[fw, kind]]["endpoints"][key]

    def us(fw: str, kind: str, variant: str = "all") -> float | None:
        x = att.get(name[fw, kind], {}).get("variants", {}).get(variant)
        return x["us"] if x else None

    lines: list[str] = []
    ratios: dict[str, dict[str, float]] = {}
    for fw, label in FRAMEWORKS.items():
        bare, health, api = ep(fw, "bare", "json"), ep(fw, "default", "health"), ep(fw, "api", "api_list")
        ratio, api_ratio = health["rps"] / bare["rps"], api["rps"] / bare["rps"]
        ratios[fw] = {"health": round(ratio, 3), "api_list": round(api_ratio, 3)}
        lines.append(
            f"{label}: the default project's health JSON `{health['path']}` served {health['rps']:.0f} req/s, "
            f"{ratio:.2f} of the bare app's JSON `{bare['path']}` ({bare['rps']:.0f} req/s; target >= 0.85: "
            f"**{'met' if ratio >= 0.85 else 'not met'}**)."
        )
        b, h = us(fw, "bare"), us(fw, "default")
        in_process = b / h if b and h else None
        if in_process is not None:
            lines.append(
                f"{label}, in process (the app alone, without the server's share of each request): "
                f"`{health['path']}` costs {h:.0f} µs per request against {b:.0f} µs for the bare `{bare['path']}`, "
                f"a throughput ratio of {in_process:.2f}."
            )
        if ratio < 0.85 or (in_process is not None and in_process < 0.85):
            lines.append(what_costs(label, health["path"], att.get(name[fw, "default"])))
        lines.append(
            f"{label}: the API list `{api['path']}` (rest_api=true) served {api['rps']:.0f} req/s, {api_ratio:.2f} "
            "of the bare JSON endpoint's throughput: information, not a target (what it costs is measured in "
            "process below)."
        )
    r["serving_ratios"] = lines
    r["ratios_to_bare_json"] = ratios

    af: list[str] = []
    for fw, label in FRAMEWORKS.items():
        a, h = att.get(name[fw, "api"], {}), us(fw, "default")
        if "parts" not in a or not h:
            continue
        total, mw = a["variants"]["all"]["us"], a["variants"]["all"]["us"] - a["variants"]["none"]["us"]
        part = a["parts"]["us"]
        q = a.get("queries_per_request")
        sent = f", {q} SQL statement{'' if q == 1 else 's'} sent" if q is not None else ""
        af.append(
            f"{label}'s API list `{a['endpoint']}` costs {total:.0f} µs per request in process, {total / h:.1f} "
            f"times the health endpoint's {h:.0f} µs: the ORM and database {part['queries']:.0f} µs{sent}; "
            f"pagination {part['pagination']:.0f} µs, serialization {part['serialization']:.0f} µs, {AUTH} "
            f"{part[AUTH]:.0f} µs, {'middleware' if fw == 'django' else 'hooks'} {mw:.0f} µs (all against none), "
            f"the rest {total - sum(part.values()) - mw:.0f} µs (the API framework's request handling, routing, "
            "the view). It is worth it: it is the feature, a real paginated list read from the database, "
            "serialized and permission-checked by the API framework."
        )
    r["attribution_findings"] = af
    r["summary"] = summary(r, name, us)


def removals(variants: dict[str, Any]) -> list[tuple[float, str]]:
    """(µs saved, middleware or hook) for each one the probe took away, costliest first."""
    return sorted(
        (
            (variants["all"]["us"] - x["us"], k.removeprefix("without "))
            for k, x in variants.items()
            if k.startswith("without ")
        ),
        reverse=True,
    )


def what_costs(label: str, path: str, probe: dict[str, Any] | None) -> str:
    """For a health endpoint below the target: what its middleware or hooks cost, and why each is there."""
    if not probe:
        return f"{label}: below the target; the in-process probe (not run) would say which middleware costs."
    v = probe["variants"]
    top = [(cost, part) for cost, part in removals(v)[:3] if cost >= 1]
    why = [f"{w}: {WHY[w]}" for _, part in top for w in WHY if w in part]
    return (
        f"{label}: what costs on `{path}`: the {'middleware adds' if label == 'Django' else 'request hooks add'} "
        f"{v['all']['us'] - v['none']['us']:.0f} µs per request in process (all against none)"
        + (
            "; taken away one at a time, the costliest: " + ", ".join(f"{part} {cost:.0f} µs" for cost, part in top)
            if top
            else ""
        )
        + (". Each is kept for what it does: " + "; ".join(why) if why else "")
        + "."
    )


def summary(r: dict[str, Any], name: dict[tuple[str, str], str], us: Any) -> list[str]:
    """The bullets of "What the numbers say", each from this run's figures."""
    s, size, att = r["serving"], r["size"], r.get("attribution", {})
    rss = {k: median(e.get("worker_rss_mib", [0]) or [0]) for k, e in s.items()}
    sd, sf = size["generated Django (default)"], size["generated Flask (default)"]
    bd, bf = size["django-admin startproject"], size["bare Flask app"]

    def rss_of(fw: str, kind: str) -> float:
        return rss[name[fw, kind]]

    def rps(fw: str, kind: str, key: str) -> float:
        return s[name[fw, kind]]["endpoints"][key]["rps"]

    lighter_bare = bf["loc"]["python"] < bd["loc"]["python"] and rss_of("flask", "bare") < rss_of("django", "bare")
    lighter_gen = sf["loc"]["python"] < sd["loc"]["python"] and rss_of("flask", "default") < rss_of("django", "default")
    out = [
        f'**"Flask is lighter"** {"holds" if lighter_bare else "does not hold"} for the bare frameworks: a one-file '
        f"Flask app ({bf['loc']['python']} lines) against startproject's {bd['files']} files "
        f"({bd['loc']['python']} lines), and a worker of {rss_of('flask', 'bare'):.0f} MiB against "
        f"{rss_of('django', 'bare'):.0f} MiB (Flask resolves to {bf['resolved_dependencies']} packages, Django to "
        f"{bd['resolved_dependencies']}). It {'holds' if lighter_gen else 'does not hold'} for the generated default "
        f"projects, which do the same jobs (accounts, admin, the example CRUD app): Flask's has "
        f"{sf['loc']['python']} lines of Python against Django's {sd['loc']['python']}, {sf['direct_dependencies']} "
        f"direct and {sf['resolved_dependencies']} resolved dependencies against {sd['direct_dependencies']} and "
        f"{sd['resolved_dependencies']}, and a worker of {rss_of('flask', 'default'):.0f} MiB against "
        f"{rss_of('django', 'default'):.0f} MiB ({rss_of('flask', 'api'):.0f} against "
        f"{rss_of('django', 'api'):.0f} MiB with rest_api=true)."
        + (
            " What Django ships inside itself, Flask gets from extensions and from code the project then owns."
            if sf["direct_dependencies"] > sd["direct_dependencies"] and sf["loc"]["python"] > sd["loc"]["python"]
            else ""
        )
    ]

    def pair(kind: str, key: str) -> str:
        d, f = rps("django", kind, key), rps("flask", kind, key)
        ahead = f"{'Django' if d > f else 'Flask'} ahead"
        text = f"{d:.0f} vs {f:.0f} req/s ({ahead}"
        ud, uf = us("django", kind), us("flask", kind)
        if key != "home" and ud and uf:
            text += f"; {ud:.0f} vs {uf:.0f} µs per request in process"
        return text + ")"

    overhead = (
        '**"Django adds overhead"**, Django vs Flask under gunicorn and wrk: the bare JSON answer (the framework) '
        f"{pair('bare', 'json')}; the default project's health JSON (the framework with the project's middleware "
        f"or hooks) {pair('default', 'health')}; the API list (the project's own work) {pair('api', 'api_list')}; "
        f"the home page {pair('default', 'home')}."
    )
    costs = {(fw, kind): us(fw, kind) for fw in FRAMEWORKS for kind in KINDS}
    if all(costs.values()):
        framework_gap = abs(costs["django", "bare"] - costs["flask", "bare"])
        mw = {fw: costs[fw, "default"] - costs[fw, "bare"] for fw in FRAMEWORKS}
        work = {fw: costs[fw, "api"] - costs[fw, "default"] for fw in FRAMEWORKS}
        overhead += (
            f" In process, the frameworks' bare answers differ by {framework_gap:.0f} µs; the default project adds "
            f"{mw['django']:.0f} µs (Django) and {mw['flask']:.0f} µs (Flask) over its bare app, and the API list "
            f"another {work['django']:.0f} and {work['flask']:.0f} µs over the health check. The two bare apps are "
            "not alike: startproject's already runs Django's session, authentication, message and CSRF "
            "middleware, so the default Django project adds little to it, while the one-file Flask app has no "
            "session and no hooks, so the Flask project's accounts, CSRF protection and security headers all show "
            "as added cost. "
        )
        if min(work.values()) > max(framework_gap, *mw.values()):
            overhead += "The overhead that shows is the project's own work more than the framework's."
        else:
            overhead += "Here the framework and its middleware weigh as much as the project's own work."
    out.append(overhead)

    def cold(fw: str, kind: str) -> str:
        return f"{s[name[fw, kind]]['cold_start_s']:.1f} s"

    line = (
        f"**Cold start** (gunicorn until the first 200): bare Flask {cold('flask', 'bare')}, bare Django "
        f"{cold('django', 'bare')}; default projects: Flask {cold('flask', 'default')}, Django "
        f"{cold('django', 'default')}; rest_api=true: Flask {cold('flask', 'api')}, Django {cold('django', 'api')}."
    )
    imports = {n: a["import"]["total_s"] for n, a in att.items() if "import" in a}
    if imports:
        share = [imports[n] / s[n]["cold_start_s"] for n in imports if s[n]["cold_start_s"]]
        line += (
            f" Importing the app (in a process of its own) takes {min(imports.values()):.2f} to "
            f"{max(imports.values()):.2f} s, {min(share):.0%} to {max(share):.0%} of the cold start (see the import "
            "table)."
        )
    out.append(line)

    parts = {fw: att.get(name[fw, "api"], {}) for fw in FRAMEWORKS}
    if all(costs.values()) and all("parts" in p for p in parts.values()):
        orm = {fw: p["parts"]["us"]["queries"] for fw, p in parts.items()}
        gap = abs(costs["django", "bare"] - costs["flask", "bare"])
        smaller = max(costs["django", "bare"], costs["flask", "bare"]) < 1000 and gap < min(orm.values())
        out.append(
            f"**Gearheart 2017 calls the comparison useless**: a bare answer costs {costs['django', 'bare']:.0f} µs "
            f"(Django) and {costs['flask', 'bare']:.0f} µs (Flask) in process, a difference of {gap:.0f} µs, "
            f"against {orm['django']:.0f} µs (Django) and {orm['flask']:.0f} µs (Flask) of ORM and database work "
            "in one request of the API list. "
            + (
                "For choosing, the numbers agree: the frameworks' difference is smaller than the project's own "
                "work on one small page of data, so choose by the questions the generator asks (team, admin, API, "
                "conventions), not by requests per second."
                if smaller
                else "Here the frameworks' difference is not small against the project's own work, so it may "
                "matter for an app that does little per request."
            )
        )
    return out


def _count(calls: dict[str, Any], *keys: str) -> int:
    return sum(calls.get(k, {"count": 0})["count"] for k in keys)


def _git_seconds(calls: dict[str, Any], *keys: str) -> float:
    return sum(calls.get(k, {"seconds": 0.0})["seconds"] for k in keys)


def _clones(git: dict[str, Any], of: str) -> list[dict[str, Any]]:
    """The clones a profiled command made, of one kind (see generation.git_calls)."""
    return [c for c in git["clones"] if c["of"] == of]


CLONING = ("clone", "worktree add", "submodule sync", "submodule update")


def findings(r: dict[str, Any]) -> list[str]:
    """What `new` and `update` spend their time on, read off this run's profile."""
    out = []
    p, gen = r["profile"], r["generation"]
    new = p["git"][0]
    sub = new["by_subcommand"]
    cloning = _count(sub, *CLONING)
    out.append(
        f"`new --defaults` (Django) started {new['git_processes']} git processes: "
        + (
            f"{cloning} to clone and check out the template ({_git_seconds(sub, *CLONING):.2f} s), "
            if cloning
            else "none to clone or check out the template, "
        )
        + f"{_count(sub, 'init', 'add', 'commit')} for `init`, `add` and `commit` "
        f"({_git_seconds(sub, 'init', 'add', 'commit'):.2f} s), "
        f"{_count(sub, 'config --get core.fileMode')} `core.fileMode` check(s) for the "
        f"{new['files_in_destination']} files rendered."
    )
    if len(p["git"]) > 1:
        u = p["git"][1]
        us = u["by_subcommand"]
        mirrors, plain = _clones(u, "template mirror"), _clones(u, "project")
        parts = []
        if mirrors:
            parts.append(
                f"{len(mirrors)} `clone --mirror` of the template"
                + (
                    " into a temporary folder (so each update clones it again)"
                    if all(c["into_temporary_folder"] for c in mirrors)
                    else ""
                )
            )
        if _clones(u, "template bundle"):
            parts.append(f"{len(_clones(u, 'template bundle'))} `clone --bare` of the template's git bundle")
        if _count(us, "worktree add"):
            parts.append(f"{_count(us, 'worktree add')} `worktree add` checkouts of template versions")
        if _count(us, "submodule sync", "submodule update"):
            parts.append(f"{_count(us, 'submodule sync', 'submodule update')} submodule commands")
        parts.append(f"{_count(us, 'config --get core.fileMode')} `core.fileMode` check(s)")
        if plain:
            options = sorted({o for c in plain for o in c["options"] if o != "--quiet"})
            parts.append(
                f"{len(plain)} clone(s) of the project to merge in a throwaway copy"
                + (f" (with {', '.join(f'`{o}`' for o in options)})" if options else "")
                + (", in memory" if all(c["into_memory"] for c in plain) else ", on disk")
                + f" (under {Path(plain[0]['folder']).parent})"
            )
        cpu = r["update"]["cpu_median_s"]
        out.append(
            f"`update --data rest_api=true` started {u['git_processes']} git processes "
            f"({sum(e['seconds'] for e in us.values()):.2f} s of git time, nested calls counted in their parents "
            f"too): " + ", ".join(parts) + f". Its median CPU time, {cpu:.2f} s, is "
            f"{'above' if cpu >= 2 else 'below'} the 2 s target."
        )
    st = gen.get("startup", {})
    if st:
        median_new = gen["new_django"]["median_s"]
        out.append(
            "Start-up alone: "
            + "; ".join(f"{label} {sec:.2f} s" for label, sec in st.items())
            + f", against {median_new:.2f} s for a whole `new`."
        )
    c, it = p.get("cprofile"), p.get("importtime")
    if c and it:
        kc = c["key_cumulative_s"]
        wall = gen["new_django"]["median_s"]
        render = kc["copier: render files (_render_template)"]
        git = kc["generator: git init/add/commit (init_and_commit)"]
        out.append(
            f"What remains of `new`'s {wall:.2f} s (median, Django): importing copier and what it pulls in, "
            f"{it['copier_cumulative_s']:.2f} s ({it['copier_cumulative_s'] / wall:.0%} of it; `-X importtime`), "
            f"{it.get('prompts_cumulative_s', 0):.2f} s of which is the prompt library (questionary, "
            "prompt_toolkit) that copier imports at module level even when, as with `--defaults`, it asks "
            "nothing (the generator leaves copier's imports alone rather than stub its dependencies); "
            f"under cProfile ({c['total_s']:.2f} s in all: it slows Python code, not git) rendering the files "
            f"{render:.2f} s ({render / c['total_s']:.0%}; compiling templates "
            f"{kc['jinja2 template compile (Environment.compile)']:.2f} s of it) and git init/add/commit "
            f"{git:.2f} s ({git / c['total_s']:.0%})."
        )
    return out


def measures(r: dict[str, Any]) -> list[str]:
    """What the generator does to be quick, one line each with its module, and this run's evidence."""
    p = r["profile"]
    new = p["git"][0]["by_subcommand"]
    upd = p["git"][1] if len(p["git"]) > 1 else None
    out = [
        "`generator/template_cache.py`: `new` renders from a plain-folder snapshot of the template commit kept "
        "in the cache (made once per template version with `git archive`), not from a clone; this run's `new` "
        f"started {_count(new, *CLONING)} clone, worktree or submodule processes.",
    ]
    line = "`generator/compile_cache.py`: compiled Jinja templates are kept in a bytecode cache in the same folder"
    c = p.get("cprofile")
    if c:
        kc = c["key_cumulative_s"]
        line += (
            f"; under cProfile, compiling took {kc['jinja2 template compile (Environment.compile)']:.2f} s of "
            f"{kc['copier: render files (_render_template)']:.2f} s of rendering"
        )
    out.append(line + ".")
    line = (
        "`generator/copier_session.py`: `new` renders the snapshot (a plain folder) into a folder outside any git "
        "repository with git out of copier's sight, so copier skips its per-file `git config core.fileMode` "
        f"(git can only answer no there); this run: {_count(new, 'config --get core.fileMode')} for `new` "
        f"({p['git'][0]['files_in_destination']} files)"
    )
    if upd:
        line += f", {_count(upd['by_subcommand'], 'config --get core.fileMode')} for `update` (which needs git)"
    out.append(line + ".")
    line = "`generator/scratch.py`: update keeps its scratch files in /dev/shm when TMPDIR is unset and it has room"
    plain = _clones(upd, "project") if upd else []
    if plain:
        where = "in memory" if all(x["into_memory"] for x in plain) else "on disk"
        line += f"; this run's update made its throwaway clone {where}, under {Path(plain[0]['folder']).parent}"
    out.append(line + ".")
    return out
