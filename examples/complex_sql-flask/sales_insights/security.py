"""Security headers on every response (a small ``after_request`` hook, no extension needed).

See https://flask.palletsprojects.com/en/stable/web-security/#security-headers
"""

from __future__ import annotations

from flask import Flask, Response, request

#: The site's own pages load only its own CSS, and no script at all.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def content_security_policy(path: str) -> str:
    """The Content-Security-Policy for a page."""
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
