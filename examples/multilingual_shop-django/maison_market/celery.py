"""The Celery app of Maison Market: ``celery -A maison_market worker`` runs the background jobs,
``celery -A maison_market beat`` queues the periodic ones.

Configured from Django's settings, the names that start with ``CELERY_`` (see the jobs section of
settings.py); the jobs are found in the apps' ``tasks.py`` modules and in ``CELERY_IMPORTS``.
https://docs.celeryq.dev/en/stable/django/first-steps-with-django.html
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maison_market.settings")

app = Celery("maison_market")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
