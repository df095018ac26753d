"""``davor search "query" [--user NAME]``: the search page's results as a table."""

from typing import IO, cast

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from rich.console import Console
from rich.table import Table

from davor.agenda.management.commands.today import user_named
from davor.search.selectors import search


class Command(BaseCommand):
    help = "Search customers, contacts, calls, orders, purchase wishes and referrals as a user sees them."

    def add_arguments(self, parser):
        parser.add_argument("query", help="What to look for: a name, words of a note, a phone number, an e-mail…")
        parser.add_argument("--user", help="As whom (user name); needed when there is more than one user.")
        parser.add_argument("--limit", type=int, default=8, help="Results per group (default 8).")
        parser.add_argument("--prefix", action="store_true", help="Let the last word match as a prefix.")

    def handle(self, *args, query: str, user: str | None, limit: int, prefix: bool, **options):
        seller = user_named(user)
        console = Console(file=cast("IO[str]", self.stdout), width=140, highlight=False)
        # In the terminal's language (``davor --lang``), whatever the user's web language.
        results = search(user=seller, query=query, prefix=prefix, limit=limit)
        if not results.groups:
            console.print(_("Nothing found."))
            return
        table = Table(show_header=True, header_style="bold")
        for heading in (_("Kind"), _("Found"), _("Details")):
            table.add_column(heading)
        table.add_column(_("Address"), overflow="fold")
        for group in results.groups:
            for hit in group.hits:
                table.add_row(group.label, hit.title, hit.detail, hit.url)
        console.print(table)
