"""Settings of the café project: a minimal Django project for `barista --peers django`.

Run it the way the seed's post does, from this folder:

    gunicorn cafe.wsgi -w 4                                                   (WSGI, sync workers)
    gunicorn cafe.asgi:application -k uvicorn_worker.UvicornWorker -w 2      (ASGI, an event loop per worker)
    uvicorn cafe.asgi:application                                             (ASGI, one loop)

Production-like where it matters to the lesson: DEBUG off, loopback hosts only. The database is SQLite in a
temporary folder of each process, made and migrated when the app is loaded (cafe/database.py) and removed when
the process exits normally.
"""

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# brewing.py, the machine both Python cafés share (Lessons/python), is one folder up.
sys.path.append(str(BASE_DIR.parent))

SECRET_KEY = "barista-teaching-only-not-a-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]

INSTALLED_APPS = ["orders"]

# Both of Django's own middleware here are async-capable: an async view stays on the event loop. A scene's
# `django: middleware=sync` (CAFE_MIDDLEWARE=sync) adds one sync-only middleware in front, and then every request
# under ASGI is run through a thread (orders/middleware.py).
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
]
if os.environ.get("CAFE_MIDDLEWARE", "none") == "sync":
    MIDDLEWARE.insert(0, "orders.middleware.SyncOnlyMiddleware")

ROOT_URLCONF = "cafe.urls"
WSGI_APPLICATION = "cafe.wsgi.application"
ASGI_APPLICATION = "cafe.asgi.application"

DATABASE_FOLDER = tempfile.mkdtemp(prefix="barista-django-")
atexit.register(shutil.rmtree, DATABASE_FOLDER, ignore_errors=True)
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.path.join(DATABASE_FOLDER, "cafe.sqlite3"),
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "UTC"

# With DEBUG off Django logs a 500 only to mail_admins; here it goes to stderr, where the server's log is (and
# where barista reads the exception's name for the pane).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False}},
}
