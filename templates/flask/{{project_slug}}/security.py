"""Security headers on every response (a small ``after_request`` hook, no extension needed).

See https://flask.palletsprojects.com/en/stable/web-security/#security-headers
"""

from __future__ import annotations

from flask import Flask, Response, request

#: The pages load only this site's own CSS and no script at all.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
#: Flask-Admin's pages use inline scripts and styles of their own.
ADMIN_CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def init_app(app: Flask) -> None:
    """Add the security headers to every response of ``app``."""

    @app.after_request
    def set_security_headers(response: Response) -> Response:
        headers = response.headers
        admin_page = request.path == "/admin" or request.path.startswith("/admin/")
        headers.setdefault(
            "Content-Security-Policy", ADMIN_CONTENT_SECURITY_POLICY if admin_page else CONTENT_SECURITY_POLICY
        )
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "same-origin")
        headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        if app.config["SESSION_COOKIE_SECURE"]:
            # Only over HTTPS (production): browsers then refuse plain HTTP for a year.
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
