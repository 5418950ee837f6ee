"""Attacks on a generated Flask project (default answers, ``rest_api=true``), served by its own gunicorn
in production mode on 127.0.0.1, with real HTTP requests: one test per attack, each expecting the
defence. Emails go to the server's log (``MAIL_BACKEND=console``), where the tests read them.

The throttling counts live in Redis (``REDIS_URL``), as the README advises for several workers.
Every request is bounded (a timeout, a handful of attempts). The project's limits are its production
defaults: the whole module stays under them, except the brute-force test, which means to break them.
"""

from __future__ import annotations

import http.client
import re
import secrets
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import copier
import pytest

from tests.browser_helpers import Server, body_of, emails_in, gunicorn
from tests.project_env import check_in_project

pytestmark = pytest.mark.slow

SLUG = "my_project"
PASSWORD = "correct-horse-battery"
ADMIN = {"username": "boss", "email": "boss@example.com", "password": PASSWORD}
TIMEOUT = 20
#: The throttling counts, shared by gunicorn's workers (with memory:// each worker would count alone):
#: a database of the local Redis of its own, emptied before the server starts.
REDIS = ("127.0.0.1", 6379, 13)


def empty_redis_database() -> str:
    """Empty Redis database REDIS (skip without a Redis); its URL."""
    host, port, number = REDIS
    try:
        with socket.create_connection((host, port), timeout=5) as connection:
            connection.sendall(f"SELECT {number}\r\nFLUSHDB\r\n".encode())
            reply = connection.recv(64)
    except OSError:
        pytest.skip(f"no Redis on {host}:{port}")
    assert reply.startswith(b"+OK"), reply
    return f"redis://{host}:{port}/{number}"


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    text: str

    def header(self, name: str) -> str:
        return self.headers.get(name, "")


@dataclass
class Client:
    """A visitor with their own cookies. (Not http.cookiejar: it would not send the production
    cookies, which are Secure, over the loopback's plain HTTP.)"""

    server: Server
    cookies: dict[str, str] = field(default_factory=dict)
    set_cookies: list[str] = field(default_factory=list)

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        json_body: str | None = None,
        headers: dict[str, str] | None = None,
        cookies: bool = True,
    ) -> Answer:
        parts = urlsplit(self.server.url)
        sent = {"Host": parts.netloc, **(headers or {})}
        body: bytes | None = None
        if form is not None:
            body = urlencode(form).encode()
            sent.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if json_body is not None:
            body = json_body.encode()
            sent.setdefault("Content-Type", "application/json")
        if cookies and self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=TIMEOUT)
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode(errors="replace")
        finally:
            connection.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            self.set_cookies.append(line)
            name, _, rest = line.partition("=")
            value = rest.split(";", 1)[0]
            if value and "expires=thu, 01 jan 1970" not in line.lower():
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return Answer(response.status, response.headers, text)

    def get(self, path: str, **kwargs: Any) -> Answer:
        return self.request("GET", path, **kwargs)

    def csrf_token(self, path: str) -> str:
        page = self.get(path).text
        found = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
            r'name="csrf-token" content="([^"]+)"', page
        )
        assert found, f"no CSRF token on {path}"
        return found[1]

    def post_form(self, path: str, data: dict[str, str], token_from: str | None = None, **kwargs: Any) -> Answer:
        token = self.csrf_token(token_from or path)
        return self.request("POST", path, form={**data, "csrf_token": token}, **kwargs)

    def log_in(self, username: str, password: str = PASSWORD, query: str = "") -> Answer:
        return self.post_form("/auth/login" + query, {"username": username, "password": password}, "/auth/login")

    def sign_up(self, username: str) -> Answer:
        data = {"username": username, "email": f"{username}@example.com", "password": PASSWORD, "confirm": PASSWORD}
        return self.post_form("/auth/signup", data)


@dataclass
class Site:
    server: Server

    def client(self) -> Client:
        return Client(self.server)

    def user(self, username: str) -> Client:
        """A new visitor who signed up as ``username`` (and is logged in)."""
        visitor = self.client()
        assert visitor.sign_up(username).status == 302
        return visitor

    def emails_to(self, address: str) -> list[str]:
        return [body_of(m) for m in emails_in(self.server.output()) if address in str(m.get("To", ""))]


def make_token(visitor: Client, name: str = "script") -> str:
    page = visitor.post_form("/tokens/", {"name": name}).text
    found = re.search(r'<code class="new-token">([^<]+)</code>', page)
    assert found, page[-2000:]
    return found[1]


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    root = tmp_path_factory.mktemp("attacks")
    project = root / "project"
    copier.run_copy(
        str(request.config.option.template),
        str(project),
        data={"framework": "flask", "rest_api": True},
        defaults=True,
        unsafe=True,
        quiet=True,
    )
    env = {
        "APP_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "TRUSTED_HOSTS": "127.0.0.1,localhost",
        "MAIL_BACKEND": "console",
        "REDIS_URL": empty_redis_database(),
        "DATABASE_URL": f"sqlite:///{root / 'app.sqlite3'}",
    }
    check_in_project(project, "flask", "--app", SLUG, "db", "upgrade", env=env)
    admin_args = ["--username", ADMIN["username"], "--email", ADMIN["email"], "--password", ADMIN["password"]]
    check_in_project(project, "flask", "--app", SLUG, "create-admin", *admin_args, env=env)
    with gunicorn(project, f"{SLUG}:create_app()", env, root / "gunicorn.log") as server:
        yield Site(server)


def test_production_refuses_to_start_without_trusted_hosts(site: Site, tmp_path: Path) -> None:
    from tests.project_env import run_in_project

    project = Path(site.server.log).parent / "project"
    env = {"APP_ENV": "production", "SECRET_KEY": "x" * 40, "TRUSTED_HOSTS": ""}
    result = run_in_project(project, "flask", "--app", SLUG, "routes", env=env)
    assert result.returncode != 0
    assert "TRUSTED_HOSTS" in result.stderr
    for bad in ("https://x", "a b", ","):
        result = run_in_project(project, "flask", "--app", SLUG, "routes", env={**env, "TRUSTED_HOSTS": bad})
        assert result.returncode != 0
        assert f"TRUSTED_HOSTS={bad!r}" in result.stderr, result.stderr[-500:]


def test_forged_host_on_password_reset_gets_400_and_sends_nothing(site: Site) -> None:
    site.user("hostvictim")
    attacker = site.client()
    token = attacker.csrf_token("/auth/reset")
    forged = {"Host": "evil.example", "Origin": "http://evil.example", "Referer": "http://evil.example/auth/reset"}
    answer = attacker.request(
        "POST", "/auth/reset", form={"email": "hostvictim@example.com", "csrf_token": token}, headers=forged
    )
    assert answer.status == 400
    # X-Forwarded-Host is not trusted either (BEHIND_PROXY is off).
    answer = attacker.request(
        "POST",
        "/auth/reset",
        form={"email": "hostvictim@example.com", "csrf_token": token},
        headers={"X-Forwarded-Host": "evil.example"},
    )
    assert answer.status == 302
    emails = site.emails_to("hostvictim@example.com")
    assert len(emails) == 1
    assert "evil.example" not in emails[0]
    assert "/auth/reset/" in emails[0]


def test_brute_force_login_is_locked_out_even_for_the_right_password(site: Site) -> None:
    site.user("bruteforced")
    attacker = site.client()
    statuses = [attacker.log_in("bruteforced", f"guess-{n}").status for n in range(6)]
    assert statuses[:5] == [200] * 5
    assert statuses[5] == 429
    answer = attacker.log_in("bruteforced", PASSWORD)
    assert answer.status == 429
    assert int(answer.header("Retry-After")) > 0
    assert "try again in" in answer.text
    assert "session" not in attacker.cookies or attacker.get("/auth/password").status == 302


def test_the_reset_form_does_not_tell_whether_an_email_has_an_account(site: Site) -> None:
    site.user("resetknown")
    visitor = site.client()
    known = visitor.post_form("/auth/reset", {"email": "resetknown@example.com"})
    unknown = visitor.post_form("/auth/reset", {"email": "nobody-at-all@example.com"})
    assert (known.status, known.header("Location")) == (unknown.status, unknown.header("Location"))
    assert visitor.get("/auth/login").status == 200


def test_api_token_create_use_revoke(site: Site) -> None:
    owner = site.user("tokenuser")
    token = make_token(owner)
    script = site.client()
    bearer = {"Authorization": f"Bearer {token}"}
    answer = script.request("POST", "/api/items/", json_body='{"title": "by token"}', headers=bearer)
    assert answer.status == 201, answer.text
    assert not script.cookies
    listing = owner.get("/tokens/").text
    assert token not in listing
    token_id = re.search(r'action="/tokens/(\d+)/revoke"', listing)
    assert token_id
    assert owner.post_form(f"/tokens/{token_id[1]}/revoke", {}, "/tokens/").status == 302
    answer = script.request("POST", "/api/items/", json_body='{"title": "revoked"}', headers=bearer)
    assert answer.status == 401
    assert answer.header("Content-Type").startswith("application/json")
    # A token in the query string is not one.
    answer = script.request("POST", f"/api/items/?access_token={token}", json_body='{"title": "query"}')
    assert answer.status == 401


def test_cookie_write_without_csrf_token_is_refused(site: Site) -> None:
    visitor = site.user("csrfuser")
    answer = visitor.request("POST", "/api/items/", json_body='{"title": "no csrf"}')
    assert answer.status == 400
    answer = visitor.request(
        "POST", "/api/items/", json_body='{"title": "forged"}', headers={"Authorization": "Bearer x"}
    )
    assert answer.status == 400  # the session authenticates, so its CSRF check applies
    token = visitor.csrf_token("/")
    answer = visitor.request("POST", "/api/items/", json_body='{"title": "with csrf"}', headers={"X-CSRFToken": token})
    assert answer.status == 201
    assert visitor.request("POST", "/auth/logout").status == 400  # the logout form needs its token too


def test_anonymous_api_write_gets_401_json(site: Site) -> None:
    answer = site.client().request("POST", "/api/items/", json_body='{"title": "anonymous"}')
    assert answer.status == 401
    assert answer.header("Content-Type").startswith("application/json")
    assert '"code": 401' in answer.text.replace('"code":401', '"code": 401')
    assert answer.header("WWW-Authenticate").startswith("Bearer")


def test_someone_elses_object_is_403_by_page_and_by_api(site: Site) -> None:
    alice = site.user("owner1")
    created = alice.post_form("/items/new", {"title": "Alice's", "body": "mine"})
    assert created.status == 302
    item = created.header("Location").rstrip("/").rsplit("/", 1)[-1]
    mallory = site.user("mallory1")
    assert mallory.get(f"/items/{item}/edit").status == 403
    assert mallory.post_form(f"/items/{item}/delete", {}, "/").status == 403
    bearer = {"Authorization": f"Bearer {make_token(mallory)}"}
    script = site.client()
    assert script.request("PUT", f"/api/items/{item}", json_body='{"title": "mine now"}', headers=bearer).status == 403
    assert script.request("DELETE", f"/api/items/{item}", headers=bearer).status == 403


def test_admin_is_refused_to_non_admins(site: Site) -> None:
    assert site.client().get("/admin/").status == 302
    visitor = site.user("notadmin")
    assert visitor.get("/admin/").status == 403
    assert visitor.get("/admin/user/").status == 403
    admin = site.client()
    assert admin.log_in(ADMIN["username"]).status == 302
    assert admin.get("/admin/").status == 200


def test_stored_xss_is_escaped(site: Site) -> None:
    writer = site.user("xsswriter")
    payload = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    created = writer.post_form("/items/new", {"title": payload[:150], "body": payload})
    assert created.status == 302
    detail = site.client().get(urlsplit(created.header("Location")).path)
    assert detail.status == 200
    assert "<script>alert" not in detail.text
    assert "<img src=x" not in detail.text
    assert "&lt;script&gt;" in detail.text
    listing = site.client().get("/items/")
    assert "<script>alert" not in listing.text
    assert "script-src 'self'" in detail.header("Content-Security-Policy")


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "\t//evil.example"]
)
def test_open_redirect_via_next_is_refused(site: Site, target: str) -> None:
    visitor = site.client()
    answer = visitor.log_in(ADMIN["username"], query="?" + urlencode({"next": target}))
    assert answer.status == 302
    location = answer.header("Location")
    assert "evil.example" not in location
    assert urlsplit(location).netloc in ("", urlsplit(site.server.url).netloc)


def test_session_cookie_flags(site: Site) -> None:
    visitor = site.client()
    visitor.log_in(ADMIN["username"])
    session = [c for c in visitor.set_cookies if c.startswith("session=")]
    assert session
    flags = session[-1].lower()
    assert "secure" in flags
    assert "httponly" in flags
    assert "samesite=lax" in flags


def test_error_pages_reveal_no_traceback(site: Site) -> None:
    visitor = site.client()
    for method, path, body in (
        ("GET", "/no/such/page", None),
        ("GET", "/items/99999999999999999999999", None),
        ("POST", "/api/items/", "{not json"),
        ("GET", "/api/items/?page=x", None),
        ("DELETE", "/", None),
    ):
        answer = visitor.request(method, path, json_body=body)
        assert 400 <= answer.status < 500, (method, path, answer.status)
        assert "Traceback" not in answer.text
        assert 'File "' not in answer.text


def test_other_origins_get_no_cors_headers(site: Site) -> None:
    visitor = site.client()
    headers = {"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"}
    answer = visitor.request("OPTIONS", "/api/items/", headers=headers)
    assert "Access-Control-Allow-Origin" not in answer.headers
    answer = visitor.get("/api/items/", headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in answer.headers


def test_swagger_ui_comes_from_the_site(site: Site) -> None:
    visitor = site.client()
    page = visitor.get("/api/docs")
    assert page.status == 200
    assert "http" not in page.header("Content-Security-Policy")
    assert "cdn" not in page.text
    assert visitor.get("/api/docs/static/swagger-ui-bundle.js").status == 200


def test_pages_cannot_be_framed(site: Site) -> None:
    answer = site.client().get("/")
    assert answer.header("X-Frame-Options") == "DENY"
    assert "frame-ancestors 'none'" in answer.header("Content-Security-Policy")
    assert "max-age=" in answer.header("Strict-Transport-Security")


def test_logout_needs_post(site: Site) -> None:
    visitor = site.user("logoutuser")
    assert visitor.get("/auth/logout").status == 405
    assert visitor.get("/auth/password").status == 200  # still logged in
