"""WSGI config for the café project: `gunicorn cafe.wsgi` finds `application` here.

https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cafe.settings")

application = get_wsgi_application()

from cafe.database import migrate_on_start  # noqa: E402 (needs Django set up)

migrate_on_start()
