"""What keeps `new` and `update` quick: a snapshot per template version, stored compiled
templates, one git question per destination, and scratch files in memory. Each must give
exactly the project copier gives without it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from generator import scratch
from generator.template_source import TEMPLATE_URL
from tests.cli_helpers import answers_of, tree_digest
from tests.project_env import REPO


def _new(dest: Path, cache: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "COLUMNS": "100", "FOD_CACHE_DIR": str(cache), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator", "new", str(dest), "--defaults", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=300,
    )


def _head(*describe: str) -> str:
    args = ["describe", "--tags", "--always"] if describe else ["rev-parse", "HEAD"]
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()


def _stored_code(cache: Path) -> dict[str, tuple[int, int, str]]:
    """Each stored compiled template, with what changes when it is written again: inode, mtime and content."""
    stored = {}
    for path in (cache / "bytecode").rglob("*.cache"):
        status = path.stat()
        stored[str(path.relative_to(cache))] = (
            status.st_ino,
            status.st_mtime_ns,
            hashlib.sha256(path.read_bytes()).hexdigest(),
        )
    return stored


def _files(project: Path) -> dict[str, str]:
    return {k: v for k, v in tree_digest(project).items() if not k.startswith(".git/") and k != ".git"}


def test_one_snapshot_per_template_version_and_the_answers_of_a_git_render(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = _new(tmp_path / "a", cache, "--no-git")
    assert first.returncode == 0, first.stderr
    [snapshot] = (cache / "templates").iterdir()
    assert snapshot.name.startswith(_head() + "-")
    names = sorted(p.name for p in snapshot.iterdir())
    assert names == [".recorded-source.yml", "copier.yml", "generator", "templates"]
    answers = answers_of(tmp_path / "a")
    assert answers["_src_path"] == TEMPLATE_URL
    assert answers["_commit"] == _head("describe")
    stored = _stored_code(cache)
    assert len(stored) > 100  # the file templates and the snippets copier renders with from_string

    inode = (snapshot / "copier.yml").stat().st_ino
    second = _new(tmp_path / "b", cache, "--no-git")
    assert second.returncode == 0, second.stderr
    assert (snapshot / "copier.yml").stat().st_ino == inode, "the snapshot was made again"
    again = _stored_code(cache)
    rewritten = sorted(name for name in stored.keys() & again.keys() if stored[name] != again[name])
    assert not rewritten, f"{len(rewritten)} of {len(stored)} templates were compiled again: {rewritten[:5]}"
    assert again.keys() == stored.keys(), "the second render compiled templates the first did not"
    assert _files(tmp_path / "a") == _files(tmp_path / "b")


def test_without_a_usable_cache_the_project_is_the_same(tmp_path: Path) -> None:
    cached = _new(tmp_path / "cached", tmp_path / "cache", "--no-git")
    assert cached.returncode == 0, cached.stderr
    not_a_folder = tmp_path / "cache-is-a-file"
    not_a_folder.write_text("")
    uncached = _new(tmp_path / "uncached", not_a_folder, "--no-git")  # copier then clones the template itself
    assert uncached.returncode == 0, uncached.stderr
    assert not_a_folder.read_text() == ""
    assert _files(tmp_path / "cached") == _files(tmp_path / "uncached")
    assert answers_of(tmp_path / "uncached")["_commit"] == _head("describe")


def test_plain_copier_writes_no_cache_and_records_its_own_source(tmp_path: Path) -> None:
    home = tmp_path / "home"
    environment = {k: v for k, v in os.environ.items() if not k.startswith("FOD_")}
    environment.update({"HOME": str(home), "XDG_CACHE_HOME": str(home / ".cache")})
    copy = ["copy", "--trust", "--defaults", "--quiet", "--vcs-ref", "HEAD", str(REPO), str(tmp_path / "p")]
    result = subprocess.run(
        [sys.executable, "-m", "copier", *copy],
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert answers_of(tmp_path / "p")["_src_path"] == str(REPO)
    assert not (home / ".cache" / "flask-or-django").exists()


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


def _new_from(template: Path, dest: Path, cache: Path) -> None:
    """`python -m generator new` run in the checkout ``template``, so its own package and history render."""
    environment = {**os.environ, "FOD_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "generator", "new", str(dest), "--defaults"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=template, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr


def test_a_tag_deleted_after_a_render_is_not_recorded_again(tmp_path: Path) -> None:
    """The snapshot of a version made while a tag named it must not go on recording that tag once it is
    gone: `update` looks the recorded name up in the checkout, and a missing tag stops it."""
    template, cache = tmp_path / "template", tmp_path / "cache"
    subprocess.run(["git", "clone", "--quiet", "--no-tags", str(REPO), str(template)], check=True, timeout=120)
    shutil.copytree(REPO / "generator", template / "generator", dirs_exist_ok=True)  # this code, committed or not
    _git(template, "tag", "v9.9.9")
    _new_from(template, tmp_path / "tagged", cache)
    assert answers_of(tmp_path / "tagged")["_commit"] == "v9.9.9"

    _git(template, "tag", "--delete", "v9.9.9")
    _new_from(template, tmp_path / "untagged", cache)
    short = _git(template, "describe", "--tags", "--always")
    assert answers_of(tmp_path / "untagged")["_commit"] == short != "v9.9.9"
    environment = {**os.environ, "FOD_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "generator", "update", str(tmp_path / "untagged"), "--pretend"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=template, env=environment, timeout=300)
    assert result.returncode == 0, result.stderr
    assert len(list((cache / "templates").iterdir())) == 2


GIT_SHIM = """#!/bin/sh
echo "$*" >> "{log}"
exec "{git}" "$@"
"""


def test_new_starts_a_handful_of_git_processes(tmp_path: Path) -> None:
    """copier used to run `git config core.fileMode` once per file (65) and clone the whole repository."""
    cache = tmp_path / "cache"
    assert _new(tmp_path / "warm", cache, "--no-git").returncode == 0  # makes the snapshot
    shim_dir, log = tmp_path / "shim", tmp_path / "git.log"
    shim_dir.mkdir()
    real_git = subprocess.run(["which", "git"], capture_output=True, text=True, check=True).stdout.strip()
    (shim_dir / "git").write_text(GIT_SHIM.format(log=log, git=real_git))
    (shim_dir / "git").chmod(0o755)
    path = f"{shim_dir}{os.pathsep}{os.environ['PATH']}"
    result = _new(tmp_path / "p", cache, env={"PATH": path})
    assert result.returncode == 0, result.stderr
    calls = log.read_text().splitlines()
    assert len(calls) <= 12, calls
    assert sum("core.fileMode" in call for call in calls) <= 1, calls
    assert not any(call.startswith(("clone", "worktree")) for call in calls), calls
    assert subprocess.run(["git", "log", "--oneline"], cwd=tmp_path / "p", capture_output=True).returncode == 0


def test_scratch_goes_to_memory_only_when_the_user_did_not_choose(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    before = tempfile.tempdir
    memory = tmp_path / "shm"  # stands for /dev/shm: a folder no scratch goes to unless scratch_in_memory sends it
    memory.mkdir()
    monkeypatch.setattr(scratch, "MEMORY", memory)
    monkeypatch.setattr(scratch, "ROOM_NEEDED", 0)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert scratch.memory_scratch_dir() is None  # the user chose
    monkeypatch.delenv("TMPDIR")
    monkeypatch.setattr(scratch, "ROOM_NEEDED", 1 << 62)
    assert scratch.memory_scratch_dir() is None  # no room
    monkeypatch.setattr(scratch, "ROOM_NEEDED", 0)
    assert scratch.memory_scratch_dir() == memory
    assert tempfile.gettempdir() != str(memory)

    with scratch.scratch_in_memory():
        assert tempfile.gettempdir() == str(memory)
        with tempfile.TemporaryDirectory() as made:
            assert Path(made).parent == memory, "copier's scratch would not go to memory"
    assert tempfile.tempdir == before
    with tempfile.TemporaryDirectory() as made:
        assert Path(made).parent != memory, "scratch stays in memory after the block"

    monkeypatch.setattr(scratch, "MEMORY", tmp_path / "no-such-folder")
    assert scratch.memory_scratch_dir() is None
    with scratch.scratch_in_memory():
        assert tempfile.tempdir == before
