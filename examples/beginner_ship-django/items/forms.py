from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Item


class ItemForm(forms.ModelForm):
    class Meta:
        model = Item
        fields = ["title", "body"]
        labels = {"title": _("Title"), "body": _("Body")}
