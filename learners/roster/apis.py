"""Roster imports through the API: upload a roster (all or nothing), and read past imports.

Thin views over `learners.roster` and `learners.selectors`. Only an administrator of the enterprise
(or a superuser) imports; the list shows the imports of the enterprises the caller manages.
"""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from academy.api import ID_REGEX, MAX_ID
from learners.access import can_manage_enterprise
from learners.errors import ErrorCode
from learners.models import Enterprise, RosterImport, RosterImportStatus
from learners.roster.services import roster_import_apply
from learners.selectors import enterprises_managed_by, roster_import_list


class RosterImportInputSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="The roster: an Excel workbook (.xlsx) or a CSV file.")
    enterprise = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_ID,
        help_text="The enterprise's id; may be left out by an administrator of only one enterprise.",
    )


class RosterProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField(
        allow_null=True,
        help_text="Row number as in the spreadsheet (the header is row 1); null for the file.",
    )
    column = serializers.CharField(help_text="The column's header label, as in the template (Chinese).")
    column_key = serializers.CharField(help_text="The column's code, e.g. `identity_number`.")
    code = serializers.CharField(
        help_text="Machine-readable reason, e.g. `identity_checksum`, `unknown_role`."
    )
    message = serializers.CharField(help_text="Human-readable reason, in the request's language.")


class RosterChangeSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    identity_number_masked = serializers.CharField()
    name = serializers.CharField()
    action = serializers.ChoiceField(choices=["created", "updated", "new_position", "unchanged"])
    fields = serializers.ListField(child=serializers.CharField(), help_text="What changed, e.g. `position`.")
    learner_created = serializers.BooleanField(help_text="The person was new to the academy.")


class RosterImportSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)

    class Meta:
        model = RosterImport
        fields = [
            "id",
            "enterprise",
            "enterprise_name",
            "filename",
            "status",
            "row_count",
            "created_count",
            "updated_count",
            "unchanged_count",
            "created_at",
        ]


class RosterImportDetailSerializer(RosterImportSerializer):
    source = serializers.SerializerMethodField(help_text="`xlsx`, or the encoding a CSV file was read in.")
    changes = serializers.SerializerMethodField()
    errors = serializers.SerializerMethodField()
    error_count = serializers.SerializerMethodField()

    class Meta(RosterImportSerializer.Meta):
        fields = [*RosterImportSerializer.Meta.fields, "source", "changes", "errors", "error_count"]

    def get_source(self, record) -> str:
        return record.report.get("source", "")

    @extend_schema_field(RosterChangeSerializer(many=True))
    def get_changes(self, record) -> list:
        return record.report.get("changes", [])

    @extend_schema_field(RosterProblemSerializer(many=True))
    def get_errors(self, record) -> list:
        return record.report.get("errors", [])

    def get_error_count(self, record) -> int:
        return record.report.get("error_count", 0)


REFUSED_SERIALIZER = inline_serializer(
    name="RosterRefused",
    fields={
        "code": serializers.CharField(
            help_text="`roster_refused`, or `invalid` when the request itself is bad."
        ),
        "detail": serializers.CharField(),
        "errors": serializers.JSONField(
            required=False,
            help_text="For `roster_refused`: the problems, at most 1,000 (see `error_count`), each with "
            "`row`, `column`, `column_key`, `code` and `message`. For `invalid`: messages per field.",
        ),
        "error_count": serializers.IntegerField(required=False),
        "id": serializers.IntegerField(required=False, help_text="The recorded (refused) import."),
        "source": serializers.CharField(required=False),
    },
)


class RosterImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Roster imports of the enterprises the caller manages, newest first."""

    permission_classes = [permissions.IsAuthenticated]
    lookup_value_regex = ID_REGEX
    parser_classes = [MultiPartParser, FormParser]

    def get_queryset(self):
        return roster_import_list(user=self.request.user)

    def get_serializer_class(self):
        return RosterImportSerializer if self.action == "list" else RosterImportDetailSerializer

    def _enterprise(self, enterprise_id: int | None) -> Enterprise:
        user = self.request.user
        if enterprise_id is None:
            managed = list(enterprises_managed_by(user=user)[:2])
            if not managed:
                raise exceptions.PermissionDenied(
                    _("Only an enterprise's administrators may import its roster."),
                    code=ErrorCode.NOT_ENTERPRISE_ADMINISTRATOR,
                )
            if len(managed) > 1:
                raise exceptions.ValidationError(
                    {
                        "code": ErrorCode.ENTERPRISE_REQUIRED,
                        "detail": _("You administer several enterprises; say which one in `enterprise`."),
                    }
                )
            return managed[0]
        enterprise = Enterprise.objects.filter(pk=enterprise_id).first()
        if enterprise is None:
            raise exceptions.NotFound(_("No such enterprise."), code=ErrorCode.ENTERPRISE_NOT_FOUND)
        if not can_manage_enterprise(user, enterprise):
            raise exceptions.PermissionDenied(
                _("Only an administrator of %(enterprise)s may import its roster.")
                % {"enterprise": enterprise.name},
                code=ErrorCode.NOT_ENTERPRISE_ADMINISTRATOR,
            )
        return enterprise

    @extend_schema(
        request={"multipart/form-data": RosterImportInputSerializer},
        responses={201: RosterImportDetailSerializer, 400: REFUSED_SERIALIZER},
        description="Import a roster, all or nothing. 201: applied, with counts and every row's change. "
        "400 `roster_refused`: nothing was changed; `errors` lists the problems row by row (the refusal "
        "is recorded too, see `id`). 403 `not_enterprise_administrator`; 404 `enterprise_not_found`; "
        "400 `enterprise_required` for an administrator of several enterprises who names none.",
    )
    def create(self, request, *args, **kwargs):
        upload = RosterImportInputSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        enterprise = self._enterprise(upload.validated_data.get("enterprise"))
        record = roster_import_apply(
            enterprise=enterprise, user=request.user, file=upload.validated_data["file"]
        )
        if record.status == RosterImportStatus.APPLIED:
            return Response(RosterImportDetailSerializer(record).data, status=status.HTTP_201_CREATED)
        report = record.report
        count = report.get("error_count", 0)
        return Response(
            {
                "code": ErrorCode.ROSTER_REFUSED,
                "detail": ngettext(
                    "The roster was refused; nothing was changed. %(count)s problem was found.",
                    "The roster was refused; nothing was changed. %(count)s problems were found.",
                    count,
                )
                % {"count": count},
                "errors": report.get("errors", []),
                "error_count": count,
                "id": record.pk,
                "source": report.get("source", ""),
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
