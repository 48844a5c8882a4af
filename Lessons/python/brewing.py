"""The machine, shared by both Python cafés: what a cup costs and how an order is read.

The same `/brew?ms=&kind=` orders as barista's own cafés (Sources/CafeHTTP): `ms` from 0 to 60000 (default 100),
`kind` io (waiting, the stand-in for a database call) or cpu (a busy loop for that much CPU time of this thread).
Anything else is answered 400 with one line saying what is wrong, as the Swift cafés do.
"""

import time
from urllib.parse import parse_qs

MAXIMUM_MS = 60_000


class BadOrder(ValueError):
    """An order the café cannot read; its text goes back to the customer with a 400."""


def read_order(query_string):
    """(ms, kind, mode) from a query string; mode is None when not given."""
    query = parse_qs(query_string, keep_blank_values=True)

    def one(name):
        values = query.get(name)
        return values[-1] if values else None

    text = one("ms")
    if text is None:
        ms = 100
    else:
        if not text.isdigit() or int(text) > MAXIMUM_MS:
            raise BadOrder(f"ms must be a whole number from 0 to {MAXIMUM_MS}, not '{text}'")
        ms = int(text)
    kind = one("kind") or "io"
    if kind not in ("io", "cpu"):
        raise BadOrder(f"kind must be io or cpu, not '{kind}'")
    mode = one("mode")
    if mode is not None and mode not in ("await", "block", "offload"):
        raise BadOrder(f"mode must be await, block or offload, not '{mode}'")
    return ms, kind, mode


def spin(ms):
    """kind=cpu: work until this thread has used `ms` of CPU time (longer on a busy machine, as real work is).

    Pure Python under the GIL: threads of one process take turns, so only processes add cores."""
    budget = ms / 1000
    start = time.thread_time()
    sink = 0x9E3779B97F4A7C15
    while time.thread_time() - start < budget:
        for _ in range(2_000):
            sink = (sink * 6364136223846793005 + 1) & 0xFFFFFFFFFFFFFFFF
    return sink


def brew_blocking(ms, kind):
    """One cup on this thread: time.sleep for io (the thread waits, holding its place), a busy loop for cpu."""
    if kind == "cpu":
        spin(ms)
    else:
        time.sleep(ms / 1000)


def cup(ms, kind, how):
    """The answer's body: what was brewed and how."""
    return f"brewed {ms}ms {kind} ({how})\n".encode()
