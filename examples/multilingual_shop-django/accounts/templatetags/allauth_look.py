"""Template tags of the project's allauth elements (templates/allauth/elements/): buttons in the site's look."""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()

#: allauth's button tags -> the site's button classes (static/css/site.css).
_CLASSES = {
    "danger": "button-danger",
    "secondary": "button-secondary",
    "outline": "button-secondary",
    "link": "button-secondary",
}
_BUTTON_ATTRIBUTES = ("form", "id", "name", "value")


def _classes(attrs: dict) -> str:
    extra = dict.fromkeys(_CLASSES[tag] for tag in attrs.get("tags") or () if tag in _CLASSES)
    return " ".join(["button", *extra])


@register.simple_tag
def button_open(attrs: dict) -> str:
    """The opening tag of an allauth button: a link when it has an ``href``, else a ``<button>``."""
    if attrs.get("href"):
        return format_html('<a class="{}" href="{}">', _classes(attrs), attrs["href"])
    others = format_html_join(
        "", ' {}="{}"', ((name, attrs[name]) for name in _BUTTON_ATTRIBUTES if attrs.get(name) not in (None, ""))
    )
    return format_html('<button class="{}" type="{}"{}>', _classes(attrs), attrs.get("type") or "submit", others)


@register.simple_tag
def button_close(attrs: dict) -> str:
    """The closing tag matching :func:`button_open`."""
    return format_html("</{}>", "a" if attrs.get("href") else "button")
