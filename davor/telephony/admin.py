from django.contrib import admin

from davor.telephony.models import PhoneCall


@admin.register(PhoneCall)
class PhoneCallAdmin(admin.ModelAdmin):
    list_display = ["started_at", "user", "direction", "number", "customer", "state", "wrapup_done_at"]
    list_filter = ["state", "direction"]
    raw_id_fields = ["customer", "contact", "user"]
    search_fields = ["number", "reference"]
