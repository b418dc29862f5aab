"""The versioned rules in the Wagtail admin ("Class hours and credits" menu): the conversion standard and
the training requirements, each versioned by the day it takes effect. Every write goes through
`credits.rules.standard` / `credits.rules.requirements`, whose refusals are put back on the form."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.models import CopyViewMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log

from credits.errors import BankError, RequirementError, StandardError
from credits.rules.forms import ConversionStandardForm, RequirementForm
from credits.rules.models import ConversionStandard, Requirement
from credits.rules.requirements import (
    VersionStatus,
    requirement_create,
    requirement_delete,
    requirement_update,
    version_has_taken_effect,
    versions_with_status,
)
from credits.rules.standard import standard_create, standard_delete, standard_update

# The form field a service's refusal belongs to; the others are shown above the form.
ERROR_FIELDS = {
    StandardError.NOT_FUTURE: "effective_from",
    StandardError.SAME_DAY: "effective_from",
    RequirementError.NOT_FUTURE: "effective_from",
    RequirementError.SAME_DAY: "effective_from",
    RequirementError.HOURS_NOT_POSITIVE: "class_hours",
    BankError.REASON_REQUIRED: "reason",
    BankError.ZERO: "class_hours",
}


def _taken_effect_message() -> str:
    return _("This version is in force or was in force; add a later version instead.")


def refusal_to_form(form, error: ValidationError) -> None:
    field = ERROR_FIELDS.get(error.code)
    form.add_error(field if field in form.fields else None, error)


class VersionIndexView(generic.IndexView):
    """Each version with its status; only versions not yet in force can be edited or deleted."""

    same_rule: tuple[str, ...] = ()

    def get_base_queryset(self):
        return versions_with_status(super().get_base_queryset(), same_rule=self.same_rule)

    def get_edit_url(self, instance):
        if instance.version_status == VersionStatus.SCHEDULED:
            return super().get_edit_url(instance)
        return None

    def get_delete_url(self, instance):
        if instance.version_status == VersionStatus.SCHEDULED:
            return super().get_delete_url(instance)
        return None


class VersionCreateView(generic.CreateView):
    create_service = None

    def save_instance(self):
        instance = self.create_service(user=self.request.user, **self.form.cleaned_data)
        log(instance=instance, action="wagtail.create", user=self.request.user)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            refusal_to_form(form, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class VersionCopyView(CopyViewMixin, VersionCreateView):
    """A new version that starts from another's values (the way to change a version in force)."""


class VersionEditView(generic.EditView):
    update_service = None

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if version_has_taken_effect(self.object.effective_from):
            messages.error(request, _taken_effect_message())
            return redirect(self.get_inspect_url() or self.get_index_url())
        return super().get(request, *args, **kwargs)

    def save_instance(self):
        instance = self.update_service(self.object, **self.form.cleaned_data)
        log(instance=instance, action="wagtail.edit", user=self.request.user, content_changed=True)
        return instance

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            refusal_to_form(form, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class VersionDeleteView(generic.DeleteView):
    delete_service = None
    inspect_url_name = None

    def _refused(self, message: str):
        messages.error(self.request, message)
        if self.inspect_url_name:
            return redirect(reverse(self.inspect_url_name, args=[self.object.pk]))
        return redirect(reverse(self.index_url_name))

    def get(self, request, *args, **kwargs):
        if version_has_taken_effect(self.object.effective_from):
            return self._refused(_("This version is in force or was in force; it cannot be deleted."))
        return super().get(request, *args, **kwargs)

    def delete_action(self):
        self.delete_service(self.object)
        log(instance=self.object, action="wagtail.delete", user=self.request.user, deleted=True)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            return self._refused(" ".join(refusal.messages))


class VersionInspectView(generic.InspectView):
    """Every version can be inspected; edit and delete are offered only before it takes effect."""

    copy_url_name = None

    def get_edit_url(self):
        if version_has_taken_effect(self.object.effective_from):
            return None
        return super().get_edit_url()

    def get_delete_url(self):
        if version_has_taken_effect(self.object.effective_from):
            return None
        return super().get_delete_url()

    @property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if version_has_taken_effect(self.object.effective_from) and self.copy_url_name:
            buttons.append(
                Button(
                    _("Add a later version"),
                    url=reverse(self.copy_url_name, args=[self.object.pk]),
                    icon_name="copy",
                    priority=40,
                )
            )
        return buttons


class VersionViewSet(ModelViewSet):
    """A versioned rule: services decide what may be saved; `same_rule` names the fields that identify
    one rule among the versions (none for the single standard)."""

    index_view_class = VersionIndexView
    add_view_class = VersionCreateView
    copy_view_class = VersionCopyView
    edit_view_class = VersionEditView
    delete_view_class = VersionDeleteView
    inspect_view_class = VersionInspectView
    inspect_view_enabled = True
    copy_view_enabled = True
    # Nothing refers to these rows through rich text or streams.
    add_to_reference_index = False
    same_rule: tuple[str, ...] = ()

    @staticmethod
    def create_service(*, user, **values):
        raise NotImplementedError

    @staticmethod
    def update_service(instance, **values):
        raise NotImplementedError

    @staticmethod
    def delete_service(instance):
        raise NotImplementedError

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        # Passed only to the views that have the attribute (ViewSet.construct_view filters them).
        view_kwargs.update(
            same_rule=self.same_rule,
            create_service=self.create_service,
            update_service=self.update_service,
            delete_service=self.delete_service,
            inspect_url_name=self.get_url_name("inspect"),
            copy_url_name=self.get_url_name("copy"),
        )
        return view_kwargs


def status_column() -> Column:
    return Column(
        "version_status",
        label=gettext_lazy("status"),
        accessor=lambda version: VersionStatus(version.version_status).label,
    )


class ConversionStandardViewSet(VersionViewSet):
    model = ConversionStandard
    icon = "cogs"
    menu_order = 100
    edit_handler = ObjectList(
        [FieldPanel(field) for field in ConversionStandardForm._meta.fields],
        base_form_class=ConversionStandardForm,
    )
    list_display = [
        "effective_from",
        status_column(),
        "minutes_per_class_hour",
        "daily_online_class_hours",
        "class_hours_per_credit",
        "offline_factor",
        "recognised_factor",
        "note",
    ]

    @staticmethod
    def create_service(*, user, **values):
        return standard_create(user=user, **values)

    @staticmethod
    def update_service(instance, **values):
        return standard_update(standard=instance, **values)

    @staticmethod
    def delete_service(instance):
        standard_delete(standard=instance)


def _requirement_codes():
    return [
        (code, code)
        for code in Requirement.objects.order_by("code").values_list("code", flat=True).distinct()
    ]


class RequirementFilterSet(WagtailFilterSet):
    code = django_filters.ChoiceFilter(label=gettext_lazy("code"), choices=_requirement_codes)

    class Meta:
        model = Requirement
        fields = ["code", "industry", "role"]


class RequirementViewSet(VersionViewSet):
    model = Requirement
    icon = "list-ul"
    menu_order = 200
    same_rule = ("code", "industry")
    edit_handler = ObjectList(
        [FieldPanel(field) for field in RequirementForm._meta.fields], base_form_class=RequirementForm
    )
    filterset_class = RequirementFilterSet
    search_fields = ["code", "title"]
    list_display = [
        "title",
        "code",
        "industry",
        "role",
        "kind",
        "class_hours",
        "effective_from",
        status_column(),
        "active",
    ]

    @staticmethod
    def create_service(*, user, **values):
        return requirement_create(user=user, **values)

    @staticmethod
    def update_service(instance, **values):
        return requirement_update(requirement=instance, **values)

    @staticmethod
    def delete_service(instance):
        requirement_delete(requirement=instance)
