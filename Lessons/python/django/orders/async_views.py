"""The async views: what `uvicorn cafe.asgi:application` (or gunicorn with uvicorn_worker.UvicornWorker) runs on
its event loop. A scene, or `m` in the show, switches which one the customers ask for.

Under ASGI, Django runs any sync code of a request (a sync view, sync middleware, the ORM, which is sync inside
even when called as `aget`) through `sync_to_async`, in a thread of that request's own (since Django 4.0 each
request is wrapped in a `ThreadSensitiveContext`): not a fixed pool of helpers, one thread per request that needs
one, kept until the request ends.
"""

import asyncio
import time

from asgiref.sync import sync_to_async
from django.http import HttpResponseBadRequest

import brewing
from brewing import BadOrder, cup, read_order, spin

from .models import Drink
from .views import plain


def order(request):
    return read_order(request.META.get("QUERY_STRING", ""))


async def brew(request):
    """The buzzer: the async ORM for the lookup, `await asyncio.sleep` for the wait; the loop takes the next
    order meanwhile. A cpu cup is worked on the loop itself: async does not make work faster."""
    try:
        ms, kind, _ = order(request)
    except BadOrder as error:
        return HttpResponseBadRequest(f"{error}\n")
    await Drink.objects.aget(name="coffee")
    if kind == "cpu":
        spin(ms)
    else:
        await asyncio.sleep(ms / 1000)
    return plain(cup(ms, kind, "async def brew"))


async def brew_blocking(request):
    """The mistake: `time.sleep` (or any blocking call: requests.get, a sync client) inside `async def`. The loop
    stops for the whole brew; every other request of this process waits. One loop serves at most 1 / brew."""
    try:
        ms, kind, _ = order(request)
    except BadOrder as error:
        return HttpResponseBadRequest(f"{error}\n")
    if kind == "cpu":
        spin(ms)
    else:
        time.sleep(ms / 1000)
    return plain(cup(ms, kind, "async def brew_blocking"))


def lookup_and_brew(ms, kind):
    """Old sync code, as it was in a sync view: the sync ORM, then a blocking brew."""
    Drink.objects.get(name="coffee")
    brewing.brew_blocking(ms, kind)


async def brew_offload(request):
    """Django's escape hatch: `await sync_to_async(blocking)()`. The sync code runs in this request's own thread
    (thread_sensitive=True, the default), and the loop goes on taking orders."""
    try:
        ms, kind, _ = order(request)
    except BadOrder as error:
        return HttpResponseBadRequest(f"{error}\n")
    await sync_to_async(lookup_and_brew)(ms, kind)
    return plain(cup(ms, kind, "async def brew_offload"))


async def brew_sync_orm(request):
    """A sync ORM call inside `async def`: Django refuses it with SynchronousOnlyOperation (it would block the
    loop), and the customer gets a 500. The fix is `await Drink.objects.aget(...)`, or sync_to_async."""
    try:
        ms, kind, _ = order(request)
    except BadOrder as error:
        return HttpResponseBadRequest(f"{error}\n")
    Drink.objects.get(name="coffee")  # raises SynchronousOnlyOperation
    await asyncio.sleep(ms / 1000)
    return plain(cup(ms, kind, "async def brew_sync_orm"))
