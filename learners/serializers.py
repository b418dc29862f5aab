"""The people API's shapes. Output serializers only read what the selectors loaded; input serializers
check the shape of a request, and the services decide the rules."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from academy.api import MAX_ID
from learners.lifelong_file.selectors import CertificateStatus, certificate_status

from .access import file_window
from .choices import Prefecture, Role
from .models import Certificate, CertificateKind, EmploymentType, Engagement, Enterprise, Learner


def IdField(**kwargs) -> serializers.IntegerField:  # noqa: N802 - reads as a field class
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


class EnterpriseRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "name"]


class LearnerRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Learner
        fields = ["id", "name"]


class EnterpriseSerializer(serializers.ModelSerializer):
    people_count = serializers.IntegerField(read_only=True, help_text="People engaged there today.")

    class Meta:
        model = Enterprise
        fields = ["id", "name", "credit_code", "industry", "prefecture", "size", "people_count"]


class EngagementSerializer(serializers.ModelSerializer):
    """An engagement as part of a person's record (the person is the parent)."""

    enterprise = EnterpriseRefSerializer(read_only=True)
    roles = serializers.ListField(source="role_codes", child=serializers.ChoiceField(choices=Role.choices))
    operation_items = serializers.ListField(
        child=serializers.CharField(),
        help_text="The special operation items the post requires (special operators only).",
    )
    current = serializers.SerializerMethodField()

    class Meta:
        model = Engagement
        fields = [
            "id",
            "enterprise",
            "position",
            "roles",
            "operation_items",
            "employment_type",
            "started_on",
            "ended_on",
            "current",
        ]

    def get_current(self, engagement) -> bool:
        return engagement.is_current(timezone.localdate())


class EngagementListSerializer(EngagementSerializer):
    learner = LearnerRefSerializer(read_only=True)

    class Meta(EngagementSerializer.Meta):
        fields = ["id", "learner", *EngagementSerializer.Meta.fields[1:]]


class LearnerSerializer(serializers.ModelSerializer):
    """A person as the viewer may see them: the full identity number and the phone only for the person,
    a superuser and an administrator of an enterprise where the person works now (`file_window`)."""

    identity_number = serializers.SerializerMethodField(help_text="Masked unless `identity_number_full`.")
    identity_number_full = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField(help_text="Null when not known or not shown to the viewer.")
    engagements = EngagementSerializer(many=True, read_only=True)

    class Meta:
        model = Learner
        fields = [
            "id",
            "name",
            "identity_number",
            "identity_number_full",
            "phone",
            "education",
            "engagements",
        ]

    def _shows_full(self, learner) -> bool:
        shows = getattr(learner, "_shows_full_identity", None)
        if shows is None:
            # The prefetched engagements are those the viewer sees, which include every one that
            # file_window looks at, so this is file_window's answer without another query.
            window = file_window(
                self.context["request"].user, learner, engagements=list(learner.engagements.all())
            )
            shows = learner._shows_full_identity = bool(window and window.full_identity_number)
        return shows

    def get_identity_number(self, learner) -> str:
        return learner.identity_number if self._shows_full(learner) else learner.identity_number_masked

    def get_identity_number_full(self, learner) -> bool:
        return self._shows_full(learner)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_phone(self, learner) -> str | None:
        return learner.phone if self._shows_full(learner) else None


class CertificateSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField()
    superseded = serializers.SerializerMethodField(help_text="A renewal the viewer can see exists.")
    has_scan = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "id",
            "learner",
            "kind",
            "operation_item",
            "number",
            "issuing_authority",
            "issued_on",
            "next_review_on",
            "valid_until",
            "renews",
            "superseded",
            "status",
            "has_scan",
            "created_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CertificateStatus.choices))
    def get_status(self, certificate) -> str:
        return certificate_status(
            valid_until=certificate.valid_until,
            next_review_on=certificate.next_review_on,
            superseded=getattr(certificate, "superseded", False),
            today=timezone.localdate(),
        )

    def get_superseded(self, certificate) -> bool:
        # Annotated by `certificate_list`; a certificate just recorded has no renewal yet.
        return getattr(certificate, "superseded", False)

    def get_has_scan(self, certificate) -> bool:
        return bool(certificate.scan)


class HeldCertificateSerializer(CertificateSerializer):
    class Meta(CertificateSerializer.Meta):
        fields = [name for name in CertificateSerializer.Meta.fields if name not in ("learner", "superseded")]


class MyLearnerSerializer(serializers.ModelSerializer):
    identity_number_masked = serializers.CharField(read_only=True)
    engagements = EngagementSerializer(many=True, read_only=True, source="current_engagements")
    certificates = HeldCertificateSerializer(many=True, read_only=True, source="held_certificates")

    class Meta:
        model = Learner
        fields = ["id", "name", "identity_number_masked", "phone", "education", "engagements", "certificates"]


class MeSerializer(serializers.Serializer):
    learner = MyLearnerSerializer(
        allow_null=True,
        help_text="The caller's own file summary: current engagements and the certificates they hold "
        "(renewed ones left out). Null for an account that is not a learner's, such as an authority's.",
    )
    administered_enterprises = serializers.ListField(
        child=serializers.IntegerField(), help_text="Ids of the enterprises the caller administers."
    )
    authority_prefecture = serializers.ChoiceField(
        choices=Prefecture.choices,
        allow_null=True,
        allow_blank=True,
        help_text='The prefecture of an authority user; "" for a provincial user; null if not an authority.',
    )
    is_superuser = serializers.BooleanField()


class IdentityNumberLookupSerializer(serializers.Serializer):
    identity_number = serializers.CharField(max_length=32, trim_whitespace=True)


def OperationItemsField(**kwargs) -> serializers.ListField:  # noqa: N802 - reads as a field class
    """Only the shape (a bounded list of strings); `services.operation_items_clean` rules on the items,
    so that its codes, not the serializer's, reach the caller."""
    kwargs.setdefault("required", False)
    if not kwargs["required"]:
        kwargs.setdefault("default", list)
    return serializers.ListField(
        child=serializers.CharField(allow_blank=True, trim_whitespace=False, max_length=1000),
        max_length=100,
        help_text="Special operation items the post requires, e.g. 低压电工作业; only with the role "
        "special_operator; at most 10 distinct items of at most 100 characters.",
        **kwargs,
    )


class EngagementCreateSerializer(serializers.Serializer):
    learner = IdField(help_text="A person the caller already sees.")
    enterprise = IdField(help_text="An enterprise the caller administers.")
    position = serializers.CharField(max_length=100)
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), allow_empty=False, max_length=len(Role.choices)
    )
    employment_type = serializers.ChoiceField(choices=EmploymentType.choices, default=EmploymentType.OWN)
    operation_items = OperationItemsField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True, default=None)


class EngagementUpdateSerializer(serializers.Serializer):
    operation_items = OperationItemsField(required=True)


class EngagementEndSerializer(serializers.Serializer):
    ended_on = serializers.DateField()


class CertificateCreateSerializer(serializers.Serializer):
    learner = IdField(help_text="A person the caller may record for.")
    kind = serializers.ChoiceField(choices=CertificateKind.choices)
    operation_item = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    number = serializers.CharField(max_length=64)
    issuing_authority = serializers.CharField(max_length=100)
    issued_on = serializers.DateField()
    next_review_on = serializers.DateField(required=False, allow_null=True, default=None)
    valid_until = serializers.DateField(required=False, allow_null=True, default=None)
    scan = serializers.FileField(required=False, allow_null=True, default=None, max_length=200)
    renews = IdField(required=False, allow_null=True, default=None, help_text="The certificate this renews.")
    enterprise = IdField(
        required=False,
        allow_null=True,
        default=None,
        help_text="The enterprise the record is made for; an administrator working for one of the "
        "person's enterprises may leave it out.",
    )
