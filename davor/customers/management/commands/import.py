from pathlib import Path
from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from davor.customers.imports import ImportRejected, UnreadableFile, import_preview, import_run, read_file
from davor.customers.imports.preview import Preview, Row
from davor.customers.imports.run import ImportResult
from davor.customers.management.commands._common import user_by_name


class Command(BaseCommand):
    help = "Import customers and contacts from a CSV or vCard file: shows the preview; writes with --commit."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--commit", action="store_true", help="write the rows (all or none); else preview only")
        parser.add_argument("--user", help="the seller who will own new customers (default: the first superuser)")
        parser.add_argument("--show", type=int, default=20, help="how many rows to show in the preview")

    def handle(self, *args, file: Path, commit: bool, user: str | None, show: int, **options):
        # The raw stream: Django's wrapper would end every chunk rich writes with a newline.
        console = Console(file=cast(IO[str], self.stdout._out), width=140)
        owner = user_by_name(user)
        try:
            raw = read_file(file.read_bytes(), file.name)
        except (OSError, UnreadableFile) as exc:
            raise CommandError(str(exc)) from exc
        preview = import_preview(user=owner, raw=raw)
        mapping = ", ".join(f"{h} → {k or '—'}" for h, k in zip(raw.headers, preview.mapping, strict=False))
        console.print(
            f"[bold]{escape(file.name)}[/]: "
            + escape(_("%(kind)s, %(encoding)s, delimiter %(delimiter)r") % raw_facts(raw))
        )
        console.print(escape(_("Columns: %(mapping)s") % {"mapping": mapping}))
        self._table(console, preview, show)
        console.print(escape(preview_counts(preview)))
        if preview.problems:
            count = len(preview.problems)
            raise CommandError(
                ngettext(
                    "%(count)d row has problems; nothing was imported.",
                    "%(count)d rows have problems; nothing was imported.",
                    count,
                )
                % {"count": count}
            )
        if not commit:
            console.print(_("Preview only: nothing written. Add --commit to import."))
            return
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(_("Importing"), total=len(preview.rows))
            try:
                result = import_run(
                    user=owner, preview=preview, filename=file.name,
                    progress=lambda done, total: progress.update(task, completed=done),
                )  # fmt: skip
            except ImportRejected as exc:
                raise CommandError(str(exc)) from exc
        console.print(escape(result_counts(result)))

    def _table(self, console: Console, preview: Preview, show: int) -> None:
        table = Table(_("Row"), _("Company"), _("Person"), _("Merges into"), _("Problems"))
        rows = preview.to_review()
        for row in rows[:show]:
            table.add_row(
                str(row.number), row.customer.get("name", ""), row.person, merges_into(row), "; ".join(row.errors)
            )
        console.print(table)
        if len(rows) > show:
            console.print(_("… and %(count)d more") % {"count": len(rows) - show})


def raw_facts(raw) -> dict:
    return {"kind": raw.kind, "encoding": raw.encoding, "delimiter": raw.delimiter}


def merges_into(row: Row) -> str:
    matches = [f"{m.label} ({m.reason})" for m in (row.customer_match, row.contact_match) if m]
    if matches:
        return " / ".join(matches)
    return _("same as row %(row)d") % {"row": row.same_as_row} if row.same_as_row else ""


def preview_counts(preview: Preview) -> str:
    counts = preview.counts()
    return ", ".join(
        [
            ngettext("%(count)d row", "%(count)d rows", counts["rows"]) % {"count": counts["rows"]},
            ngettext("%(count)d with problems", "%(count)d with problems", counts["problems"])
            % {"count": counts["problems"]},
            ngettext("%(count)d new customer", "%(count)d new customers", counts["new_customers"])
            % {"count": counts["new_customers"]},
            ngettext("%(count)d customer completed", "%(count)d customers completed", counts["merged_customers"])
            % {"count": counts["merged_customers"]},
            ngettext("%(count)d new contact", "%(count)d new contacts", counts["new_contacts"])
            % {"count": counts["new_contacts"]},
            ngettext("%(count)d contact completed", "%(count)d contacts completed", counts["merged_contacts"])
            % {"count": counts["merged_contacts"]},
        ]
    )


def result_counts(result: ImportResult) -> str:
    return ", ".join(
        [
            ngettext("%(count)d customer created", "%(count)d customers created", result.customers_created)
            % {"count": result.customers_created},
            ngettext("%(count)d customer completed", "%(count)d customers completed", result.customers_updated)
            % {"count": result.customers_updated},
            ngettext("%(count)d contact created", "%(count)d contacts created", result.contacts_created)
            % {"count": result.contacts_created},
            ngettext("%(count)d contact completed", "%(count)d contacts completed", result.contacts_updated)
            % {"count": result.contacts_updated},
        ]
    )
