from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from davor.pipeline.models import BudgetCycle, Opportunity, Referral


@admin.register(Opportunity)
class OpportunityAdmin(SimpleHistoryAdmin):
    list_display = ["description", "customer", "horizon", "estimated_value", "status"]
    list_filter = ["status"]
    raw_id_fields = ["customer", "call"]


@admin.register(Referral)
class ReferralAdmin(SimpleHistoryAdmin):
    list_display = ["referring_customer", "prospect", "status", "thanked_at"]
    raw_id_fields = ["referring_customer", "referring_contact", "prospect", "prospect_contact", "call"]


@admin.register(BudgetCycle)
class BudgetCycleAdmin(SimpleHistoryAdmin):
    list_display = ["customer", "planning_month", "fiscal_year_start_month", "expected_amount"]
    raw_id_fields = ["customer", "call"]
