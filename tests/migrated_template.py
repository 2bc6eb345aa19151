"""`python -m tests.migrated_template NAME`: the PostgreSQL database NAME (on DATABASE_URL's
server), made anew and migrated, for `make test` to build every test database from.

Migrating a test database from nothing takes about 20 s of a core; `make test` has several (one
per pytest-xdist worker, the fuzz suite's). It migrates this one while its checks run, and the
test databases are copies of it (`CREATE DATABASE … TEMPLATE`, under a second; the conftest's
`django_db_modify_db_settings`). Django still runs `migrate` on each copy: it finds every
migration applied, so a test database is the same as one migrated on its own.
"""

import os
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg


def on_server(url: str, database: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{database}"))


def main(name: str) -> None:
    server = os.environ["DATABASE_URL"]
    with psycopg.connect(on_server(server, "postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = on_server(server, name)
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"  # the settings the tests run with
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


if __name__ == "__main__":
    main(sys.argv[1])
