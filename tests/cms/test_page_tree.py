import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from cms.models import HomePage, PolicyColumnPage, PolicyPostPage, SubCollegePage
from courses.materials.models import MaterialLibraryPage, MaterialPage
from courses.models import (
    CoursePage,
    CourseSupermarketPage,
    LessonPage,
    QuizLessonPage,
    ReadingLessonPage,
    VideoLessonPage,
)
from courses.packages.models import TrainingPackagePage
from learners.choices import Industry


class PageTreeRulesTests(WagtailPageTestCase):
    def test_home_holds_sub_colleges_the_supermarket_the_library_and_the_policy_column(self):
        self.assertAllowedSubpageTypes(
            HomePage, {SubCollegePage, CourseSupermarketPage, MaterialLibraryPage, PolicyColumnPage}
        )
        self.assertAllowedSubpageTypes(MaterialLibraryPage, set())

    def test_the_policy_column_holds_only_posts_and_lives_under_the_home(self):
        self.assertAllowedParentPageTypes(PolicyColumnPage, {HomePage})
        self.assertAllowedSubpageTypes(PolicyColumnPage, {PolicyPostPage})
        self.assertAllowedSubpageTypes(PolicyPostPage, set())

    def test_sub_college_holds_courses_materials_and_training_packages(self):
        self.assertAllowedSubpageTypes(SubCollegePage, {CoursePage, MaterialPage, TrainingPackagePage})
        self.assertAllowedParentPageTypes(SubCollegePage, {HomePage})
        for page_type in (MaterialPage, TrainingPackagePage):
            self.assertAllowedParentPageTypes(page_type, {SubCollegePage})
            self.assertAllowedSubpageTypes(page_type, set())

    def test_course_lives_only_in_a_sub_college_and_holds_lessons(self):
        self.assertAllowedParentPageTypes(CoursePage, {SubCollegePage})
        self.assertAllowedSubpageTypes(CoursePage, {VideoLessonPage, ReadingLessonPage, QuizLessonPage})

    def test_lessons_live_only_in_a_course_and_have_no_children(self):
        for lesson_type in (VideoLessonPage, ReadingLessonPage, QuizLessonPage):
            self.assertAllowedParentPageTypes(lesson_type, {CoursePage})
            self.assertAllowedSubpageTypes(lesson_type, set())

    def test_the_abstract_lesson_cannot_be_created(self):
        self.assertFalse(LessonPage.is_creatable)


@pytest.mark.django_db
def test_a_course_cannot_be_created_under_the_home_page_or_another_course(academy):
    course_type = CoursePage
    assert course_type.can_create_at(academy.sub_colleges["coal"])
    assert not course_type.can_create_at(academy.home)
    assert not course_type.can_create_at(Page.get_first_root_node())


@pytest.mark.django_db
def test_there_is_one_home_page_and_one_supermarket(academy):
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert not CourseSupermarketPage.can_create_at(academy.home)


@pytest.mark.django_db
def test_every_industry_has_one_sub_college_whose_slug_is_the_industry(academy):
    assert {page.slug for page in SubCollegePage.objects.all()} == set(Industry.values)
    assert all(page.slug == page.industry for page in SubCollegePage.objects.all())


@pytest.mark.django_db
def test_a_sub_college_slug_must_be_its_industry_code(academy):
    page = SubCollegePage(title="煤矿二院", slug="coal-2", industry=Industry.COAL)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_a_second_sub_college_for_the_same_industry_is_refused(academy):
    page = SubCollegePage(title="煤矿二院", slug="coal", industry=Industry.COAL)
    with pytest.raises(ValidationError):
        page.full_clean()
