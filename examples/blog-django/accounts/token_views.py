"""The API tokens page: a logged-in user makes tokens for their scripts and apps, and revokes them.

Tokens are django-rest-knox's: only a digest is stored, so a new token is shown once, in the answer to
the POST that makes it (never cached), and cannot be shown again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from knox.models import AuthToken


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    new_token = None
    if request.method == "POST":
        _, new_token = AuthToken.objects.create(request.user)
    tokens = AuthToken.objects.filter(user=request.user).order_by("-created")
    return render(request, "registration/tokens.html", {"tokens": tokens, "new_token": new_token})


@login_required
@require_POST
def revoke(request, key):
    token = get_object_or_404(AuthToken, user=request.user, token_key=key)
    token.delete()
    messages.info(request, _("The token %(key)s is revoked.") % {"key": key})
    return redirect("tokens")
