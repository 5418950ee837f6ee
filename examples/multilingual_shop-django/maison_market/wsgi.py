"""
WSGI config for Maison Market.

It exposes the WSGI callable as a module-level variable named ``application``;
gunicorn serves it in production: ``gunicorn maison_market.wsgi``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maison_market.settings")

application = get_wsgi_application()
