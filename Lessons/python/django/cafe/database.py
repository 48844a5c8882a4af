"""The SQLite file of this process, migrated when the app is loaded (by wsgi.py and asgi.py)."""

import threading

from django.core.management import call_command


def migrate_on_start():
    """Creates the tables and the menu in this process's fresh database.

    In a thread of its own: `uvicorn cafe.asgi:application` imports asgi.py inside its running event loop, where
    Django refuses a sync database call (SynchronousOnlyOperation, the same error brew_sync_orm teaches)."""
    failure = []

    def migrate():
        try:
            call_command("migrate", interactive=False, verbosity=0)
        except Exception as error:  # raised again on the caller's thread
            failure.append(error)

    thread = threading.Thread(target=migrate, name="migrate-on-start")
    thread.start()
    thread.join()
    if failure:
        raise failure[0]
