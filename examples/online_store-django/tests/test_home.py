import runpy
from pathlib import Path

from django.conf import settings
from django.middleware.security import SecurityMiddleware
from django.template.loader import render_to_string
from django.test import RequestFactory, override_settings
from django.urls import reverse


def test_home_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "Corner Shop" in html


def test_stylesheet_is_linked(client):
    response = client.get(reverse("home"))
    assert b'rel="stylesheet"' in response.content
    assert b"css/site.css" in response.content


def test_health_answers_json_without_touching_the_database(client):
    # No django_db mark: pytest-django fails the request if it reaches the database.
    response = client.get(reverse("health"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "Cookie" not in response.get("Vary", "")
    assert client.post(reverse("health")).status_code == 405


def test_health_is_exempt_from_the_https_redirect_in_production(monkeypatch):
    # The settings file as production reads it: load balancers probe over plain HTTP.
    monkeypatch.setenv("DJANGO_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", "a-long-enough-secret-key-for-this-test-only-0123456789")
    monkeypatch.setenv("ALLOWED_HOSTS", "testserver")
    monkeypatch.delenv("SECURE_SSL_REDIRECT", raising=False)
    production = runpy.run_path(str(Path(settings.BASE_DIR) / "corner_shop" / "settings.py"))
    https_only = {name: production[name] for name in ("SECURE_SSL_REDIRECT", "SECURE_REDIRECT_EXEMPT")}
    with override_settings(**https_only):
        check = SecurityMiddleware(lambda request: None).process_request
        assert check(RequestFactory().get("/health/")) is None
        assert check(RequestFactory().get("/")).status_code == 301


def test_page_not_found(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in response.content.decode()


def test_server_error_page_stands_alone():
    # Rendered without a request, as Django does on a server error.
    assert "<h1>Server error</h1>" in render_to_string("500.html")
