"""Security headers on every response (a small ``after_request`` hook, no extension needed).

See https://flask.palletsprojects.com/en/stable/web-security/#security-headers
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Flask, Response, current_app, request

#: The site's own pages load only its own CSS, and no script at all.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def loosen_policy(app: Flask, prefix: str, policy: str) -> None:
    """Serve the pages under ``prefix`` with ``policy``: for libraries' pages that need more (the admin's
    inline scripts, the API docs' CDN); their modules call this from their ``init_app``."""
    app.extensions.setdefault("looser_policies", []).append((prefix, policy))


def safe_next_url(target: str | None) -> str | None:
    """``target`` if it is a path on this site, else None (no open redirects)."""
    if not target or any(ch.isspace() or ord(ch) < 32 for ch in target):
        return None
    target = target.replace("\\", "/")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def content_security_policy(path: str) -> str:
    """The Content-Security-Policy for a page."""
    for prefix, policy in current_app.extensions.get("looser_policies", ()):
        if path == prefix or path.startswith(prefix + "/"):
            return policy
    return CONTENT_SECURITY_POLICY


def init_app(app: Flask) -> None:
    """Add the security headers to every response of ``app``."""

    always = [
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
    ]
    if app.config["SESSION_COOKIE_SECURE"]:
        # Only over HTTPS (production): browsers then refuse plain HTTP for a year.
        always.append(("Strict-Transport-Security", "max-age=31536000; includeSubDomains"))

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        # A header a view set itself is kept. (Checked with one pass over the headers:
        # Headers.setdefault raises and catches an exception per missing header, which
        # cost more than the rest of a small JSON response.)
        headers = response.headers
        present = {name.lower() for name, _ in headers}
        if "content-security-policy" not in present:
            headers.add("Content-Security-Policy", content_security_policy(request.path))
        for name, value in always:
            if name.lower() not in present:
                headers.add(name, value)
        return response
