from rest_framework import serializers
from wagtail.rich_text import expand_db_html

from courses.models import CoursePage, LessonKind, LessonPage
from learners.choices import Industry, Role


class LessonSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(source="lesson_kind", choices=LessonKind.choices)
    minutes = serializers.IntegerField()

    class Meta:
        model = LessonPage
        fields = ["id", "title", "kind", "minutes"]


class CourseSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()
    industry = serializers.ChoiceField(choices=Industry.choices, read_only=True, allow_null=True)
    sub_college = serializers.CharField(source="sub_college_title", read_only=True, allow_null=True)
    audiences = serializers.ListField(
        source="audience_codes", child=serializers.ChoiceField(choices=Role.choices)
    )
    specialties = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    positions = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    class_hours = serializers.DecimalField(max_digits=5, decimal_places=1, coerce_to_string=False)
    cover_url = serializers.SerializerMethodField()

    class Meta:
        model = CoursePage
        fields = [
            "id",
            "title",
            "slug",
            "url",
            "summary",
            "industry",
            "sub_college",
            "audiences",
            "level",
            "specialties",
            "positions",
            "class_hours",
            "cover_url",
            "first_published_at",
        ]

    def get_url(self, course) -> str:
        return course.get_url(request=self.context.get("request"))

    def get_cover_url(self, course) -> str | None:
        rendition = course.card_images.get("fill_480x270")
        return rendition.url if rendition else None


class CourseDetailSerializer(CourseSerializer):
    body = serializers.SerializerMethodField(help_text="The introduction as HTML.")
    lessons = LessonSerializer(many=True, source="lesson_list")

    class Meta(CourseSerializer.Meta):
        fields = CourseSerializer.Meta.fields + ["body", "lessons"]

    def get_body(self, course) -> str:
        return expand_db_html(course.body)


class QuizAnswerSerializer(serializers.Serializer):
    question = serializers.CharField(max_length=64)
    options = serializers.ListField(child=serializers.IntegerField(min_value=0), max_length=20)


class QuizGradeInputSerializer(serializers.Serializer):
    answers = QuizAnswerSerializer(many=True, max_length=500)


class QuizGradeOutputSerializer(serializers.Serializer):
    question_count = serializers.IntegerField()
    correct_count = serializers.IntegerField()
    correct_questions = serializers.ListField(child=serializers.CharField(), source="correct_question_ids")
    score_percent = serializers.IntegerField()
    pass_mark_percent = serializers.IntegerField()
    passed = serializers.BooleanField()
