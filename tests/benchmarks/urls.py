"""The academy's URLs behind a hello-world view, so that one server answers both."""

from django.http import HttpResponse
from django.urls import path

from academy.urls import urlpatterns as academy_urlpatterns


def hello(request):
    return HttpResponse("hello")


# Before the academy's i18n_patterns, whose catch-all Wagtail route would otherwise answer first.
urlpatterns = [path("bench/hello/", hello, name="bench-hello"), *academy_urlpatterns]
