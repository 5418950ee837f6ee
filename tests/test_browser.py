"""Generated projects in a real browser: headless Chromium driven by Playwright.

For the default Django and Flask projects and two variants (Django with Jinja2 templates, Flask
with peewee), each test renders the project, installs its dependencies into the shared venv,
creates a fresh SQLite database and an admin user with the project's own command, serves the
project with gunicorn in production mode on a free loopback port, and walks through it as people
would: sign up, log out, log in, create, edit and delete an item, see form errors, try the admin
as a visitor, a user and an admin, and reset a password through the emailed link. Every page
visited gets a basic accessibility check.

The browser is the system's Chromium (``apt-get install chromium``; CHROMIUM_PATH points to
another one). Without it, or without the ``playwright`` package, the tests are skipped, unless
FOD_REQUIRE_BROWSER=1, when they fail. Screenshots go to each test's temporary folder; set
FOD_SCREENSHOTS_DIR=docs/screenshots to refresh the ones in the repository:

    FOD_SCREENSHOTS_DIR=docs/screenshots python -m pytest tests/test_browser.py
"""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import (
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE_WIDTH,
    PageChecks,
    Server,
    find_chromium,
    gunicorn,
    save_screenshot,
    wait_for_link,
)
from tests.project_env import check_in_project

try:
    from playwright.sync_api import Page, expect, sync_playwright
except ImportError:  # the tests skip (or fail with FOD_REQUIRE_BROWSER=1) with the reason
    sync_playwright = None  # type: ignore[assignment]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.filterwarnings("ignore:Dirty template changes included automatically"),
]

SLUG = "my_project"
PASSWORD = "Tr0ub4dor-and-3-browsers"
NEW_PASSWORD = "Correct-horse-battery-9"
ADMIN = {"username": "boss", "email": "boss@example.com", "password": "Admin-pass-for-the-browser-1"}


#: The admin is a library's UI (Django admin, Flask-Admin), not the project's own pages: these
#: known shortcomings of it are accepted there, and only there. Anything else fails the test.
KNOWN_ADMIN_PROBLEMS: dict[str, dict[str, list[str]]] = {
    # Django 5's admin login page shows its title in a <div id="site-name">, with no <h1>.
    "django": {"/admin/login/": [r"^the page has 0 <h1>"]},
    "flask": {
        "/admin": [
            # Flask-Admin's Bootstrap 4 pages have no <h1> at all.
            r"^the page has 0 <h1>",
            # Its search box has only a placeholder, its row checkboxes only a title.
            r'^form field without a label: <input [^>]*name="search"',
            r'^form field without a label: <input type="checkbox" name="row(toggle|id)"',
        ]
    },
}


@dataclass(frozen=True)
class Variant:
    """One generated project and how its pages are reached."""

    id: str
    answers: dict[str, Any]
    framework: str
    signup_path: str
    login_path: str
    fields: dict[str, str]  # role -> element id
    reset_link: str  # a regular expression for the link in the password reset email
    admin_items_path: str
    screenshots: bool = False

    def field(self, page: Page, role: str) -> Any:
        return page.locator(f"#{self.fields[role]}")


DJANGO_FIELDS = {
    "username": "id_username",
    "email": "id_email",
    "password": "id_password",
    "signup_password": "id_password1",
    "signup_confirm": "id_password2",
    "title": "id_title",
    "body": "id_body",
    "new_password": "id_new_password1",
    "new_confirm": "id_new_password2",
}
FLASK_FIELDS = {
    "username": "username",
    "email": "email",
    "password": "password",
    "signup_password": "password",
    "signup_confirm": "confirm",
    "title": "title",
    "body": "body",
    "new_password": "password",
    "new_confirm": "confirm",
}


def django(id: str, screenshots: bool = False, **answers: Any) -> Variant:
    return Variant(
        id=id,
        answers={"framework": "django", **answers},
        framework="django",
        signup_path="/accounts/signup/",
        login_path="/accounts/login/",
        fields=DJANGO_FIELDS,
        reset_link=r"http://127\.0\.0\.1:\d+/accounts/reset/[^\s/]+/[^\s/]+/",
        admin_items_path="/admin/items/item/",
        screenshots=screenshots,
    )


def flask(id: str, screenshots: bool = False, **answers: Any) -> Variant:
    return Variant(
        id=id,
        answers={"framework": "flask", **answers},
        framework="flask",
        signup_path="/auth/signup",
        login_path="/auth/login",
        fields=FLASK_FIELDS,
        reset_link=r"http://127\.0\.0\.1:\d+/auth/reset/\S+",
        admin_items_path="/admin/item/",
        screenshots=screenshots,
    )


VARIANTS = [
    django("django", screenshots=True),
    flask("flask", screenshots=True),
    django("django-jinja2", templating="jinja2"),
    flask("flask-peewee", orm="peewee"),
]


@pytest.fixture(scope="module")
def chromium() -> str:
    """The system Chromium; skipped (or failed with FOD_REQUIRE_BROWSER=1) when it or Playwright is missing."""
    chromium = find_chromium()
    missing = None
    if sync_playwright is None:
        missing = "the playwright package is not installed (pip install playwright)"
    elif chromium is None:
        missing = "no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)"
    if missing or chromium is None:
        if os.environ.get("FOD_REQUIRE_BROWSER"):
            pytest.fail(f"FOD_REQUIRE_BROWSER is set but {missing}")
        pytest.skip(missing)
    return chromium


@pytest.fixture(scope="module")
def browser(chromium: str) -> Iterator[Any]:
    """Headless system Chromium, driven by Playwright."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def prepare(project: Path, variant: Variant, database: Path) -> tuple[str, dict[str, str]]:
    """Database, static files and the admin user, with the project's own commands; the app and env to serve."""
    secret = secrets.token_urlsafe(48)
    if variant.framework == "django":
        env = {
            "DJANGO_ENV": "production",
            "SECRET_KEY": secret,
            "ALLOWED_HOSTS": "127.0.0.1",
            # Plain HTTP on loopback: no redirect to HTTPS. Cookies stay Secure-only, which
            # Chromium accepts from http://127.0.0.1 (a "potentially trustworthy" origin).
            "SECURE_SSL_REDIRECT": "off",
            "EMAIL_URL": "consolemail://",
            "DATABASE_URL": f"sqlite:///{database}",
        }
        check_in_project(project, "python", "manage.py", "migrate", "--noinput", env=env)
        check_in_project(project, "python", "manage.py", "collectstatic", "--noinput", env=env)
        superuser = {f"DJANGO_SUPERUSER_{key.upper()}": value for key, value in ADMIN.items()}
        check_in_project(project, "python", "manage.py", "createsuperuser", "--noinput", env={**env, **superuser})
        return f"{SLUG}.wsgi:application", env
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secret,
        "TRUSTED_HOSTS": "127.0.0.1,localhost",
        "MAIL_BACKEND": "console",
        "DATABASE_URL": f"sqlite:///{database}",
    }
    check_in_project(project, "flask", "--app", SLUG, "db", "upgrade", env=env)
    admin_args = ["--username", ADMIN["username"], "--email", ADMIN["email"], "--password", ADMIN["password"]]
    check_in_project(project, "flask", "--app", SLUG, "create-admin", *admin_args, env=env)
    return f"{SLUG}:create_app()", env


class Visit:
    """One browser context (a visitor with their own cookies) on the served project."""

    def __init__(self, browser: Any, server: Server, variant: Variant, checks: PageChecks, shots: Path) -> None:
        self.context = browser.new_context(viewport=DESKTOP, base_url=server.url)
        self.context.set_default_timeout(15_000)
        self.page: Page = self.context.new_page()
        self.variant = variant
        self.checks = checks
        self.shots = shots
        self.failures: list[str] = []

    def check(self, name: str) -> None:
        self.checks.check(self.page, f"{self.variant.id}: {name}")

    def goto(self, path: str, name: str) -> Any:
        response = self.page.goto(path)
        self.check(name)
        return response

    def follow(self, target: Any) -> None:
        """Click a link or button and wait until the page it leads to has loaded."""
        with self.page.expect_navigation():
            target.click()

    def submit(self, navigate: bool = True) -> None:
        """Press the main form's submit button and wait for the next page."""
        button = self.page.locator("main form").last.locator("[type=submit]").first
        if navigate:
            self.follow(button)
        else:
            button.click()

    def fill(self, **values: str) -> None:
        for role, value in values.items():
            self.variant.field(self.page, role).fill(value)

    def expect_message(self, pattern: str) -> None:
        expect(self.page.locator(".messages")).to_contain_text(re.compile(pattern))

    def log_in(self, username: str, password: str) -> None:
        self.goto(self.variant.login_path, "log in")
        self.fill(username=username, password=password)
        self.submit()

    def log_out(self) -> None:
        self.follow(self.page.get_by_role("button", name="Log out"))
        self.expect_message("logged out")
        self.check("after logging out")

    def screenshot(self, name: str, full_page: bool = True) -> None:
        if self.variant.screenshots:
            save_screenshot(self.page, self.shots, f"{self.variant.framework}-{name}", full_page=full_page)


def sign_up_and_sessions(visit: Visit, user: str) -> None:
    """A bad sign-up (passwords differ) shows errors; a good one logs in; log out; log in again."""
    page, variant = visit.page, visit.variant
    visit.goto("/", "home, anonymous")
    visit.screenshot("home", full_page=False)
    page.set_viewport_size({"width": PHONE_WIDTH, "height": 844})
    visit.screenshot("home-390", full_page=True)
    page.set_viewport_size(DESKTOP)

    visit.goto(variant.signup_path, "sign up")
    visit.fill(username=user, email=f"{user}@example.com", signup_password=PASSWORD, signup_confirm=PASSWORD + "x")
    visit.submit()
    expect(page.locator(".errors, .form-errors").first).to_be_visible()
    visit.check("sign up with an error")
    visit.screenshot("signup-error")

    visit.fill(signup_password=PASSWORD, signup_confirm=PASSWORD)
    visit.submit()
    visit.expect_message(f"Welcome, {user}")
    expect(page.locator(".site-nav")).to_contain_text(user)
    visit.check("home, signed up")

    visit.log_out()
    expect(page.get_by_role("link", name="Log in").first).to_be_visible()

    visit.log_in(user, PASSWORD + "-wrong")
    expect(page.locator(".form-errors, .errors").first).to_be_visible()
    visit.check("log in with a wrong password")
    visit.fill(password=PASSWORD)
    visit.submit()
    expect(page.locator(".site-nav")).to_contain_text(user)
    visit.check("home, logged in")


def items_crud(visit: Visit) -> str:
    """Create, edit and delete items through the forms; return the title of the one kept."""
    page, variant = visit.page, visit.variant
    visit.follow(page.locator(".site-nav").get_by_role("link", name="Items"))
    visit.check("item list, empty")
    visit.follow(page.get_by_role("link", name="New item"))
    visit.check("new item")

    # An empty title: Django's inputs are `required`, so the browser itself refuses the form;
    # Flask's forms are `novalidate`, so the server answers with the error.
    title_field = variant.field(page, "title")
    visit.submit(navigate=variant.framework != "django")
    if variant.framework == "django":
        assert title_field.evaluate("el => el.validationMessage"), "the browser let an empty title through"
        expect(page).to_have_url(re.compile(r"/new/?$"))
    else:
        expect(page.locator(".errors")).to_contain_text(re.compile("required", re.I))
        visit.check("new item with an error")

    visit.fill(title="Shopping list", body="Milk, eggs and flour.\n\nAnd coffee.")
    visit.submit()
    visit.expect_message("created")
    expect(page.locator("h1")).to_have_text("Shopping list")
    visit.check("item detail")
    # The body's blank line (sent by the browser as CR LF CR LF) starts a new paragraph. Checked
    # without stopping the walk: the test fails at its end.
    paragraphs = [text.strip() for text in page.locator("main p").all_inner_texts()]
    if "And coffee." not in paragraphs:
        visit.failures.append(f"the item's two paragraphs are shown as one: {paragraphs}")
    visit.screenshot("item")

    visit.follow(page.get_by_role("link", name="Edit"))
    visit.check("edit item")
    expect(title_field).to_have_value("Shopping list")
    visit.fill(title="Weekend shopping list")
    visit.submit()
    expect(page.locator("h1")).to_have_text("Weekend shopping list")
    visit.check("item detail, edited")

    visit.follow(page.get_by_role("link", name=re.compile("^All items")))
    visit.follow(page.get_by_role("link", name="New item"))
    visit.fill(title="Draft to throw away", body="Not for long.")
    visit.submit()
    expect(page.locator("h1")).to_have_text("Draft to throw away")
    visit.follow(page.get_by_role("link", name="Delete"))
    expect(page.locator("h1")).to_contain_text("Draft to throw away")
    visit.check("confirm delete")
    visit.follow(page.get_by_role("button", name="Delete"))
    visit.expect_message("deleted")
    expect(page.locator(".card-list")).not_to_contain_text("Draft to throw away")

    visit.follow(page.get_by_role("link", name="New item"))
    visit.fill(title="Ideas for the garden", body="Tomatoes, beans, a bench under the apple tree.")
    visit.submit()
    visit.follow(page.get_by_role("link", name=re.compile("^All items")))
    expect(page.locator(".card-list .card")).to_have_count(2)
    visit.check("item list")
    visit.screenshot("items")
    return "Weekend shopping list"


def admin_as_visitor(visit: Visit) -> None:
    """Anonymous visitors are sent to a login page."""
    visit.goto("/admin/", "admin, anonymous")
    expect(visit.page).to_have_url(re.compile(r"/(admin/)?login/?\?next="))
    expect(visit.page.locator("input[type=password]")).to_be_visible()


def admin_as_user(visit: Visit, user: str) -> None:
    """A logged-in user who is not staff is refused."""
    response = visit.goto("/admin/", "admin, plain user")
    if visit.variant.framework == "django":
        # Django's admin answers with its own login page and says why.
        expect(visit.page).to_have_url(re.compile(r"/admin/login/"))
        expect(visit.page.locator("body")).to_contain_text(f"You are authenticated as {user}, but are not authorized")
    else:
        assert response is not None and response.status == 403
        expect(visit.page.locator("h1")).to_have_text("Forbidden")


def admin_as_admin(visit: Visit, title: str) -> None:
    """The admin made with the project's own command logs in and finds the item."""
    page, variant = visit.page, visit.variant
    if variant.framework == "django":
        visit.goto("/admin/", "admin login")
        page.locator("#id_username").fill(ADMIN["username"])
        page.locator("#id_password").fill(ADMIN["password"])
        visit.follow(page.locator("input[type=submit]"))
    else:
        visit.log_in(ADMIN["username"], ADMIN["password"])
        visit.follow(page.locator(".site-nav").get_by_role("link", name="Admin"))
    page.wait_for_load_state()
    visit.check("admin home")
    expect(page.locator("body")).to_contain_text("Items")
    visit.goto(variant.admin_items_path, "admin item list")
    expect(page.locator("body")).to_contain_text(title)
    visit.screenshot("admin")


def password_reset(visit: Visit, server: Server, user: str) -> None:
    """Forgot password: the emailed link sets a new password, which then logs in (the old one no longer)."""
    page, variant = visit.page, visit.variant
    visit.goto("/", "home, logged in")
    visit.log_out()
    visit.goto(variant.login_path, "log in")
    visit.follow(page.get_by_role("link", name="Forgot your password?"))
    visit.check("password reset request")
    visit.fill(email=f"{user}@example.com")
    visit.submit()
    visit.check("password reset requested")

    link = wait_for_link(server, f"{user}@example.com", variant.reset_link)
    page.goto(link)
    visit.check("choose a new password")
    visit.fill(new_password=NEW_PASSWORD, new_confirm=NEW_PASSWORD)
    visit.submit()
    visit.check("password reset done")

    visit.log_in(user, PASSWORD)
    expect(page.locator(".form-errors, .errors").first).to_be_visible()
    visit.fill(password=NEW_PASSWORD)
    visit.submit()
    expect(page.locator(".site-nav")).to_contain_text(user)


@pytest.mark.parametrize("variant", VARIANTS, ids=[v.id for v in VARIANTS])
def test_project_in_the_browser(variant: Variant, browser: Any, render: Any, tmp_path: Path) -> None:
    project = render(**variant.answers)
    app, env = prepare(project, variant, tmp_path / "app.sqlite3")
    checks = PageChecks(tolerated=KNOWN_ADMIN_PROBLEMS[variant.framework])
    shots = tmp_path / "screenshots"
    user = "alice"
    with gunicorn(project, app, env, tmp_path / "gunicorn.log") as server:
        visitor = Visit(browser, server, variant, checks, shots)
        admin = Visit(browser, server, variant, checks, shots)
        try:
            admin_as_visitor(visitor)
            sign_up_and_sessions(visitor, user)
            title = items_crud(visitor)
            admin_as_user(visitor, user)
            admin_as_admin(admin, title)
            password_reset(visitor, server, user)
        except Exception:
            for name, visit in (("visitor", visitor), ("admin", admin)):
                visit.page.screenshot(path=str(tmp_path / f"failure-{name}.png"), full_page=True)
            print(f"Screenshots of the failure in {tmp_path}; the server's log:\n{server.output()[-3000:]}")
            raise
        finally:
            visitor.context.close()
            admin.context.close()
    if checks.tolerated_found:
        print("Known accessibility shortcomings of the admin:\n" + PageChecks.report(checks.tolerated_found))
    assert not visitor.failures, visitor.failures
    assert not checks.problems, "accessibility problems:\n" + PageChecks.report(checks.problems)
    assert len(checks.visited) >= 20, checks.visited


#: Templates that ship end-to-end tests of their own (tests/e2e) when auth and the example app are on.
E2E_FRAMEWORKS = ["django", "flask"]


@pytest.mark.parametrize("framework", E2E_FRAMEWORKS)
def test_generated_projects_e2e_tests_pass_in_chromium(framework: str, chromium: str, render: Any) -> None:
    """The project's own browser tests run (not skipped) and pass, on the system Chromium."""
    project = render(framework=framework)
    assert (project / "tests" / "e2e" / "conftest.py").is_file()
    env = {"CHROMIUM_PATH": chromium, "E2E_REQUIRE_BROWSER": "1"}
    output = check_in_project(project, "python", "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider", env=env)
    assert re.search(r"\b2 passed\b", output), output
    assert "skipped" not in output, output


@pytest.mark.parametrize("templating", ["django", "jinja2"])
def test_django_full_account_kit_e2e_tests_pass_in_chromium(templating: str, chromium: str, render: Any) -> None:
    """auth_kit=full (django-allauth): sign-up with the emailed link, two-factor login, the example app."""
    project = render(framework="django", auth_kit="full", templating=templating)
    env = {"CHROMIUM_PATH": chromium, "E2E_REQUIRE_BROWSER": "1"}
    output = check_in_project(project, "python", "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider", env=env)
    assert re.search(r"\b2 passed\b", output), output
    assert "skipped" not in output, output


def test_a_flask_full_kit_project_s_e2e_tests_pass_in_chromium(chromium: str, render: Any) -> None:
    """Flask-Security-Too's pages in a browser: sign up and confirm from the email, a two-factor login, the CRUD."""
    project = render(framework="flask", auth=True, auth_kit="full")
    env = {"CHROMIUM_PATH": chromium, "E2E_REQUIRE_BROWSER": "1"}
    output = check_in_project(project, "python", "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider", env=env)
    assert re.search(r"\b3 passed\b", output), output
    assert "skipped" not in output, output


@pytest.mark.parametrize("framework", E2E_FRAMEWORKS)
def test_generated_projects_e2e_tests_skip_without_a_browser(framework: str, render: Any) -> None:
    """Without a browser the project's own test run still passes: the browser tests are skipped, saying why."""
    project = render(framework=framework)
    env = {"CHROMIUM_PATH": "/nonexistent/chromium"}
    output = check_in_project(
        project, "python", "-m", "pytest", "tests/e2e", "-q", "-rs", "-p", "no:cacheprovider", env=env
    )
    assert "2 skipped" in output and "CHROMIUM_PATH=/nonexistent/chromium is not an executable" in output, output


@pytest.mark.parametrize("framework", E2E_FRAMEWORKS)
def test_no_e2e_tests_without_accounts(framework: str, render: Any) -> None:
    project = render(framework=framework, auth=False, admin=False)
    assert not (project / "tests" / "e2e").exists()
    assert "playwright" not in (project / "pyproject.toml").read_text()


def test_multilingual_django_projects_e2e_tests_switch_language_in_chromium(chromium: str, render: Any) -> None:
    """A multilingual project's browser tests include the language switcher's, and pass."""
    project = render(framework="django", languages="en,fr")
    assert (project / "tests" / "e2e" / "test_languages_browser.py").is_file()
    env = {"CHROMIUM_PATH": chromium, "E2E_REQUIRE_BROWSER": "1"}
    output = check_in_project(project, "python", "-m", "pytest", "tests/e2e", "-q", "-p", "no:cacheprovider", env=env)
    assert re.search(r"\b3 passed\b", output), output
    assert "skipped" not in output, output
