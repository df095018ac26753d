from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from davor.users.audit import audit_record
from davor.users.models import AuditEvent, Team, User

# What decides what a user may see and do; a change of any of these is audited.
PERMISSION_FIELDS = ("role", "team", "is_active", "is_staff", "is_superuser", "groups", "user_permissions")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "team", "is_active"]
    list_filter = ["role", "team", "is_active"]
    fieldsets = [
        *(BaseUserAdmin.fieldsets or ()),
        (_("Davor"), {"fields": ["role", "team", "language", "phone_extension"]}),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        changed = [name for name in PERMISSION_FIELDS if name in form.changed_data]
        if changed or not change:
            details = {"changed": changed, "role": obj.role, "team_id": obj.team_id, "created": not change}
            audit_record(
                action=AuditEvent.Action.PERMISSION_CHANGE,
                user=request.user,
                request=request,
                object_type="user",
                object_id=obj.pk,
                details=details,
            )


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "username", "action", "object_type", "object_id", "ip"]
    list_filter = ["action"]
    search_fields = ["username", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
