"""Sign up, log in and log out; the password pages are Django's own (see urls.py)."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.messages.views import SuccessMessageMixin
from django.urls import reverse_lazy
from django.views.generic import CreateView

from .forms import SignUpForm


class SignUpView(SuccessMessageMixin, CreateView):
    """Create an account, then log the new user in."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("home")
    success_message = "Welcome, %(username)s: your account is ready."

    def form_valid(self, form):
        response = super().form_valid(form)
        login(self.request, self.object)
        return response


class LoginView(SuccessMessageMixin, auth_views.LoginView):
    success_message = "Welcome back, %(username)s."


class LogoutView(auth_views.LogoutView):
    """Log out on POST only (a GET gets 405), so no link or image can log a user out."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "You are logged out.")
        return response


class PasswordChangeView(SuccessMessageMixin, auth_views.PasswordChangeView):
    success_url = reverse_lazy("home")
    success_message = "Your password was changed."
