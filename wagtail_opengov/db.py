"""Running the Roulette's two hot statements (draw, vote) as prepared statements on PostgreSQL.

Django binds parameters on the client, so PostgreSQL parses and plans the draw's statement on every request;
planning cost about twice its execution (0.47 ms against 0.24 ms in EXPLAIN ANALYZE). With psycopg 3 and
server-side binding the statement is prepared once per connection (persistent connections, CONN_MAX_AGE > 0,
make that pay) and only executed after that. Anywhere else — SQLite, psycopg2, or while Django is recording
queries (DEBUG, assertNumQueries), or with ``OPENGOV["PREPARED_STATEMENTS"] = False`` — the ordinary cursor
is used."""

from django.db import connection

from . import conf

# Page ids are 32-bit (Wagtail's Page uses AutoField). An id from a request is checked against this before it
# reaches a query: SQLite cannot even bind integers past 64 bits (OverflowError, a 500).
PAGE_ID_MAX = 2**31 - 1


def _psycopg3():
    try:
        from django.db.backends.postgresql.psycopg_any import is_psycopg3
    except ImportError:  # pragma: no cover - PostgreSQL driver not installed
        return False
    return is_psycopg3


def fetchone(sql, params):
    if (
        connection.vendor != "postgresql"
        or not _psycopg3()
        or connection.queries_logged
        or not conf.get_setting("PREPARED_STATEMENTS")
    ):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    import psycopg

    connection.ensure_connection()
    raw = connection.connection
    if raw.prepare_threshold is None:
        # Django opens connections with preparation off (its own cursors bind on the client and never prepare);
        # psycopg then ignores prepare=True. Only server-side cursors like the one below are affected.
        raw.prepare_threshold = 5
    with connection.wrap_database_errors:
        with psycopg.Cursor(raw) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()
