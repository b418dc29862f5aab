"""Training pages (served under the language prefix): an enterprise's offline training."""

from django.urls import path

from . import views

app_name = "training"

urlpatterns = [
    path("offline/", views.offline_list, name="offline_list"),
    path("offline/new/", views.offline_new, name="offline_new"),
    path("offline/<int:pk>/", views.offline_detail, name="offline_detail"),
    path("offline/<int:pk>/evidence/", views.offline_evidence, name="offline_evidence"),
    path("offline/<int:pk>/withdraw/", views.offline_withdraw, name="offline_withdraw"),
]
