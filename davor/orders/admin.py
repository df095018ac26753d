from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from davor.orders.models import Order, OrderLine


class OrderLineInline(admin.TabularInline):
    model = OrderLine
    extra = 0


@admin.register(Order)
class OrderAdmin(SimpleHistoryAdmin):
    list_display = ["number", "customer", "ordered_on", "confirmation_channel", "confirmation_copies"]
    search_fields = ["number", "customer__name"]
    raw_id_fields = ["customer", "call"]
    inlines = [OrderLineInline]
