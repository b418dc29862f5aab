"""The credit bank's entries in the Wagtail admin ("Class hours and credits" menu): list, inspect, correct
and reverse, each through `credits.bank.services`."""

import django_filters
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import formats
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages as admin_messages
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, MenuItem
from wagtail.log_actions import log

from credits.bank.forms import BankCorrectionForm, BankEntryReverseForm
from credits.bank.models import BankEntry
from credits.bank.services import bank_entry_correct, bank_entry_reverse
from credits.rules.admin import refusal_to_form
from credits.study.models import StudySource
from learners.access import learners_visible_to, viewer_scope


def bank_entries_visible_to(user):
    """The entries of the people `user` may see, with what every row of the list shows."""
    entries = BankEntry.objects.select_related("learner", "created_by", "reversed_by")
    if viewer_scope(user).everything:
        return entries
    return entries.filter(learner__in=learners_visible_to(user))


def is_reversible(entry: BankEntry) -> bool:
    """Whether to offer "Reverse"; `bank_entry_reverse` decides (and says why not) when it is posted."""
    return entry.reverses_id is None and not hasattr(entry, "reversed_by")


def reversal_state(entry: BankEntry) -> str:
    if entry.reverses_id is not None:
        return _("Reversal of entry %(pk)s") % {"pk": entry.reverses_id}
    if hasattr(entry, "reversed_by"):
        return _("Reversed by entry %(pk)s") % {"pk": entry.reversed_by.pk}
    return ""


def entry_title(entry: BankEntry) -> str:
    return f"{entry.learner}, {formats.date_format(entry.earned_on)}, {entry.get_source_display()}"


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class BankEntryFilterSet(WagtailFilterSet):
    source = django_filters.ChoiceFilter(label=gettext_lazy("source"), choices=StudySource.choices)
    earned_on = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("earned on"), widget=DateRangePickerWidget
    )

    class Meta:
        model = BankEntry
        fields = ["source", "earned_on"]


class BankEntryIndexView(generic.IndexView):
    any_permission_required = ["view"]
    reverse_url_name = None

    def get_base_queryset(self):
        return bank_entries_visible_to(self.request.user)

    @cached_property
    def add_item_label(self):
        return _("Add a correction")

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if is_reversible(instance) and self.user_has_permission("add"):
            buttons.append(
                MenuItem(
                    _("Reverse"),
                    url=reverse(self.reverse_url_name, args=[instance.pk]),
                    icon_name="rotate",
                    priority=40,
                )
            )
        return buttons


class BankCorrectionCreateView(generic.CreateView):
    inspect_url_name = None

    def get_page_title(self):
        return _("New correction")

    def save_instance(self):
        values = self.form.cleaned_data
        entry = bank_entry_correct(
            learner=self.form.learner,
            earned_on=values["earned_on"],
            source=values["source"],
            class_hours=values["class_hours"],
            by=self.request.user,
            reason=values["reason"],
        )
        log(instance=entry, action="wagtail.create", user=self.request.user)
        return entry

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:
            refusal_to_form(form, refusal)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Correction of %(class_hours)s class hours recorded for %(learner)s.") % {
            "class_hours": instance.class_hours,
            "learner": instance.learner,
        }

    def get_success_buttons(self):
        return [admin_messages.button(reverse(self.inspect_url_name, args=[self.object.pk]), _("Inspect"))]


class BankEntryInspectView(generic.InspectView):
    any_permission_required = ["view"]
    reverse_url_name = None

    def get_object(self, queryset=None):
        return get_object_or_404(bank_entries_visible_to(self.request.user), pk=self.pk)

    def get_page_subtitle(self):
        return entry_title(self.object)

    def get_field_label(self, field_name, field):
        if field_name == "reversal_state":
            return _("Reversal")
        return super().get_field_label(field_name, field)

    def get_reversal_state_display_value(self):
        return reversal_state(self.object) or "-"

    def get_created_by_display_value(self):
        return _user_name(self.object.created_by) or "-"

    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if is_reversible(self.object) and self.user_has_permission("add"):
            buttons.append(
                Button(
                    _("Reverse"),
                    url=reverse(self.reverse_url_name, args=[self.object.pk]),
                    icon_name="rotate",
                    priority=30,
                )
            )
        return buttons


class BankEntryReverseView(PermissionCheckedMixin, WagtailAdminTemplateMixin, FormView):
    """Reverse one entry in full, with a reason; the service's refusals come back as form errors."""

    model = BankEntry
    permission_required = "add"
    form_class = BankEntryReverseForm
    template_name = "credits/admin/bank_entry_reverse.html"
    page_title = gettext_lazy("Reverse")
    header_icon = "rotate"
    index_url_name = None
    inspect_url_name = None

    @cached_property
    def object(self) -> BankEntry:
        # Looked up after the permission check (in dispatch), so that staff without it are refused
        # rather than told whether the entry exists.
        return get_object_or_404(bank_entries_visible_to(self.request.user), pk=self.kwargs["pk"])

    def get_page_subtitle(self):
        return entry_title(self.object)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": capfirst(BankEntry._meta.verbose_name_plural)},
            {"url": reverse(self.inspect_url_name, args=[self.object.pk]), "label": entry_title(self.object)},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            reversal_state=reversal_state(self.object),
            created_by_name=_user_name(self.object.created_by),
            action_url=self.request.path,
            submit_button_label=_("Reverse"),
            submit_button_active_label=_("Reversing…"),
        )
        return context

    def form_valid(self, form):
        try:
            reversal = bank_entry_reverse(
                entry=self.object, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as refusal:
            refusal_to_form(form, refusal)
            messages.error(self.request, _("The entry could not be reversed."))
            return self.form_invalid(form)
        log(instance=reversal, action="wagtail.create", user=self.request.user)
        messages.success(
            self.request,
            _("Entry reversed: %(class_hours)s class hours for %(learner)s.")
            % {"class_hours": reversal.class_hours, "learner": self.object.learner},
        )
        return redirect(reverse(self.inspect_url_name, args=[reversal.pk]))


class BankEntryViewSet(ModelViewSet):
    """The credit bank's ledger, append-only: list, inspect, add a correction, reverse an entry."""

    model = BankEntry
    icon = "clipboard-list"
    menu_order = 300
    index_view_class = BankEntryIndexView
    add_view_class = BankCorrectionCreateView
    inspect_view_class = BankEntryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(
        [FieldPanel(field) for field in BankCorrectionForm._meta.fields], base_form_class=BankCorrectionForm
    )
    filterset_class = BankEntryFilterSet
    search_fields = ["learner__name"]
    list_display = [
        "learner",
        "earned_on",
        "source",
        "class_hours",
        "credits",
        Column("reversal_state", label=gettext_lazy("Reversal"), accessor=reversal_state),
        "reason",
        Column(
            "created_by",
            label=gettext_lazy("created by"),
            accessor=lambda entry: _user_name(entry.created_by),
        ),
        "created_at",
    ]
    inspect_view_fields = [
        "learner",
        "earned_on",
        "source",
        "class_hours",
        "credits",
        "reversal_state",
        "reason",
        "created_by",
        "created_at",
    ]
    # Append-only: these views are not routed at all, and no screen links to them.
    disabled_views = ("edit", "delete", "history", "history_results", "usage")

    def get_common_view_kwargs(self, **kwargs):
        view_kwargs = super().get_common_view_kwargs(**kwargs)
        view_kwargs.update(
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            reverse_url_name=self.get_url_name("reverse"),
        )
        return view_kwargs

    @property
    def reverse_view(self):
        return self.construct_view(BankEntryReverseView, **self.get_common_view_kwargs())

    def get_urlpatterns(self):
        patterns = [p for p in super().get_urlpatterns() if p.name not in self.disabled_views]
        patterns.append(path("reverse/<int:pk>/", self.reverse_view, name="reverse"))
        return patterns
