from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _

from .models import User


class SignUpForm(UserCreationForm):
    """Sign up with a username, an email address (for password resets) and a password."""

    email = forms.EmailField(label=_("Email"), help_text=_("For password resets; never shown to others."))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ("username", "email")
