#!/usr/bin/env bash
# Set up everything the tests need and run the whole suite twice: on SQLite
# and on PostgreSQL. A PostgreSQL run that cannot happen fails; it is never skipped.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
davor_sync

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# The browser tests drive Debian's Chromium (Playwright cannot download a browser here).
if [ ! -x /usr/bin/chromium ]; then apt_install chromium; fi

# Order confirmations: WeasyPrint lays them out with Debian's Pango and fonts; the tests read the PDFs with poppler.
pdf_packages=()
command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || pdf_packages+=(poppler-utils)
"${UV[@]}" run python -c "import weasyprint" >/dev/null 2>&1 || pdf_packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list "Liberation Sans")" ]; } || pdf_packages+=(fontconfig fonts-liberation fonts-dejavu-core)
if [ ${#pdf_packages[@]} -gt 0 ]; then apt_install "${pdf_packages[@]}"; fi

PG_HOST=${PG_HOST:-127.0.0.1}
PG_PORT=${PG_PORT:-5432}
if ! pg_isready -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; then
  echo "Starting PostgreSQL …" >&2
  for version in $(ls /etc/postgresql 2>/dev/null); do
    as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  done
  for _ in $(seq 1 30); do pg_isready -q -h "$PG_HOST" -p "$PG_PORT" && break; sleep 1; done
fi
pg_isready -h "$PG_HOST" -p "$PG_PORT" || { echo "PostgreSQL is not reachable on $PG_HOST:$PG_PORT" >&2; exit 1; }

export DAVOR_DATA_DIR
DAVOR_DATA_DIR=$(mktemp -d)
trap 'rm -rf "$DAVOR_DATA_DIR"' EXIT

"${UV[@]}" run ruff check .
"${UV[@]}" run mypy davor
"${UV[@]}" run davor makemigrations --check --dry-run >/dev/null

echo "== SQLite =="
"${UV[@]}" run pytest "$@"
echo "== PostgreSQL =="
DATABASE_URL="postgres://${PG_USER:-postgres}@${PG_HOST}:${PG_PORT}/davor" "${UV[@]}" run pytest "$@"
