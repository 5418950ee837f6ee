"""The contact form (Flask-WTF adds a CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length


class ContactForm(FlaskForm):
    name = StringField("Your name", validators=[DataRequired(), Length(max=100)])
    email = EmailField("Your email", validators=[DataRequired(), Email(), Length(max=254)])
    message = TextAreaField("Message", validators=[DataRequired(), Length(max=5000)])
