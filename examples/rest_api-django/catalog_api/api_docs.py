"""The API's documentation pages, Swagger UI and ReDoc (served from this site by drf-spectacular's sidecar),
with the looser Content-Security-Policy they need.

Swagger UI's page starts it from a script of its own (``SpectacularSwaggerSplitView``), so no inline
script runs; both pages style themselves inline, and ReDoc runs its search in a web worker made from a
``blob:`` URL. ReDoc's page also asks for Google Fonts and for a logo on cdn.redoc.ly: those stay blocked
(the browser console reports them), so the docs make no request to another site; the page works without.
"""

from csp import constants as CSP  # the names of Django 6's django.utils.csp.CSP
from csp.decorators import csp as csp_override
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

DOCS_POLICY = {
    "default-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "script-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
REDOC_POLICY = {**DOCS_POLICY, "worker-src": [CSP.SELF, "blob:"]}

swagger_ui = csp_override(DOCS_POLICY)(SpectacularSwaggerSplitView.as_view(url_name="schema"))
redoc = csp_override(REDOC_POLICY)(SpectacularRedocView.as_view(url_name="schema"))
