"""The shape of a wrap-up, independent of where it comes from.

The web form, the command line, the API and the free-text extractor all
produce a ``WrapupData``; ``services.wrapup_submit`` turns it into rows and
``completeness.gaps`` judges it. Keeping one shape means one set of rules.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

# Extended-program questions a seller can mark "asked — nothing to record".
EXTENDED_QUESTIONS = ("wishes", "budget", "referrals", "personal")


@dataclass
class LineData:
    description: str
    quantity: Decimal
    unit: str = ""
    unit_price: Decimal | None = None
    discount_percent: Decimal | None = None


@dataclass
class OrderData:
    lines: list[LineData] = field(default_factory=list)
    delivery_earliest: date | None = None
    delivery_latest: date | None = None
    delivery_note: str = ""
    payment_net_days: int | None = None
    skonto_percent: Decimal | None = None
    skonto_days: int | None = None
    prepayment: bool = False
    discount_percent: Decimal | None = None
    shipping: str = ""
    shipping_place: str = ""
    conditions: str = ""
    confirmation_channel: str = ""
    confirmation_copies: int = 1

    @property
    def has_delivery(self) -> bool:
        return bool(self.delivery_earliest or self.delivery_latest or self.delivery_note.strip())

    @property
    def has_payment_terms(self) -> bool:
        return self.prepayment or self.payment_net_days is not None or self.skonto_percent is not None

    @property
    def is_empty(self) -> bool:
        return self == OrderData()

    # The same display helpers as the Order model, so one template shows both.
    def get_shipping_display(self) -> str:
        from davor.orders.models import Shipping

        return str(Shipping(self.shipping).label) if self.shipping in Shipping.values else self.shipping

    def get_confirmation_channel_display(self) -> str:
        from davor.orders.models import ConfirmationChannel

        channel = self.confirmation_channel
        return str(ConfirmationChannel(channel).label) if channel in ConfirmationChannel.values else channel


@dataclass
class ParticipantData:
    name: str
    position: str = ""
    extension: str = ""
    contact_id: int | None = None


@dataclass
class AppointmentData:
    start: datetime | None
    duration_minutes: int | None = None
    location: str = ""
    title: str = ""
    participants: list[ParticipantData] = field(default_factory=list)
    id: int | None = None
    version: int | None = None  # as the screen read it: a later change elsewhere refuses the save


@dataclass
class NewContactData:
    """A person the note names with details who is not yet a contact: kept as one on saving."""

    name: str
    position: str = ""
    extension: str = ""
    phone: str = ""
    email: str = ""
    spoke_with: bool = True


@dataclass
class TaskData:
    kind: str
    title: str
    due: date | None = None
    channel: str = ""
    contact_id: int | None = None
    id: int | None = None


@dataclass
class WishData:
    description: str
    horizon: date | None = None
    estimated_value: Decimal | None = None
    id: int | None = None
    version: int | None = None


@dataclass
class BudgetData:
    planning_month: int | None
    fiscal_year_start_month: int | None = None
    expected_amount: Decimal | None = None
    currency: str = "EUR"
    note: str = ""

    def get_planning_month_display(self) -> str:
        from django.utils.dates import MONTHS

        return str(MONTHS.get(self.planning_month or 0, ""))


@dataclass
class ReferralData:
    company: str = ""
    name: str = ""
    position: str = ""
    phone: str = ""
    email: str = ""
    note: str = ""
    id: int | None = None


@dataclass
class CareData:
    channel: str
    due: date | None


@dataclass
class WrapupData:
    outcome_id: int
    started_at: datetime
    direction: str = "out"
    duration_minutes: int | None = None
    contact_ids: list[int] = field(default_factory=list)
    new_contacts: list[NewContactData] = field(default_factory=list)
    note: str = ""
    personal_note: str = ""
    order: OrderData | None = None
    appointments: list[AppointmentData] = field(default_factory=list)
    tasks: list[TaskData] = field(default_factory=list)
    wishes: list[WishData] = field(default_factory=list)
    budget: BudgetData | None = None
    referrals: list[ReferralData] = field(default_factory=list)
    care: CareData | None = None
    next_contact: date | None = None
    asked_nothing: set[str] = field(default_factory=set)
