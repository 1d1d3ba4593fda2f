"""The sandbox's URLs plus ``bench/baseline``: a bare view doing one raw INSERT, the yardstick for the API."""

from django.db import connection
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_POST

from sandbox.urls import urlpatterns as sandbox_urlpatterns

BASELINE_TABLE = "bench_baseline"
CREATE_BASELINE_TABLE = f"""
    CREATE TABLE IF NOT EXISTS {BASELINE_TABLE} (
        id bigserial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        note varchar(32) NOT NULL
    )
"""


@require_POST
def baseline(request):
    # Same stack as the API (every sandbox middleware, CsrfViewMiddleware checking the token), one INSERT.
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BASELINE_TABLE} (note) VALUES (%s)", ["bench"])
    return JsonResponse({"ok": True}, status=201)


urlpatterns = [path("bench/baseline", baseline, name="bench_baseline")] + sandbox_urlpatterns
