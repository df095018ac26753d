from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from davor.calls.models import Call, Outcome


@admin.register(Outcome)
class OutcomeAdmin(admin.ModelAdmin):
    list_display = ["name_de", "name_en", "kind", "position", "is_active"]
    list_editable = ["position", "is_active"]


@admin.register(Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["started_at", "customer", "user", "outcome", "is_complete"]
    list_filter = ["outcome", "is_complete", "user"]
    raw_id_fields = ["customer", "contacts"]
