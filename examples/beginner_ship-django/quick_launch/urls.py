"""
URL configuration for Quick Launch.

The `urlpatterns` list routes URLs to views. For more information please see:
    https://docs.djangoproject.com/en/5.2/topics/http/urls/
"""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from quick_launch.views import health, ready

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("health/", health, name="health"),
    path("ready/", ready, name="ready"),
    path("accounts/", include("accounts.urls")),
    path("items/", include("items.urls")),
    path("admin/", admin.site.urls),
]
