"""Sign up, log in and log out; the password pages are Django's own (see urls.py), the reset one throttled."""

import math
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView
from django_ratelimit.core import get_usage

from corner_shop.throttling import too_many_requests

from .forms import SignUpForm


def throttle_posts(group, rate_setting, keys):
    """Throttle a view's POSTs, counted in the cache by django-ratelimit: at most the rate of the setting
    ``rate_setting`` ("5/h") per value of each key (django-ratelimit's "ip", or a function); beyond, HTTP 429."""

    def decorator(view):
        @wraps(view)
        def throttled(request, *args, **kwargs):
            if request.method == "POST":
                rate = getattr(settings, rate_setting)
                for key in keys:
                    name = getattr(key, "__name__", key)
                    usage = get_usage(request, group=f"{group}:{name}", key=key, rate=rate, increment=True)
                    if usage and usage["should_limit"]:
                        return too_many_requests(request, math.ceil(usage["time_left"]))
            return view(request, *args, **kwargs)

        return throttled

    return decorator


def posted_email(group, request):
    """The email address a form posts, as one key whatever its case or spaces."""
    return request.POST.get("email", "").strip().lower()


@method_decorator(throttle_posts("signup", "SIGNUP_RATE", ["ip"]), name="dispatch")
class SignUpView(SuccessMessageMixin, CreateView):
    """Create an account, then log the new user in."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("home")
    success_message = gettext_lazy("Welcome, %(username)s: your account is ready.")

    def form_valid(self, form):
        response = super().form_valid(form)
        login(self.request, self.object, backend="django.contrib.auth.backends.ModelBackend")
        return response


class LoginView(SuccessMessageMixin, auth_views.LoginView):
    success_message = gettext_lazy("Welcome back, %(username)s.")


class LogoutView(auth_views.LogoutView):
    """Log out on POST only (a GET gets 405), so no link or image can log a user out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")
    success_message = gettext_lazy("Your password was changed.")


@method_decorator(throttle_posts("password-reset", "PASSWORD_RESET_RATE", ["ip", posted_email]), name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Django's, throttled: so many reset emails per client address and per email address."""
