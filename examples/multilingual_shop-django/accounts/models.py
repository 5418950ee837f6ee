from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The project's user.

    A model of its own from the first migration on, so fields can be added
    later without the hard switch from Django's built-in user.
    https://docs.djangoproject.com/en/5.2/topics/auth/customizing/#using-a-custom-user-model-when-starting-a-project
    """
