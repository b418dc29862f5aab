"""The people API under /api/v1/."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .apis import people
from .roster import apis as roster

router = SimpleRouter()
router.register("enterprises", people.EnterpriseViewSet, basename="enterprise")
router.register("learners", people.LearnerViewSet, basename="learner")
router.register("engagements", people.EngagementViewSet, basename="engagement")
router.register("certificates", people.CertificateViewSet, basename="certificate")
router.register("roster-imports", roster.RosterImportViewSet, basename="roster-import")

urlpatterns = [
    path("me/", people.MeView.as_view(), name="me"),
    path("", include(router.urls)),
]
