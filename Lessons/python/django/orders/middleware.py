"""One middleware written the old way, sync only: a scene's `django: middleware=sync` puts it first.

A plain class with `__call__` is sync-only to Django (`sync_capable = True`, `async_capable = False`). Under ASGI
Django then adapts the chain: each request goes from the loop into a thread (sync_to_async) for this middleware,
and back onto the loop (async_to_sync) for the async view behind it. The view still awaits, but every request in
progress now holds a thread, and each switch costs time (Django's docs: about a millisecond). Under WSGI it
costs nothing extra: everything there is sync already.
"""


class SyncOnlyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response["X-Middleware"] = "sync-only"
        return response
