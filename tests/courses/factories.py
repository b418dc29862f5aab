"""Builders for courses and lessons; pages need tree operations, so plain functions serve better than factory_boy."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from cms.models import SubCollegePage
from courses.materials.models import CourseMaterial, MaterialPage
from courses.models import (
    CourseAudience,
    CoursePage,
    Position,
    QuizLessonPage,
    ReadingLessonPage,
    VideoLessonPage,
)
from courses.packages.models import TrainingPackageCourse, TrainingPackageMaterial, TrainingPackagePage
from tests.files import png_bytes, webm_bytes

_numbers = itertools.count(1)


def make_course(
    sub_college: SubCollegePage,
    *,
    title: str | None = None,
    summary: str = "课程简介",
    class_hours: str = "2",
    level: str = "basic",
    audiences: tuple[str, ...] = ("worker",),
    specialties=(),
    positions=(),
    days_ago: int = 0,
    with_cover: bool = False,
    publish: bool = True,
) -> CoursePage:
    number = next(_numbers)
    course = CoursePage(
        title=title or f"测试课程{number}",
        slug=f"course-{number}",
        summary=summary,
        class_hours=Decimal(class_hours),
        level=level,
        live=publish,
    )
    if with_cover:
        course.cover_image = get_image_model().objects.create(
            title=f"cover {number}", file=ContentFile(png_bytes(), name=f"cover-{number}.png")
        )
    course.audience_links = [CourseAudience(role=role) for role in audiences]
    course.specialties = list(specialties)
    course.positions = list(positions)
    sub_college.add_child(instance=course)
    if publish:
        course.save_revision().publish()
        CoursePage.objects.filter(pk=course.pk).update(
            first_published_at=timezone.now() - timedelta(days=days_ago)
        )
        course.refresh_from_db()
    return course


def make_video(title: str = "视频"):
    return get_media_model().objects.create(
        title=title, type="video", duration=12, file=ContentFile(webm_bytes(), name="lesson.webm")
    )


def add_video_lesson(course: CoursePage, *, title: str = "视频课", minutes: int = 20) -> VideoLessonPage:
    lesson = VideoLessonPage(title=title, minutes=minutes, video=make_video())
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def add_reading_lesson(
    course: CoursePage, *, title: str = "阅读材料", minutes: int = 15
) -> ReadingLessonPage:
    lesson = ReadingLessonPage(title=title, minutes=minutes, body="<p>安全规程</p>")
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def add_quiz_lesson(
    course: CoursePage, *, title: str = "测验", minutes: int = 10, pass_mark_percent: int = 60
) -> QuizLessonPage:
    """A two-question quiz: question 1 has option 0 correct; question 2 has options 0 and 2 correct."""
    lesson = QuizLessonPage(
        title=title,
        minutes=minutes,
        pass_mark_percent=pass_mark_percent,
        questions=[
            (
                "question",
                {
                    "text": "动火作业前应当做什么？",
                    "options": [
                        {"text": "气体检测", "correct": True},
                        {"text": "直接动火", "correct": False},
                    ],
                },
            ),
            (
                "question",
                {
                    "text": "监护人的职责有哪些？",
                    "options": [
                        {"text": "检查安全措施", "correct": True},
                        {"text": "代签作业票", "correct": False},
                        {"text": "全程监护", "correct": True},
                    ],
                },
            ),
        ],
    )
    course.add_child(instance=lesson)
    lesson.save_revision().publish()
    return lesson


def make_document(name: str = "material.pdf"):
    return get_document_model().objects.create(
        title=name, file=ContentFile(b"%PDF-1.4\n% test material\n", name=name)
    )


def make_material(
    sub_college: SubCollegePage,
    *,
    title: str | None = None,
    summary: str = "教材简介",
    level: str = "basic",
    format: str = "standard",
    specialties=(),
    positions=(),
    edition: str = "2026年第1版",
    days_ago: int = 0,
    with_document: bool = True,
    with_cover: bool = False,
    publish: bool = True,
    live: bool | None = None,
) -> MaterialPage:
    """A material with a PDF; published (so its edition is recorded) unless `publish` is False.

    `live=True` with `publish=False` is a material put live by code, without any edition recorded.
    """
    number = next(_numbers)
    material = MaterialPage(
        title=title or f"测试教材{number}",
        slug=f"material-{number}",
        summary=summary,
        level=level,
        format=format,
        edition=edition,
        edition_date=date(2026, 6, 30) - timedelta(days=days_ago),
        document=make_document(f"material-{number}.pdf") if with_document else None,
        body="" if with_document else "<p>教材正文</p>",
        live=publish if live is None else live,
    )
    if with_cover:
        material.cover_image = get_image_model().objects.create(
            title=f"cover {number}", file=ContentFile(png_bytes(), name=f"material-cover-{number}.png")
        )
    material.specialties = list(specialties)
    material.positions = list(positions)
    sub_college.add_child(instance=material)
    if publish:
        material.save_revision().publish()
        material.refresh_from_db()
    return material


def publish_edition(material: MaterialPage, *, edition: str, changes: str, days_later: int = 30):
    """Publish `material` as a new edition with a new file, as an editor updating a loose-leaf material."""
    material.edition = edition
    material.edition_date = material.edition_date + timedelta(days=days_later)
    material.edition_changes = changes
    material.document = make_document(f"{material.slug}-{edition}.pdf")
    material.save_revision().publish()
    material.refresh_from_db()
    return material


def link_materials(course: CoursePage, *materials: MaterialPage) -> CoursePage:
    """Link `materials` to `course`, in order, and publish the course."""
    course.material_links = [CourseMaterial(material=material) for material in materials]
    course.save_revision().publish()
    return course


def make_package(
    sub_college: SubCollegePage,
    *,
    title: str,
    position: Position,
    courses=(),
    materials=(),
    publish: bool = True,
) -> TrainingPackagePage:
    """A training package for `position` with `courses` and `materials` in that order."""
    number = next(_numbers)
    package = TrainingPackagePage(
        title=title, slug=f"package-{number}", summary="岗位培训包简介", position=position, live=publish
    )
    package.course_links = [
        TrainingPackageCourse(course=course, sort_order=order) for order, course in enumerate(courses)
    ]
    package.material_links = [
        TrainingPackageMaterial(material=material, sort_order=order)
        for order, material in enumerate(materials)
    ]
    sub_college.add_child(instance=package)
    if publish:
        package.save_revision().publish()
    return package
