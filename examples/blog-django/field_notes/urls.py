"""
URL configuration for Field Notes.

The `urlpatterns` list routes URLs to views. For more information please see:
    https://docs.djangoproject.com/en/5.2/topics/http/urls/
"""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView
from drf_spectacular.views import SpectacularAPIView

from accounts import token_views
from field_notes import api_contract, api_docs
from field_notes.views import health, ready

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("health/", health, name="health"),
    path("ready/", ready, name="ready"),
    path("accounts/tokens/", token_views.token_list, name="tokens"),
    path("accounts/tokens/<str:key>/revoke/", token_views.revoke, name="token-revoke"),
    path("accounts/", include("accounts.urls")),
    path("posts/", include("posts.urls")),
    path("api/", include("posts.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", api_docs.swagger_ui, name="api-docs"),
    path("api/redoc/", api_docs.redoc, name="api-redoc"),
    path("api/<path:unknown>", api_contract.not_found),  # last: a JSON 404 on any other API path
    path("admin/", admin.site.urls),
]
