"""The academy's URLs behind two bare views, so that one server answers all of them.

`bench/hello/` answers without the database; `bench/insert/` does the least a write can do — one
INSERT on its own connection's autocommit — into a table that bench_heartbeat.py creates. Neither
authenticates; both go through the same middleware as the academy's views, so the difference to an
API view is the API's own work.
"""

from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from academy.urls import urlpatterns as academy_urlpatterns

INSERT_TABLE = "bench_insert"


def hello(request):
    return HttpResponse("hello")


@csrf_exempt
@require_POST
def insert(request):
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {INSERT_TABLE} (body) VALUES (%s)", [request.body.decode()])
    return HttpResponse("inserted")


# Before the academy's i18n_patterns, whose catch-all Wagtail route would otherwise answer first.
urlpatterns = [
    path("bench/hello/", hello, name="bench-hello"),
    path("bench/insert/", insert, name="bench-insert"),
    *academy_urlpatterns,
]
