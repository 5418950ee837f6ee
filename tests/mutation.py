"""Mutation testing of the generator's pure logic with mutmut: ``python -m tests.mutation [MODULE.py ...]``.

Copies ``generator/``, ``copier.yml`` and the fast unit tests into a scratch folder (mutmut writes its
``mutants/`` tree and reads its settings from there, so the checkout is left alone), mutates only the
given modules (by default those below), runs the unit tests against every mutant, prints the score and
the surviving mutants, and with ``--write`` records them in docs/mutation.md. Needs ``pip install mutmut``
(the ``mutation`` extra). Not part of the normal test run: it takes a few minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MODULES = ["generator/recommendation.py", "generator/names.py", "generator/wiring.py"]
TESTS = ["tests/test_recommendation.py", "tests/test_names.py", "tests/test_wiring.py"]
TARGET = 0.90
#: Survivors known to be equivalent (no input can tell them apart), by a text of the mutated line.
EQUIVALENT = [
    ('.encode("ASCII"', "codec names are case-insensitive: 'ASCII' is 'ascii'"),
    ('strip("XX_XX")', "the text is lowercase [a-z0-9_] by then, so the extra 'X's never match"),
    ("suggest=None", "None is as false as False: same result"),
    ("suggest=True", "only the truth of the answer is used, and a hint is added only to a non-empty problem"),
    ("slug_problem(base, )", "the default suggest=True: only the truth of the answer is used (same result)"),
    ('get("django_version", None)', "an unanswered release line is not 6.x: str(None) acts as '5.2' does"),
    ('get("django_version", )', "an unanswered release line is not 6.x: str(None) acts as '5.2' does"),
    ('get("django_version", "XX5.2XX")', "any default that does not start with '6.' gives the same result"),
]


def _mutmut(work: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    result = subprocess.run([sys.executable, "-m", "mutmut", *args], cwd=work, env=env, capture_output=True, text=True)
    if check and result.returncode != 0:
        sys.exit(f"mutmut {' '.join(args)} exited {result.returncode}:\n{result.stdout[-4000:]}{result.stderr[-4000:]}")
    return result


def prepare(work: Path, modules: list[str], tests: list[str]) -> None:
    shutil.copytree(REPO / "generator", work / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "copier.yml", work / "copier.yml")
    (work / "templates").mkdir()  # with copier.yml, what makes generator.template_source find the questions
    (work / "templates" / "README").write_text("not the templates: the questions are all the unit tests read\n")
    (work / "tests").mkdir()
    for test in tests:
        shutil.copy2(REPO / test, work / test)
    (work / "tests" / "__init__.py").write_text("")
    (work / "pytest.ini").write_text("[pytest]\naddopts = -p no:cacheprovider -p no:randomly\n")
    listed = "\n    ".join(modules)
    (work / "setup.cfg").write_text(
        "[mutmut]\n"
        "source_paths = generator\n"
        f"only_mutate =\n    {listed}\n"
        "also_copy =\n    copier.yml\n    templates\n"
        "pytest_add_cli_args_test_selection =\n    tests/\n"
    )


def survivors(work: Path) -> list[tuple[str, str]]:
    """Each surviving mutant's name and its diff."""
    listed = _mutmut(work, "results").stdout
    names = [m.group(1) for m in re.finditer(r"^\s*(\S+): survived", listed, re.MULTILINE)]
    return [(name, _mutmut(work, "show", name).stdout.strip()) for name in names]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", default=MODULES, help="module files to mutate, relative to the repo")
    parser.add_argument("--tests", nargs="+", default=TESTS, help="the test files run against each mutant")
    parser.add_argument("--write", action="store_true", help="write the score and survivors to docs/mutation.md")
    parser.add_argument("--keep", action="store_true", help="keep the scratch folder (to run 'mutmut browse' in)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="fod-mutation-"))
    try:
        prepare(work, args.modules, args.tests)
        _mutmut(work, "run", "--max-children", str(os.cpu_count() or 2), check=False)
        _mutmut(work, "export-cicd-stats")
        stats = json.loads((work / "mutants" / "mutmut-cicd-stats.json").read_text())
        left = survivors(work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"scratch folder kept: {work}")

    killed, total = stats["killed"], stats["total"]
    score = killed / total if total else 0.0
    summary = (
        f"{killed} of {total} mutants killed ({score:.1%}); survived {stats['survived']}, "
        f"no tests {stats.get('no_tests', 0)}, timeout {stats.get('timeout', 0)}, "
        f"suspicious {stats.get('suspicious', 0)}"
    )
    print(summary)
    for name, diff in left:
        print(f"\n--- survived: {name}\n{diff}")
    if args.write:
        write_report(args.modules, args.tests, summary, left)
    return 0 if score >= TARGET else 1


def write_report(modules: list[str], tests: list[str], summary: str, left: list[tuple[str, str]]) -> None:
    lines = [
        "# Mutation testing",
        "",
        "The generator's pure logic, mutated by [mutmut](https://pypi.org/project/mutmut/) and run against its",
        'fast unit tests. Reproduce with `pip install -e ".[test,mutation]" && python -m tests.mutation --write`.',
        "",
        f"- Modules: {', '.join(f'`{m}`' for m in modules)}",
        f"- Tests: {', '.join(f'`{t}`' for t in tests)}",
        f"- **Score: {summary}** (target: {TARGET:.0%})",
        "",
        "mutmut mutates code in functions and methods, not module-level data: the recommendation's weights and",
        "texts (`ANSWER_REASONS`, checked only through the scenarios, clear cases and scores the tests assert) and",
        "`RESERVED_NAMES` (pinned by a hand-kept list in tests/test_names.py) are outside this score.",
        "",
        "## Surviving mutants",
        "",
    ]
    if not left:
        lines.append("None.")
    for name, diff in left:
        added = [line for line in diff.splitlines() if line.startswith("+ ")]
        why = next((reason for text, reason in EQUIVALENT if any(text in line for line in added)), None)
        lines += [f"### `{name}`", "", f"Equivalent: {why}." if why else "**Not yet explained.**", ""]
        lines += ["```diff", diff, "```", ""]
    (REPO / "docs" / "mutation.md").write_text("\n".join(lines).rstrip() + "\n")


if __name__ == "__main__":
    sys.exit(main())
