from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from davor.agenda.models import Appointment, CareTemplate, Participant, Task
from davor.agenda.services.appointments import CHANGE_FIELDS
from davor.lib import bounds
from davor.lib.locking import changed_meanwhile, version_claim


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["contact"]


class AppointmentAdminForm(forms.ModelForm):
    """Carries the version the page showed; a save based on an older one is refused, as on the appointment page."""

    # Not named "version": the admin would then ask the model form for the model's non-editable field.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    class Meta:
        model = Appointment
        fields = ["customer", "call", "owner", "title", "location", "start", "duration_minutes", "cancelled_at"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["seen_version"].initial = self.instance.version

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        for name in ("start", "cancelled_at"):
            if data.get(name) is not None and not bounds.day_in_bounds(data[name]):
                self.add_error(name, bounds.DATE_MESSAGE)
        if self.instance.pk:
            current = Appointment.objects.values_list("version", flat=True).get(pk=self.instance.pk)
            expected = data.get("seen_version")
            if expected is not None and expected != current:
                conflict = changed_meanwhile(self.instance, expected=expected, current=current, fields=CHANGE_FIELDS)
                raise forms.ValidationError(conflict.message)
        return data


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    form = AppointmentAdminForm
    list_display = ["start", "customer", "location", "duration_minutes", "owner"]
    list_filter = ["owner"]
    raw_id_fields = ["customer", "call"]
    inlines = [ParticipantInline]

    def save_model(self, request, obj, form, change) -> None:  # type: ignore[no-untyped-def]
        if change:
            # Counted up in the same transaction as the save (the admin's change view is atomic).
            obj.version = version_claim(obj, expected=form.cleaned_data.get("seen_version"), fields=CHANGE_FIELDS)
        super().save_model(request, obj, form, change)


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "customer", "due", "done_at", "owner"]
    list_filter = ["kind", "owner"]
    raw_id_fields = ["customer", "contact", "call"]


@admin.register(CareTemplate)
class CareTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["channel", "language", "subject"]
    list_filter = ["channel", "language"]
