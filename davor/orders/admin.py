from django.contrib import admin
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from davor.orders.models import CompanyProfile, Confirmation, ConfirmationSending, Order, OrderLine


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0


VERSION_FIELDS = ("version", "created_at", "created_by")
SENDING_FIELDS = ("channel", "copies", "recipient", "status", "at", "by", "server_reply", "error")


class ConfirmationInline(admin.TabularInline):
    model = Confirmation
    extra = 0
    fields = VERSION_FIELDS
    readonly_fields = VERSION_FIELDS
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["number", "customer", "ordered_on", "confirmation_channel", "confirmation_copies"]
    search_fields = ["number", "customer__name"]
    raw_id_fields = ["customer", "call"]
    inlines = [OrderLineInline, ConfirmationInline]


class SendingInline(admin.TabularInline):
    """The record of sendings is evidence: shown, never edited here."""

    model = ConfirmationSending
    extra = 0
    fields = SENDING_FIELDS
    readonly_fields = SENDING_FIELDS
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Confirmation)
class ConfirmationAdmin(admin.ModelAdmin):
    list_display = ["order", "version", "created_at", "created_by"]
    search_fields = ["order__number", "order__customer__name"]
    readonly_fields = ["order", "version", "fingerprint", "created_at", "created_by"]
    inlines = [SendingInline]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(CompanyProfile)
class CompanyProfileAdmin(admin.ModelAdmin):
    """One profile: the list goes straight to it."""

    fieldsets = [
        (None, {"fields": ["name", "street", "postal_code", "city", "country"]}),
        (_("Reach us"), {"fields": ["phone", "fax", "email", "website"]}),
        (
            _("Legally required"),
            {"fields": ["managing_directors", "register_court", "register_number", "vat_id", "vat_percent"]},
        ),
        (_("Bank"), {"fields": ["bank_name", "iban", "bic"]}),
        (_("Letter"), {"fields": ["accent_color", "note_de", "note_en"]}),
    ]

    def has_add_permission(self, request) -> bool:
        return not CompanyProfile.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request: HttpRequest, extra_context=None):
        profile = CompanyProfile.objects.first()
        if profile is None:
            return HttpResponseRedirect(reverse("admin:orders_companyprofile_add"))
        return HttpResponseRedirect(reverse("admin:orders_companyprofile_change", args=[profile.pk]))

    def save_model(self, request, obj, form, change) -> None:
        obj.pk = 1  # the one profile the letters read
        super().save_model(request, obj, form, change)
