from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from davor.agenda.models import Appointment, CareTemplate, Participant, Task


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    raw_id_fields = ["contact"]


@admin.register(Appointment)
class AppointmentAdmin(SimpleHistoryAdmin):
    list_display = ["start", "customer", "location", "duration_minutes", "owner"]
    list_filter = ["owner"]
    raw_id_fields = ["customer", "call"]
    inlines = [ParticipantInline]


@admin.register(Task)
class TaskAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "customer", "due", "done_at", "owner"]
    list_filter = ["kind", "owner"]
    raw_id_fields = ["customer", "contact", "call"]


@admin.register(CareTemplate)
class CareTemplateAdmin(SimpleHistoryAdmin):
    list_display = ["channel", "language", "subject"]
    list_filter = ["channel", "language"]
