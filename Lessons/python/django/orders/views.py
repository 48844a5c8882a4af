"""The sync views: what `gunicorn cafe.wsgi -w N` runs, one request at a time per worker process.

`def brew` looks the drink up (a real query on this process's SQLite) and then brews: `time.sleep` for an io cup,
the worker standing by the machine; a busy loop for a cpu cup. With `-w 4` and 100 ms brews the café serves at
most 4 / 0.1 s = 40 cups a second; the rest wait in the kernel's accept queue (gunicorn's `--backlog`).
"""

import sys

from django.http import HttpResponse, HttpResponseBadRequest

from brewing import BadOrder, brew_blocking, cup, read_order

from .models import Drink


def plain(body, status=200, headers=None):
    """A text answer, as the other cafés give."""
    return HttpResponse(body, status=status, content_type="text/plain; charset=utf-8", headers=headers)


def hello(request):
    return plain(b"Django cafe: GET /brew?ms=100&kind=io (WSGI) or /async/brew (ASGI)\n")


def brew(request):
    try:
        ms, kind, _ = read_order(request.META.get("QUERY_STRING", ""))
    except BadOrder as error:
        return HttpResponseBadRequest(f"{error}\n")
    Drink.objects.get(name="coffee")
    brew_blocking(ms, kind)
    return plain(cup(ms, kind, "def brew"))


def server_error(request):
    """handler500: DEBUG is off, so the customer gets a plain 500, which here names the exception (Django calls
    this while handling it, so sys.exc_info() still holds it)."""
    error = sys.exc_info()[0]
    name = error.__name__ if error else "error"
    return plain(f"Server Error (500): {name}\n", status=500, headers={"X-Exception": name})
