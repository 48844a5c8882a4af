"""ASGI config for the café project: `uvicorn cafe.asgi:application`, or under gunicorn with
`-k uvicorn_worker.UvicornWorker`.

https://docs.djangoproject.com/en/5.2/howto/deployment/asgi/
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cafe.settings")

application = get_asgi_application()

from cafe.database import migrate_on_start  # noqa: E402 (needs Django set up)

migrate_on_start()
