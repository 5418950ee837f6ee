"""The ``flask-or-django`` command line: ``new``, ``recommend``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from generator import __version__
from generator.errors import Aborted, GeneratorError, UsageError
from generator.questions import check_answers, load_questions, parse_data, read_data_file
from generator.recommendation import DECISION_KEYS, decision_defaults, recommend
from generator.wiring import combination_problem

stdout = Console(highlight=False)
stderr = Console(stderr=True, highlight=False)

_DATA_HELP = "An answer, as KEY=VALUE (repeatable), for example --data framework=flask."
_DATA_FILE_HELP = "A YAML file of answers (key: value lines), for example a project's .copier-answers.yml."


def _has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


def _collect_answers(data: tuple[str, ...], data_file: Path | None) -> dict[str, Any]:
    raw: dict[str, Any] = read_data_file(data_file) if data_file else {}
    raw.update(parse_data(data))
    return check_answers(raw)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="flask-or-django")
def cli() -> None:
    """Answer the questions the "Flask vs Django" articles ask, get a recommendation
    with reasons, and a starter project wired for the framework you pick.

    \b
    Examples:
      flask-or-django recommend
      flask-or-django new my-blog
      flask-or-django new my-api --defaults --data project_kind=api_service --data api=api_only
    """


@cli.command()
@click.argument("dest", type=click.Path(path_type=Path))
@click.option("--defaults", is_flag=True, help="Take the default for every question not answered by --data.")
@click.option("--data", "-d", multiple=True, metavar="KEY=VALUE", help=_DATA_HELP)
@click.option("--data-file", type=click.Path(path_type=Path), help=_DATA_FILE_HELP)
@click.option("--no-git", is_flag=True, help="Do not run git init and make the first commit.")
@click.option("--install", is_flag=True, help="Also create .venv, install the dependencies and run the migrations.")
def new(dest: Path, defaults: bool, data: tuple[str, ...], data_file: Path | None, no_git: bool, install: bool) -> None:
    """Ask the questions, recommend a framework, and render a project into DEST.

    DEST must be a new or empty folder. Without --defaults the questions are asked
    in the terminal; answers given with --data or --data-file are not asked again.
    The new project is a git repository with a first commit (unless --no-git), so
    that `flask-or-django update` can merge later changes into it.

    \b
    Examples:
      flask-or-django new my-shop
      flask-or-django new my-blog --defaults --data project_kind=blog
      flask-or-django new my-api --defaults --data framework=flask --data orm=peewee
      flask-or-django new my-site --defaults --install
    """
    from generator.next_steps import install as install_project
    from generator.render import check_destination, removed_if_failed, render_project
    from generator.template_source import locate
    from generator.vcs import commit_file, init_and_commit

    answers = _collect_answers(data, data_file)
    problem = combination_problem(answers)
    if problem:
        raise UsageError(problem)
    dest = dest.expanduser().absolute()
    check_destination(dest)
    if not defaults and not _has_terminal():
        raise UsageError("no terminal to ask the questions in: pass --defaults, --data KEY=VALUE or --data-file FILE")
    source = locate()
    _validate(source, answers, defaults=defaults)  # copier.yml's validators, before anything is printed
    if defaults:
        _show_recommendation(answers)
    else:
        answers = _ask_all_questions(source, answers)
    with removed_if_failed(dest, (KeyboardInterrupt, Aborted)):  # Ctrl-C before the first commit: no project
        with stdout.status("Rendering the project"):
            final = render_project(source, dest, answers, defaults=True)
        stdout.print(f"[green]✓[/green] Rendered a {final['framework'].capitalize()} project in {dest}")
        if not no_git:
            with stdout.status("Making the first commit"):
                init_and_commit(
                    dest, final["author_name"], final["author_email"], "Generate the project with flask-or-django"
                )
            stdout.print("[green]✓[/green] git repository with a first commit")
    if install:
        try:
            install_project(dest, final, stdout)
        except KeyboardInterrupt:
            raise Aborted(f"aborted while installing: the project is in {dest}; run 'uv sync' there") from None
        stdout.print("[green]✓[/green] dependencies installed in .venv, database created")
        if not no_git:
            commit_file(dest, "uv.lock", final["author_name"], final["author_email"], "Lock the dependencies")
    _print_next_steps(dest, final, installed=install)


def _validate(source: Any, answers: dict[str, Any], *, defaults: bool) -> None:
    from generator.copier_session import copier_session
    from generator.questionnaire import Questionnaire

    with copier_session(source) as session:
        Questionnaire(session.jinja_env(), stdout).check(answers, defaults=defaults)


def _ask_all_questions(source: Any, given: dict[str, Any]) -> dict[str, Any]:
    from generator.copier_session import copier_session
    from generator.questionnaire import Questionnaire

    with copier_session(source) as session:
        return Questionnaire(session.jinja_env(), stdout).run(given)


def _show_recommendation(answers: dict[str, Any]) -> None:
    from generator.panel import print_recommendation

    rec = recommend(answers)
    print_recommendation(rec, stdout)
    chosen = answers.get("framework", rec.framework)
    if chosen != rec.framework:
        stdout.print(f"You chose [bold]{chosen.capitalize()}[/bold] over the recommendation.")


def _print_next_steps(dest: Path, answers: dict[str, Any], *, installed: bool) -> None:
    from generator.next_steps import next_steps

    stdout.print("\nNext steps (README.md has the details, and how to install without uv):")
    stdout.print(f"  cd {dest}")
    for step in next_steps(answers, installed):
        stdout.print(f"  {step}")


@cli.command()
@click.argument("project_dir", type=click.Path(path_type=Path), default=".")
@click.option("--data", "-d", multiple=True, metavar="KEY=VALUE", help="A changed answer (repeatable).")
@click.option("--data-file", type=click.Path(path_type=Path), help="A YAML file of changed answers.")
@click.option("--pretend", is_flag=True, help="Show what would change; write nothing.")
def update(project_dir: Path, data: tuple[str, ...], data_file: Path | None, pretend: bool) -> None:
    """Re-render PROJECT_DIR (default: here) with changed answers and the newest template,
    merging the result into your files.

    The project must be a git repository with everything committed. Your edits are
    kept; where you and the template changed the same lines, the file gets inline
    <<<<<<< conflict markers and the command exits with status 1. Without --data it
    only moves the project to the newest template version. Changing the framework
    is refused: that is a new project, not an update.

    \b
    Examples:
      flask-or-django update --data rest_api=true
      flask-or-django update path/to/project --data admin=true --data database=postgresql
      flask-or-django update --pretend --data auth=false
    """
    from generator.update import update_project

    changes = _collect_answers(data, data_file)
    report = update_project(project_dir, changes, pretend=pretend)
    _print_update_report(report, pretend)
    if not report.clean:
        sys.exit(1)


def _print_update_report(report: Any, pretend: bool) -> None:
    from generator.update import report_lines

    for line in report_lines(report, pretend=pretend):
        stdout.print(line)


@cli.command()
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("examples"),
    show_default=True,
    help="The folder to render the examples into.",
)
@click.option("--force", is_flag=True, help="Replace example folders that already exist.")
def examples(out: Path, force: bool) -> None:
    """Render the worked examples: one project for each scenario of Gearheart 2017's table,
    in the framework we recommend for it, plus the blog in the other framework.

    \b
    Examples:
      flask-or-django examples --out /tmp/examples
      flask-or-django examples --force
    """
    from generator.examples import render_examples

    with stdout.status("Rendering the worked examples"):
        folders = render_examples(out, force=force)
    for folder in folders:
        stdout.print(f"[green]✓[/green] {folder}")
    stdout.print(f"Read {out / 'README.md'} first.")


@cli.command(name="recommend")
@click.option("--defaults", is_flag=True, help="Take the default for every question not answered by --data.")
@click.option("--data", "-d", multiple=True, metavar="KEY=VALUE", help=_DATA_HELP)
@click.option("--data-file", type=click.Path(path_type=Path), help=_DATA_FILE_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the recommendation as JSON.")
def recommend_command(defaults: bool, data: tuple[str, ...], data_file: Path | None, as_json: bool) -> None:
    """Ask only the decision questions and recommend Django or Flask, with reasons.

    With --data, --data-file, --defaults or --json nothing is asked: missing answers
    take their defaults.

    \b
    Examples:
      flask-or-django recommend
      flask-or-django recommend --data project_kind=api_service --data api=api_only --json
    """
    answers = _collect_answers(data, data_file)
    extra = sorted(set(answers) - set(DECISION_KEYS))
    if extra:
        raise UsageError(f"recommend takes only the decision questions; not {', '.join(extra)}")
    if not (defaults or data or data_file or as_json):  # --json is for scripts: it never asks
        if not _has_terminal():
            raise UsageError("no terminal to ask the questions in: pass --defaults or --data KEY=VALUE")
        answers = _ask_decision_questions(answers)
    rec = recommend(answers)
    if as_json:
        click.echo(json.dumps(rec.as_dict(), indent=2))
    else:
        from generator.panel import print_recommendation

        print_recommendation(rec, stdout)


def _ask_decision_questions(answers: dict[str, Any]) -> dict[str, Any]:
    import questionary

    questions = load_questions()
    for key in DECISION_KEYS:
        if key in answers:
            continue
        question = questions[key]
        default = decision_defaults(answers)[key]  # copier.yml's default, some following project_kind
        if question.type == "bool":
            prompt = questionary.confirm(question.help, default=bool(default))
        else:
            choices = [questionary.Choice(title=label, value=value) for label, value in question.choices.items()]
            prompt = questionary.select(question.help, choices=choices, default=default)
        value = prompt.unsafe_ask()
        answers[key] = value
    return answers


def main(argv: list[str] | None = None) -> None:
    """Run the command line; print user errors as one line and exit with their status."""
    try:
        cli.main(args=argv, prog_name="flask-or-django", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        _fail(Aborted("aborted"))
    except KeyboardInterrupt:
        _fail(Aborted("aborted: nothing was generated"))
    except click.exceptions.UsageError as exc:
        _fail(UsageError(exc.format_message()))
    except click.exceptions.ClickException as exc:
        _fail(GeneratorError(exc.format_message()))
    except GeneratorError as exc:
        _fail(exc)
    except Exception as exc:  # a bug of ours: still one line, with a way to see more
        if os.environ.get("FOD_DEBUG") or os.environ.get("FLASK_OR_DJANGO_DEBUG"):  # the name earlier messages gave
            raise
        _fail(GeneratorError(f"unexpected {type(exc).__name__}: {exc} (set FOD_DEBUG=1 for details)"))
    sys.exit(0)


def _fail(error: GeneratorError) -> None:
    stderr.print(f"[bold red]error:[/bold red] {error.message}", soft_wrap=True)
    sys.exit(error.exit_code)
