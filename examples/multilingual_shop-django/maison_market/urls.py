"""
URL configuration for Maison Market.

The `urlpatterns` list routes URLs to views. For more information please see:
    https://docs.djangoproject.com/en/5.2/topics/http/urls/
"""

from allauth.account.decorators import secure_admin_login
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from maison_market.views import health, ready

urlpatterns = [
    path("health/", health, name="health"),
    path("ready/", ready, name="ready"),
    path("admin/login/", secure_admin_login(admin.site.login)),
    path("admin/", admin.site.urls),
]

# The pages, under a prefix naming their language: /en/, /fr/... (a bare path redirects to the
# visitor's language: the language cookie, then the browser's Accept-Language).
urlpatterns += i18n_patterns(
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("accounts/", include("allauth.urls")),
    path("products/", include("products.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
)
