"""Attacks on the default Django project with its REST API, served by gunicorn in production mode.

One rendered project (``rest_api=true``), migrated, served on 127.0.0.1 with ``DJANGO_ENV=production``
(plain HTTP: ``SECURE_SSL_REDIRECT=off``), emails written to files, throttling counted in Redis when one
answers on 127.0.0.1:6379. Each test makes real HTTP requests, few and with timeouts, as an attacker would.
"""

from __future__ import annotations

import http.client
import json
import re
import secrets
import socket
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.browser_helpers import gunicorn
from tests.project_env import check_in_project

pytestmark = pytest.mark.slow

PASSWORD = "correct-Horse-battery-st4ple"
FAILURE_LIMIT = 5
REDIS = ("127.0.0.1", 6379)


def redis_answers() -> bool:
    try:
        with socket.create_connection(REDIS, timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


@dataclass
class Client:
    """A browser-like client over plain HTTP: keeps every cookie (Secure ones too, as if over HTTPS).

    Each connects from an address of its own in 127.0.0.0/8, so the per-address throttles of one test do
    not reach the next (they run in any order, on any xdist worker).
    """

    port: int
    address: str = "127.0.0.1"
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookie_lines: list[str] = field(default_factory=list)

    def request(
        self,
        method: str,
        path: str,
        data: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        **kw: Any,
    ) -> Response:
        body: bytes | None = None
        sent = {"Host": f"127.0.0.1:{self.port}", **(headers or {})}
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if "json" in kw:
            body = json.dumps(kw["json"]).encode()
            sent["Content-Type"] = "application/json"
        if self.cookies and "Cookie" not in sent:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=15, source_address=(self.address, 0))
        try:
            connection.request(method, path, body=body, headers=sent)
            raw = connection.getresponse()
            text = raw.read().decode(errors="replace")
        finally:
            connection.close()
        for line in raw.headers.get_all("Set-Cookie") or []:
            self.set_cookie_lines.append(line)
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if value in ('""', "") or "Max-Age=0" in line:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return Response(raw.status, raw.headers, text)

    def get(self, path: str, **kw: Any) -> Response:
        return self.request("GET", path, **kw)

    def csrf_from(self, path: str) -> str:
        page = self.get(path)
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        assert found, f"no CSRF token on {path}: {page.status}"
        return found.group(1)

    def post_form(self, path: str, data: dict[str, str], form_page: str | None = None, **kw: Any) -> Response:
        token = self.csrf_from(form_page or path)
        return self.request("POST", path, data={"csrfmiddlewaretoken": token, **data}, **kw)

    def log_in(self, username: str, password: str = PASSWORD, path: str = "/accounts/login/") -> Response:
        return self.post_form(path, {"username": username, "password": password})

    @property
    def logged_in(self) -> bool:
        return "sessionid" in self.cookies


@dataclass
class Site:
    project: Path
    port: int
    mail_dir: Path
    env: dict[str, str]
    item_id: int = 0
    clients: int = 0

    def client(self, address: str | None = None) -> Client:
        self.clients += 1
        return Client(self.port, address or f"127.0.{self.clients // 250}.{self.clients % 250 + 2}")

    def manage(self, *args: str) -> str:
        return check_in_project(self.project, "python", "manage.py", *args, env=self.env)

    def mails(self) -> list[str]:
        return [p.read_text() for p in sorted(self.mail_dir.glob("*"))] if self.mail_dir.exists() else []


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[Site]:
    """The project, rendered from this repository's template, migrated and served."""
    import copier

    base = tmp_path_factory.mktemp("attacks")
    project = base / "project"
    template = str(request.config.option.template)  # the working tree's snapshot (tests/conftest.py)
    copier.run_copy(
        template, project, data={"framework": "django", "rest_api": True}, defaults=True, unsafe=True, quiet=True
    )
    mail_dir = base / "mails"
    env = {
        "DJANGO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "off",
        "DATABASE_URL": f"sqlite:///{base / 'db.sqlite3'}",
        "EMAIL_URL": f"filemail:///{mail_dir}",  # four slashes: an absolute path,
        "LOGIN_FAILURE_LIMIT": str(FAILURE_LIMIT),
        "PASSWORD_RESET_RATE": "4/h",
        "SIGNUP_RATE": "3/h",
        "API_ANON_RATE": "40/minute",
    }
    if redis_answers():
        prefix = f"attacks{secrets.token_hex(4)}"
        env["REDIS_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/1"
        (project / "my_project" / "settings.py").write_text(
            (project / "my_project" / "settings.py")
            .read_text()
            .replace('"KEY_PREFIX": "my_project"', f'"KEY_PREFIX": "{prefix}"')
        )
    for args in (("migrate", "--noinput"), ("collectstatic", "--noinput")):
        check_in_project(project, "python", "manage.py", *args, env=env)
    script = (
        "from accounts.models import User; from items.models import Item;"
        f"a = User.objects.create_user('alice', 'alice@example.com', {PASSWORD!r});"
        f"User.objects.create_user('bob', 'bob@example.com', {PASSWORD!r});"
        f"User.objects.create_user('mallory', 'mallory@example.com', {PASSWORD!r});"
        "print('ITEM', Item.objects.create(title='Hers', body='Hers.', owner=a).pk)"
    )
    output = check_in_project(project, "python", "manage.py", "shell", "-c", script, env=env)
    item_id = int(re.search(r"ITEM (\d+)", output).group(1))  # type: ignore[union-attr]
    with gunicorn(project, "my_project.wsgi", env, base / "gunicorn.log") as server:
        port = int(server.url.rsplit(":", 1)[1])
        yield Site(project, port, mail_dir, env, item_id)


# --- Host header, error pages, headers and cookies -----------------------------------------------


def test_forged_host_on_password_reset_is_refused_and_sends_nothing(served: Site) -> None:
    client = served.client()
    token = client.csrf_from("/accounts/password_reset/")
    before = len(served.mails())
    response = client.request(
        "POST",
        "/accounts/password_reset/",
        data={"csrfmiddlewaretoken": token, "email": "alice@example.com"},
        headers={"Host": "evil.example"},
    )
    assert response.status == 400
    assert len(served.mails()) == before
    forwarded = client.request(
        "POST",
        "/accounts/password_reset/",
        data={"csrfmiddlewaretoken": token, "email": "alice@example.com"},
        headers={"X-Forwarded-Host": "evil.example"},
    )
    assert forwarded.status == 302
    assert all("evil.example" not in mail for mail in served.mails())


def test_error_pages_show_no_traceback(served: Site) -> None:
    response = served.client().get("/no-such-page/")
    assert response.status == 404
    for leak in ("Traceback", "URLconf", "DEBUG = True", "settings.py"):
        assert leak not in response.body


def test_pages_are_sent_with_security_headers(served: Site) -> None:
    for path in ("/", "/accounts/login/", "/items/", "/admin/login/"):
        headers = served.client().get(path).headers
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
        assert headers["X-Frame-Options"] == "DENY"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_session_and_csrf_cookies_are_secure(served: Site) -> None:
    client = served.client()
    assert client.log_in("bob").status == 302
    lines = {line.split("=", 1)[0]: line.lower() for line in client.set_cookie_lines}
    assert {"secure", "httponly", "samesite=lax"} <= {part.strip() for part in lines["sessionid"].split(";")}
    assert {"secure", "samesite=lax"} <= {part.strip() for part in lines["csrftoken"].split(";")}


# --- Accounts ------------------------------------------------------------------------------------


def test_open_redirect_after_login_is_refused(served: Site) -> None:
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example", "https:evil.example"):
        client = served.client()
        token = client.csrf_from("/accounts/login/")
        response = client.request(
            "POST",
            "/accounts/login/?next=" + urllib.parse.quote(target),
            data={"csrfmiddlewaretoken": token, "username": "bob", "password": PASSWORD, "next": target},
        )
        assert response.status == 302
        assert "evil.example" not in response.headers["Location"], target


def test_the_reset_form_does_not_tell_whether_an_account_exists(served: Site) -> None:
    client = served.client()
    before = len(served.mails())
    known = client.post_form("/accounts/password_reset/", {"email": "bob@example.com"})
    unknown = client.post_form("/accounts/password_reset/", {"email": "nobody@example.com"})
    assert (known.status, known.headers["Location"]) == (unknown.status, unknown.headers["Location"])
    assert len(served.mails()) == before + 1


def test_admin_refuses_non_staff(served: Site) -> None:
    client = served.client()
    refused = client.log_in("bob", path="/admin/login/")
    assert refused.status == 200 and "staff account" in refused.body
    assert not client.logged_in
    client.log_in("bob")
    assert client.get("/admin/").status == 302
    assert client.get("/admin/accounts/user/").status == 302


def test_logout_by_get_is_refused(served: Site) -> None:
    client = served.client()
    client.log_in("bob")
    assert client.get("/accounts/logout/").status == 405
    assert client.get("/accounts/password_change/").status == 200


# --- The example app, by page and by API ----------------------------------------------------------


def test_someone_elses_item_by_page_is_403(served: Site) -> None:
    client = served.client()
    client.log_in("bob")
    edit = f"/items/{served.item_id}/edit/"
    assert client.get(edit).status == 403
    token = client.cookies["csrftoken"]
    forged = client.request("POST", edit, data={"csrfmiddlewaretoken": token, "title": "Hijacked", "body": "x"})
    assert forged.status == 403
    deleted = client.request("POST", f"/items/{served.item_id}/delete/", data={"csrfmiddlewaretoken": token})
    assert deleted.status == 403
    assert "Hijacked" not in served.client().get(f"/items/{served.item_id}/").body


def test_a_page_form_without_csrf_token_is_refused(served: Site) -> None:
    client = served.client()
    client.log_in("bob")
    assert client.request("POST", "/items/new/", data={"title": "No token", "body": "x"}).status == 403


def test_stored_xss_is_escaped(served: Site) -> None:
    client = served.client()
    client.log_in("bob")
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    created = client.post_form("/items/new/", {"title": payload, "body": payload}, form_page="/items/new/")
    assert created.status == 302
    detail = client.get(created.headers["Location"])
    listing = client.get("/items/")
    for page in (detail, listing):
        assert "<script>alert(1)" not in page.body and "<img src=x" not in page.body
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.body


def _token_for(served: Site, username: str) -> str:
    client = served.client()
    client.log_in(username)
    made = client.post_form("/accounts/tokens/", {})
    assert made.status == 200
    assert "no-store" in made.headers["Cache-Control"]
    return re.search(r'<pre class="token"><code>([^<]+)</code>', made.body).group(1)  # type: ignore[union-attr]


def test_anonymous_api_write_is_401_json(served: Site) -> None:
    response = served.client().request("POST", "/api/items/", json={"title": "Spam", "body": "x"})
    assert response.status == 401
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["WWW-Authenticate"] == "Token"
    assert response.json()["detail"]
    basic = served.client().request(
        "POST", "/api/items/", json={"title": "Spam", "body": "x"}, headers={"Authorization": "Basic Ym9iOnBhc3M="}
    )
    assert basic.status == 401


def test_api_cookie_write_without_csrf_is_403(served: Site) -> None:
    client = served.client()
    client.log_in("bob")
    response = client.request("POST", "/api/items/", json={"title": "Forged", "body": "x"})
    assert response.status == 403
    assert "CSRF" in response.json()["detail"]
    with_token = client.request(
        "POST",
        "/api/items/",
        json={"title": "With its token", "body": "x"},
        headers={"X-CSRFToken": client.cookies["csrftoken"]},
    )
    assert with_token.status == 201


def test_token_create_use_and_revoke(served: Site) -> None:
    token = _token_for(served, "bob")
    auth = {"Authorization": f"Token {token}"}
    anonymous = served.client()
    created = anonymous.request("POST", "/api/items/", json={"title": "By token", "body": "x"}, headers=auth)
    assert created.status == 201 and created.json()["owner"] == "bob"
    # Someone else's item by API: 403.
    hijack = anonymous.request("PATCH", f"/api/items/{served.item_id}/", json={"title": "Hijacked"}, headers=auth)
    assert hijack.status == 403
    assert anonymous.request("DELETE", f"/api/items/{served.item_id}/", headers=auth).status == 403
    # The token is not accepted in the query string, and is not stored as it is.
    assert anonymous.request("POST", f"/api/items/?token={token}", json={"title": "q", "body": "x"}).status == 401
    db = served.env["DATABASE_URL"].removeprefix("sqlite:///")
    import sqlite3

    with sqlite3.connect(db) as connection:
        stored = [row[0] for row in connection.execute("SELECT digest FROM knox_authtoken")]
    assert stored and token not in stored
    # Revoked on the page: refused from then on.
    owner = served.client()
    owner.log_in("bob")
    owner.post_form(f"/accounts/tokens/{token[:15]}/revoke/", {}, form_page="/accounts/tokens/")
    assert anonymous.request("POST", "/api/items/", json={"title": "Revoked", "body": "x"}, headers=auth).status == 401
    # By the command too.
    made = re.findall(r"^[0-9a-f]{64}$", served.manage("tokens", "create", "bob"), re.MULTILINE)[-1]
    assert anonymous.request("GET", "/api/items/", headers={"Authorization": f"Token {made}"}).status == 200
    served.manage("tokens", "revoke", "bob", "--all")
    assert anonymous.request("GET", "/api/items/", headers={"Authorization": f"Token {made}"}).status == 401


def test_cors_is_off_by_default(served: Site) -> None:
    response = served.client().get("/api/items/", headers={"Origin": "https://evil.example"})
    assert response.status == 200
    assert "Access-Control-Allow-Origin" not in response.headers
    preflight = served.client().request(
        "OPTIONS", "/api/items/", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    )
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_openapi_documents_the_token_scheme(served: Site) -> None:
    schema = served.client().get("/api/schema/", headers={"Accept": "application/json"})
    assert schema.status == 200
    assert "knoxApiToken" in schema.body and "cookieAuth" in schema.body
    assert "basicAuth" not in schema.body


# --- Throttling ------------------------------------------------------------------------------------


def test_api_requests_are_throttled(served: Site) -> None:
    client = served.client()
    statuses = [client.get("/api/items/").status for _ in range(45)]
    assert 429 in statuses
    throttled = client.get("/api/items/", headers={"X-Forwarded-For": "203.0.113.9"})
    assert throttled.status == 429, "a forged X-Forwarded-For made a new client"
    assert int(throttled.headers["Retry-After"]) > 0
    assert "throttled" in throttled.json()["detail"]


def test_password_resets_and_signups_are_throttled(served: Site) -> None:
    client = served.client()
    statuses = [
        client.post_form("/accounts/password_reset/", {"email": "Mallory@example.com"}).status for _ in range(5)
    ]
    assert statuses[-1] == 429, statuses
    signups = [
        client.post_form(
            "/accounts/signup/",
            {"username": f"spam{n}", "email": f"spam{n}@example.com", "password1": PASSWORD, "password2": PASSWORD},
        ).status
        for n in range(4)
    ]
    assert signups[-1] == 429, signups


def test_login_brute_force_is_locked_out(served: Site) -> None:
    client = served.client()
    statuses = [client.log_in("alice", f"guess-{n}").status for n in range(FAILURE_LIMIT)]
    assert statuses[:-1] == [200] * (FAILURE_LIMIT - 1) and statuses[-1] == 429, statuses
    right = client.log_in("alice")
    assert right.status == 429 and not client.logged_in
    assert "Too many attempts" in right.body and int(right.headers["Retry-After"]) > 0
    # Another address (forged) does not help; nor does the admin's login page.
    forged = client.post_form(
        "/accounts/login/", {"username": "alice", "password": PASSWORD}, headers={"X-Forwarded-For": "203.0.113.5"}
    )
    assert forged.status == 429
    assert client.log_in("alice", path="/admin/login/").status == 429
    # The client's address itself is locked out, whatever the account.
    assert served.client(client.address).log_in("bob").status == 429
    # The lock-out's end: staff lift it (the cool-off would).
    served.manage("axes_reset")
    assert served.client().log_in("alice").status == 302
