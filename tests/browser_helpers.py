"""Running a rendered project under gunicorn and driving it in headless Chromium (Playwright).

Used by tests/test_browser.py. The browser is the system's Chromium (Debian's package
``chromium``), never one downloaded by ``playwright install``.
"""

from __future__ import annotations

import email
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from tests.project_env import install_project_deps, venv_for, venv_python

#: Chromium's switches for a closed network and a root user (see the browser notes of this machine).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
#: Where a system Chromium may be, after the CHROMIUM_PATH environment variable.
CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
#: The phone width the layout must fit without horizontal scrolling.
PHONE_WIDTH = 390
DESKTOP = {"width": 1280, "height": 800}


def find_chromium() -> str | None:
    """The Chromium executable to drive: CHROMIUM_PATH, else a system install, else None."""
    configured = os.environ.get("CHROMIUM_PATH")
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    for candidate in CHROMIUM_CANDIDATES:
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def project_environ(project: Path, extra: dict[str, str]) -> dict[str, str]:
    """The environment ``run_in_project`` uses (the shared venv first on PATH), plus ``extra``."""
    install_project_deps(project)
    bin_dir = str(venv_python(project).parent)  # the venv of the project's Python (Django 6.1: 3.12+)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update({"PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}", "VIRTUAL_ENV": str(venv_for(project))})
    env.update({"PYTHONUNBUFFERED": "1"})
    env.update(extra)
    return env


@dataclass
class Server:
    """A project served by gunicorn on loopback; ``log`` holds its stdout and stderr."""

    url: str
    log: Path
    process: subprocess.Popen[bytes]

    def output(self) -> str:
        return self.log.read_text(errors="replace")


@contextmanager
def gunicorn(
    project: Path, app: str, env: dict[str, str], log: Path, timeout: float = 60, options: tuple[str, ...] = ()
) -> Iterator[Server]:
    """Start ``gunicorn APP`` (with more command-line ``options``) in ``project`` on a free 127.0.0.1 port;
    always stop it on the way out."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = ["gunicorn", app, "--bind", f"127.0.0.1:{port}", "--workers", "2", "--access-logfile", "-", *options]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            command, cwd=project, env=project_environ(project, env), stdout=sink, stderr=subprocess.STDOUT
        )
    server = Server(url=url, log=log, process=process)
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited {process.returncode}:\n{server.output()[-4000:]}")
            try:
                with urllib.request.urlopen(url + "/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer on {url} in {timeout}s:\n{server.output()[-4000:]}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


def emails_in(text: str) -> list[email.message.Message]:
    """The emails a console mail backend printed (between lines of dashes), parsed."""
    messages = []
    for chunk in re.split(r"^-{20,}\s*$", text, flags=re.MULTILINE):
        chunk = chunk.strip("\n")
        start = chunk.find("Content-Type:")
        subject = chunk.find("Subject:")
        if subject < 0:
            continue
        head = min(i for i in (start, subject, chunk.find("From:"), chunk.find("MIME-Version:")) if i >= 0)
        messages.append(email.message_from_string(chunk[head:]))
    return messages


def body_of(message: email.message.Message) -> str:
    part = next((p for p in message.walk() if p.get_content_type() == "text/plain"), message)
    payload = part.get_payload(decode=True)
    return payload.decode(part.get_content_charset() or "utf-8") if isinstance(payload, bytes) else str(payload)


def wait_for_link(server: Server, recipient: str, pattern: str, timeout: float = 20) -> str:
    """The first link matching ``pattern`` in the newest email to ``recipient`` that the server printed."""
    deadline = time.monotonic() + timeout
    while True:
        for message in reversed(emails_in(server.output())):
            if recipient in str(message.get("To", "")):
                match = re.search(pattern, body_of(message))
                if match:
                    return match.group(0)
        if time.monotonic() > deadline:
            raise AssertionError(
                f"no email to {recipient} with {pattern!r} in the server's output:\n{server.output()[-4000:]}"
            )
        time.sleep(0.2)


#: In the page: what a basic accessibility check finds wrong (an empty list when nothing).
A11Y_SCRIPT = r"""
() => {
  const problems = [];
  const shown = (el) => {
    const style = getComputedStyle(el);
    return style.visibility !== 'hidden' && style.display !== 'none' && el.getClientRects().length > 0;
  };
  const describe = (el) => el.outerHTML.slice(0, 120);
  const textOf = (id) => { const el = document.getElementById(id); return el ? el.textContent.trim() : ''; };
  for (const el of document.querySelectorAll('input, select, textarea')) {
    const type = (el.getAttribute('type') || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'reset', 'image'].includes(type) || !shown(el)) continue;
    // A label's text, or the alt text of an image inside it (Django admin's search box).
    const named = (label) => label.textContent.trim() !== ''
      || Array.from(label.querySelectorAll('img[alt]')).some((img) => img.alt.trim() !== '');
    const byLabel = Array.from(el.labels || []).some(named);
    const byAria = (el.getAttribute('aria-label') || '').trim() !== '';
    const byLabelledby = (el.getAttribute('aria-labelledby') || '').split(/\s+/).some((id) => id && textOf(id));
    if (!(byLabel || byAria || byLabelledby)) problems.push('form field without a label: ' + describe(el));
  }
  for (const img of document.querySelectorAll('img:not([alt]), input[type=image]:not([alt])')) {
    problems.push('image without alt text: ' + describe(img));
  }
  if (document.title.trim() === '') problems.push('the page has no <title>');
  const h1s = document.querySelectorAll('h1').length;
  if (h1s !== 1) problems.push(`the page has ${h1s} <h1> elements, not one`);
  return problems;
}
"""

#: In the page: whether it scrolls sideways, and the elements sticking out on the right.
OVERFLOW_SCRIPT = r"""
() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  if (root.scrollWidth <= width) return [];
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      wide.push(`${el.tagName.toLowerCase()}.${el.className} (${Math.round(box.right)}px)`);
    }
    if (wide.length >= 5) break;
  }
  return [`scrolls sideways at ${width}px (content ${root.scrollWidth}px wide): ` + wide.join(', ')];
}
"""


@dataclass
class PageChecks:
    """Runs the accessibility check on every page a test visits and keeps what it found.

    ``tolerated`` maps a URL path prefix to regular expressions of problems accepted there: the
    known shortcomings of third-party pages (the admin), kept apart in ``tolerated_found``.
    """

    tolerated: dict[str, list[str]] = field(default_factory=dict)
    problems: dict[str, list[str]] = field(default_factory=dict)
    tolerated_found: dict[str, list[str]] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)

    def check(self, page: Any, name: str) -> list[str]:
        """Check ``page`` as it is now, and again at phone width for sideways scrolling."""
        found = list(page.evaluate(A11Y_SCRIPT))
        size = page.viewport_size or DESKTOP
        page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
        try:
            found += page.evaluate(OVERFLOW_SCRIPT)
        finally:
            page.set_viewport_size(size)
        key = f"{name} ({page.url})"
        self.visited.append(key)
        path = urlsplit(page.url).path
        accepted = [p for prefix, ps in self.tolerated.items() if path.startswith(prefix) for p in ps]
        known = [problem for problem in found if any(re.search(p, problem) for p in accepted)]
        unknown = [problem for problem in found if problem not in known]
        if known:
            self.tolerated_found[key] = known
        if unknown:
            self.problems[key] = unknown
        return unknown

    @staticmethod
    def report(problems: dict[str, list[str]]) -> str:
        return "\n".join(f"{page}:\n  " + "\n  ".join(found) for page, found in problems.items())


def save_screenshot(page: Any, folder: Path, name: str, *, full_page: bool = True) -> Path:
    """A PNG of the page in ``folder``, also copied to FOD_SCREENSHOTS_DIR when that is set."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    page.screenshot(path=str(path), full_page=full_page, animations="disabled")
    target = os.environ.get("FOD_SCREENSHOTS_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, Path(target) / path.name)
    return path
