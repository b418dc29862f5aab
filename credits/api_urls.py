"""The study API under /api/v1/: enrolments, study sessions and their heartbeats."""

from rest_framework.routers import SimpleRouter

from .apis import EnrolmentViewSet, StudySessionViewSet

router = SimpleRouter()
router.register("enrolments", EnrolmentViewSet, basename="enrolment")
router.register("study-sessions", StudySessionViewSet, basename="study-session")

urlpatterns = router.urls
