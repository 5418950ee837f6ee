"""The contact form (Flask-WTF adds a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length

from ..i18n import _l


class ContactForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(), Length(max=100)])
    email = EmailField(_l("Your email"), validators=[DataRequired(), Email(), Length(max=254)])
    message = TextAreaField(_l("Message"), validators=[DataRequired(), Length(max=5000)])
