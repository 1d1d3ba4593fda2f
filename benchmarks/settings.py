"""Settings for the benchmarks: the sandbox's settings (same apps, same middleware) with

* ``ROOT_URLCONF`` = ``benchmarks.urls`` (the sandbox's URLs plus ``bench/baseline``),
* ``DEBUG`` off (the sandbox turns it on by default, which makes Django keep every query in memory),
* ``OPENGOV["TICKET_MIN_SECONDS"] = 0`` so a load generator can vote right after drawing,
* ``OPENGOV["VOTE_LIMITS"]`` very high, so no benchmark vote is quarantined (``OPENGOV_BENCH_DEFAULT_LIMITS=1``
  keeps the package defaults instead).

The database and cache come from ``DATABASE_URL`` and ``REDIS_URL`` as in the sandbox.
"""

import os

os.environ.setdefault("DJANGO_DEBUG", "0")

from sandbox.settings import *  # noqa: E402,F401,F403
from sandbox.settings import DATABASES, OPENGOV  # noqa: E402

DEBUG = False
ROOT_URLCONF = "benchmarks.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

_HIGH = 10**9
OPENGOV = {**OPENGOV, "TICKET_MIN_SECONDS": 0}
if os.environ.get("OPENGOV_BENCH_DEFAULT_LIMITS") != "1":
    OPENGOV["VOTE_LIMITS"] = {
        "participant": [(60, _HIGH), (3600, _HIGH)],
        "ip": [(60, _HIGH), (3600, _HIGH)],
        "subnet": [(60, _HIGH), (3600, _HIGH)],
    }

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The fairness simulation commits 100,000 draws; durability of a throw-away file does not matter.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;"
    )

# Keep the server's stderr readable under load: only errors.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "ERROR"},
}
