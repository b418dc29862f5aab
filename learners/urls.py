"""Pages about people (served under the language prefix)."""

from django.urls import path  # noqa: F401

app_name = "learners"

urlpatterns = []
