from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from davor.customers.models import Contact, Customer


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["salutation", "first_name", "last_name", "position", "phone", "extension", "email"]


@admin.register(Customer)
class CustomerAdmin(SimpleHistoryAdmin):
    list_display = ["number", "name", "city", "status", "owner"]
    list_filter = ["status", "owner"]
    search_fields = ["number", "name", "city"]
    inlines = [ContactInline]


@admin.register(Contact)
class ContactAdmin(SimpleHistoryAdmin):
    list_display = ["last_name", "first_name", "customer", "position", "phone", "extension"]
    search_fields = ["last_name", "first_name", "customer__name", "email"]
    raw_id_fields = ["customer"]
