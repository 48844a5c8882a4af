"""The café's routes: one sync view for WSGI, and the async views a scene switches between under ASGI.

    GET /                          hello (barista waits for it before the customers come)
    GET /brew?ms=100&kind=io       def brew: sync (gunicorn cafe.wsgi)
    GET /async/brew                async def brew: awaits (async ORM, asyncio.sleep)
    GET /async/brew_blocking       time.sleep inside async def (the mistake)
    GET /async/brew_offload        await sync_to_async(...)  (Django's escape hatch)
    GET /async/brew_sync_orm       the sync ORM inside async def: SynchronousOnlyOperation, a 500
"""

from django.urls import path

from orders import async_views, views

urlpatterns = [
    path("", views.hello),
    path("brew", views.brew),
    path("async/brew", async_views.brew),
    path("async/brew_blocking", async_views.brew_blocking),
    path("async/brew_offload", async_views.brew_offload),
    path("async/brew_sync_orm", async_views.brew_sync_orm),
]

# DEBUG is off, so a failing view answers Django's plain 500; this one also names the exception.
handler500 = "orders.views.server_error"
