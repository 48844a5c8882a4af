"""The async café in Python: an ASGI app for `uvicorn asgi_app:app` (one event loop, one barista with buzzers).

How a cup is made depends on `mode` (default: the BARISTA_ASYNC_MODE environment variable, else await):

    await    io: `await asyncio.sleep` — the customer holds a buzzer and the loop takes the next order.
             cpu: the busy loop runs on the loop itself (async does not make work faster).
    block    `time.sleep` inside `async def`: the blocking mistake. The loop stares at the machine and every
             other customer, and every other buzzer, waits: one loop serves at most 1 / brew cups a second.
    offload  `loop.run_in_executor(None, …)`: the cup is made by a thread of the default ThreadPoolExecutor
             (min(32, cores + 4) threads, the back room) and the loop keeps taking orders. cpu cups gain
             nothing from more threads under the GIL.

    GET /brew?ms=100&kind=io&mode=await
    GET /    hello (used to see that the café is open)
"""

import asyncio
import os

from brewing import BadOrder, brew_blocking, cup, read_order, spin

DEFAULT_MODE = os.environ.get("BARISTA_ASYNC_MODE", "await")


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        await lifespan(receive, send)
        return
    if scope["type"] != "http":
        return
    path = scope.get("path", "/")
    if path == "/":
        await answer(send, 200, b"async cafe (uvicorn, ASGI): GET /brew?ms=100&kind=io&mode=await\n")
        return
    if path != "/brew":
        await answer(send, 404, b"no such route: try /brew?ms=100&kind=io\n")
        return
    try:
        ms, kind, mode = read_order(scope.get("query_string", b"").decode("latin-1"))
    except BadOrder as error:
        await answer(send, 400, f"{error}\n".encode())
        return
    mode = mode or DEFAULT_MODE
    if mode == "block":
        brew_blocking(ms, kind)  # the mistake: a blocking call on the event loop
    elif mode == "offload":
        await asyncio.get_running_loop().run_in_executor(None, brew_blocking, ms, kind)
    elif kind == "cpu":
        spin(ms)
    else:
        await asyncio.sleep(ms / 1000)
    await answer(send, 200, cup(ms, kind, mode))


async def lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            await send({"type": "lifespan.shutdown.complete"})
            return


async def answer(send, status, body):
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
