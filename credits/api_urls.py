"""The study API under /api/v1/: enrolments, study sessions and their heartbeats."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from academy.api import ID_REGEX
from credits.bank.apis import MyCreditsView
from credits.compliance import apis as report_apis
from credits.offline.apis import OfflineTrainingViewSet
from credits.recognition.apis import RecognitionViewSet
from credits.study.apis import EnrolmentViewSet, StudySessionViewSet

router = SimpleRouter()
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("study-sessions", StudySessionViewSet, basename="study-session")
router.register("offline-trainings", OfflineTrainingViewSet, basename="offline-training")
router.register("recognitions", RecognitionViewSet, basename="recognition")

urlpatterns = router.urls + [
    # The signed-in person's verdicts and credit bank.
    path("me/compliance/", report_apis.MyComplianceView.as_view(), name="me-compliance"),
    path("me/credits/", MyCreditsView.as_view(), name="me-credits"),
    # Compliance reports of an enterprise's people and of an authority's enterprises.
    re_path(
        rf"^enterprises/(?P<id>{ID_REGEX})/compliance/$",
        report_apis.EnterpriseComplianceView.as_view(),
        name="enterprise-compliance",
    ),
    path("authority/compliance/", report_apis.AuthorityComplianceView.as_view(), name="authority-compliance"),
]
