from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import formats
from django.utils.translation import ngettext

from davor.customers.exports import FORMATS, customers_export
from davor.customers.management.commands._common import user_by_name
from davor.customers.models import Customer
from davor.customers.selectors import customer_list
from davor.users.models import User


class Command(BaseCommand):
    help = "Export customers and contacts as CSV (German or international), XLSX, JSON or vCard."

    def add_arguments(self, parser):
        parser.add_argument("--format", dest="fmt", choices=sorted(FORMATS), default="csv-de")
        parser.add_argument("-o", "--output", required=True, type=Path)
        parser.add_argument("--user", help="export what this user sees (default: everything)")

    def handle(self, *args, fmt: str, output: Path, user: str | None, **options):
        if user:
            seller = user_by_name(user)
            owner: User | None = seller
            customers = customer_list(user=seller)
        else:
            owner, customers = None, Customer.objects.all()
        exported = customers_export(user=owner, customers=customers.order_by("sort_name", "pk"), fmt=fmt, via="cli")
        output.write_bytes(exported.content)
        size = len(exported.content)
        self.stdout.write(
            ngettext("%(file)s (%(size)s byte)", "%(file)s (%(size)s bytes)", size)
            % {"file": output, "size": formats.number_format(size, force_grouping=True)}
        )
