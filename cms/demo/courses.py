"""Demo courses: every sub-college gets courses with video, reading and quiz lessons.

The content is in `course_data.py`; the videos are small files in `media/`
(generated with ffmpeg, 12 s each) and the covers are drawn here with Pillow.
"""

import io
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from cms.demo.course_data import COURSES, POSITIONS, SPECIALTIES
from cms.demo.people import DEMO_ENTERPRISE_CODE
from cms.models import HomePage, HomePageFeaturedCourse, SubCollegePage
from courses.enrolments.services import assignment_create
from courses.models import (
    CourseAudience,
    CoursePage,
    Position,
    QuizLessonPage,
    ReadingLessonPage,
    Specialty,
    VideoLessonPage,
)
from learners.models import Enterprise

MEDIA_DIR = Path(__file__).resolve().parent / "media"
COVER_COLOURS = {
    "chemicals": ("#8e2de2", "#4a00e0"),
    "coal": ("#232526", "#414345"),
    "non-coal-mines": ("#614385", "#516395"),
    "metallurgy": ("#c04848", "#480048"),
    "fireworks": ("#f12711", "#f5af19"),
    "oil-gas": ("#1d976c", "#093028"),
    "dust-explosion": ("#757f9a", "#d7dde8"),
    "ammonia-refrigeration": ("#2193b0", "#6dd5ed"),
}


def _hex(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _cover(industry: str, number: int):
    """A gradient cover, different per course, made without any font or file."""
    image_model = get_image_model()
    title = f"demo-cover-{industry}-{number}"
    existing = image_model.objects.filter(title=title).first()
    if existing:
        return existing
    start, end = (_hex(c) for c in COVER_COLOURS[industry])
    canvas = PILImage.new("RGB", (960, 540))
    draw = ImageDraw.Draw(canvas)
    for x in range(960):
        t = x / 959
        draw.line(
            [(x, 0), (x, 539)], fill=tuple(int(a + (b - a) * t) for a, b in zip(start, end, strict=True))
        )
    for i in range(number % 5 + 2):
        r = 60 + 25 * i
        draw.ellipse([700 - r, 270 - r, 700 + r, 270 + r], outline=(255, 255, 255), width=3)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return image_model.objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name=f"{title}.png")
    )


def _video(industry: str):
    media_model = get_media_model()
    title = f"示例视频（{industry}）"
    existing = media_model.objects.filter(title=title).first()
    if existing:
        return existing
    path = MEDIA_DIR / f"{industry}.webm"
    return media_model.objects.create(
        title=title,
        type="video",
        duration=12,
        width=320,
        height=180,
        file=ContentFile(path.read_bytes(), name=path.name),
    )


def _question_blocks(questions):
    return [
        (
            "question",
            {
                "text": question["text"],
                "options": [{"text": text, "correct": correct} for text, correct in question["options"]],
            },
        )
        for question in questions
    ]


def _lesson(course: CoursePage, industry: str, number: int, data: dict):
    kind = data["kind"]
    fields = {"title": data["title"], "slug": f"lesson-{number}", "minutes": data["minutes"]}
    if kind == "video":
        lesson = VideoLessonPage(video=_video(industry), notes=data.get("notes", ""), **fields)
    elif kind == "reading":
        lesson = ReadingLessonPage(body=data["body"], **fields)
    else:
        lesson = QuizLessonPage(
            pass_mark_percent=data.get("pass_mark_percent", 60),
            questions=_question_blocks(data["questions"]),
            **fields,
        )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()


def seed_courses(*, home: HomePage, sub_colleges: dict[str, SubCollegePage], stdout) -> None:
    specialties = {
        slug: Specialty.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in SPECIALTIES
    }
    positions = {
        slug: Position.objects.get_or_create(slug=slug, defaults={"name": name})[0]
        for slug, name in POSITIONS
    }
    now = timezone.now()
    created = 0
    featured = []
    for number, data in enumerate(COURSES):
        sub_college = sub_colleges[data["industry"]]
        if CoursePage.objects.child_of(sub_college).filter(slug=data["slug"]).exists():
            continue
        course = CoursePage(
            title=data["title"],
            slug=data["slug"],
            summary=data["summary"],
            body=data.get("body", ""),
            class_hours=Decimal(data["class_hours"]),
            level=data["level"],
            cover_image=_cover(data["industry"], number),
        )
        course.audience_links = [CourseAudience(role=role) for role in data["audiences"]]
        course.specialties = [specialties[slug] for slug in data.get("specialties", [])]
        course.positions = [positions[slug] for slug in data.get("positions", [])]
        sub_college.add_child(instance=course)
        course.save_revision().publish()
        # Spread publication dates so that "newest" means something in the demo.
        CoursePage.objects.filter(pk=course.pk).update(first_published_at=now - timedelta(days=3 * number))
        for lesson_number, lesson in enumerate(data["lessons"], start=1):
            _lesson(course, data["industry"], lesson_number, lesson)
        if data.get("featured"):
            featured.append(course)
        created += 1
    if featured:
        # Through a revision, so that the next publish of the home page keeps them.
        home = home.get_latest_revision_as_object()
        home.featured_courses.add(*[HomePageFeaturedCourse(course=course) for course in featured])
        home.save_revision().publish()
    stdout.write(f"Created {created} demo courses ({len(COURSES)} in the demo data).")


def seed_assignments(*, sub_colleges: dict[str, SubCollegePage], stdout, today=None) -> None:
    """Two assignments of the demo enterprise that reach the demo worker (李建国, a special operator and
    team leader): one due in three weeks, one already overdue. Safe to run twice."""
    enterprise = Enterprise.objects.filter(credit_code=DEMO_ENTERPRISE_CODE).first()
    administrator = get_user_model().objects.filter(username="enterprise").first()
    if enterprise is None or administrator is None or enterprise.assignments.exists():
        return
    today = today or timezone.localdate()
    courses = list(CoursePage.objects.live().child_of(sub_colleges["chemicals"]).order_by("path")[:3])
    if len(courses) < 3:
        return
    assignment_create(
        enterprise=enterprise,
        created_by=administrator,
        title="2026年特种作业人员危化品安全复训",
        course_ids=[courses[0].pk, courses[1].pk],
        due_on=today + timedelta(days=21),
        roles=["special_operator"],
        auto_assign_new=True,
        today=today,
    )
    # Set two months ago (people and dates as they were then), so that its due date has passed now.
    assignment_create(
        enterprise=enterprise,
        created_by=administrator,
        title="班组长安全技能专项培训",
        course_ids=[courses[2].pk],
        due_on=today - timedelta(days=14),
        roles=["team_leader"],
        today=today - timedelta(days=60),
    )
    stdout.write(f"Created 2 demo assignments for {enterprise.name}.")
