"""The study API under /api/v1/: enrolments, study sessions and their heartbeats."""

from rest_framework.routers import SimpleRouter

from .apis import EnrolmentViewSet, StudySessionViewSet
from .offline_apis import OfflineTrainingViewSet
from .recognition_apis import RecognitionViewSet

router = SimpleRouter()
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("study-sessions", StudySessionViewSet, basename="study-session")
router.register("offline-trainings", OfflineTrainingViewSet, basename="offline-training")
router.register("recognitions", RecognitionViewSet, basename="recognition")

urlpatterns = router.urls
