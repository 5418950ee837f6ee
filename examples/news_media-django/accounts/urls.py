from django.urls import include, path

from . import views

urlpatterns = [
    path("signup/", views.SignUpView.as_view(), name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password_change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password_reset/", views.PasswordResetView.as_view(), name="password_reset"),
    # Password reset by email, and the rest of Django's auth views.
    # https://docs.djangoproject.com/en/5.2/topics/auth/default/#module-django.contrib.auth.views
    path("", include("django.contrib.auth.urls")),
]
