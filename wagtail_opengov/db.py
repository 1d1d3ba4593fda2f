"""Running the Roulette's two hot statements (draw, vote) as prepared statements on PostgreSQL.

Django binds parameters on the client, so PostgreSQL parses and plans the draw's statement on every request;
planning cost about twice its execution (0.47 ms against 0.24 ms in EXPLAIN ANALYZE). With psycopg 3 and
server-side binding the statement is prepared once per connection (persistent connections, CONN_MAX_AGE > 0,
make that pay) and only executed after that. Anywhere else — SQLite, psycopg2, or while Django is recording
queries (DEBUG, assertNumQueries), or with ``OPENGOV["PREPARED_STATEMENTS"] = False`` — the ordinary cursor
is used."""

from django.db import connection

from . import conf


def fetchone(sql, params):
    if (
        connection.vendor != "postgresql"
        or not getattr(connection, "is_psycopg3", False)
        or connection.queries_logged
        or not conf.get_setting("PREPARED_STATEMENTS")
    ):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()
    import psycopg

    connection.ensure_connection()
    with connection.wrap_database_errors:
        with psycopg.Cursor(connection.connection) as cursor:
            cursor.execute(sql, params, prepare=True)
            return cursor.fetchone()
