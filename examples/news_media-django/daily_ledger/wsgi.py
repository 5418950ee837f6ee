"""
WSGI config for Daily Ledger.

It exposes the WSGI callable as a module-level variable named ``application``;
gunicorn serves it in production: ``gunicorn daily_ledger.wsgi``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "daily_ledger.settings")

application = get_wsgi_application()
