from pathlib import Path
from typing import IO, cast

from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from davor.customers.imports import ImportRejected, UnreadableFile, import_preview, import_run, read_file
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
        console.print(f"[bold]{file.name}[/]: {raw.kind}, {raw.encoding}, delimiter {raw.delimiter!r}")
        console.print(f"Columns: {mapping}")
        self._table(console, preview, show)
        console.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in preview.counts().items()))
        if preview.problems:
            raise CommandError(f"{len(preview.problems)} rows have problems; nothing was imported.")
        if not commit:
            console.print("Preview only: nothing written. Add --commit to import.")
            return
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task("Importing", total=len(preview.rows))
            try:
                result = import_run(
                    user=owner, preview=preview, filename=file.name,
                    progress=lambda done, total: progress.update(task, completed=done),
                )  # fmt: skip
            except ImportRejected as exc:
                raise CommandError(str(exc)) from exc
        console.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.as_dict().items()))

    def _table(self, console: Console, preview, show: int) -> None:
        table = Table("Row", "Company", "Person", "Merges into", "Problems")
        rows = preview.problems or preview.rows
        for row in rows[:show]:
            merge = " / ".join(f"{m.label} ({m.reason})" for m in (row.customer_match, row.contact_match) if m) or (
                f"same as row {row.same_as_row}" if row.same_as_row else ""
            )
            table.add_row(str(row.number), row.customer.get("name", ""), row.person, merge, "; ".join(row.errors))
        console.print(table)
        if len(rows) > show:
            console.print(f"… and {len(rows) - show} more")
