"""The sync café in Python: a WSGI app for `gunicorn wsgi_app:app` (sync workers).

Each gunicorn sync worker is one process that takes one customer at a time: accept, brew, answer. While it
brews an io cup it sleeps (`time.sleep`), standing by the machine; nobody else is served by that worker. With
`-w 4` and 100 ms brews the café serves at most 4 / 0.1 s = 40 cups a second; the rest wait in the kernel's
accept queue (gunicorn's `--backlog`, 2048 by default), which barista reads from outside as the door.

    GET /brew?ms=100&kind=io    one cup; kind=cpu spins for that much CPU time
    GET /                       hello (used to see that the café is open)
"""

from brewing import BadOrder, brew_blocking, cup, read_order


def app(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/":
        return answer(start_response, "200 OK", b"sync cafe (gunicorn, WSGI): GET /brew?ms=100&kind=io\n")
    if path != "/brew":
        return answer(start_response, "404 Not Found", b"no such route: try /brew?ms=100&kind=io\n")
    try:
        ms, kind, _ = read_order(environ.get("QUERY_STRING", ""))
    except BadOrder as error:
        return answer(start_response, "400 Bad Request", f"{error}\n".encode())
    brew_blocking(ms, kind)
    return answer(start_response, "200 OK", cup(ms, kind, "sync worker"))


def answer(start_response, status, body):
    start_response(status, [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
