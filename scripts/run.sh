#!/usr/bin/env bash
# Install, migrate, load the demo data on first start, and serve Davor on SQLite.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
davor_sync --no-dev
# Order confirmations are laid out by WeasyPrint with Debian's Pango and fonts.
pdf_packages=()
"${UV[@]}" run --no-dev python -c "import weasyprint" >/dev/null 2>&1 || pdf_packages+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
{ command -v fc-list >/dev/null 2>&1 && [ -n "$(fc-list "Liberation Sans")" ]; } || pdf_packages+=(fontconfig fonts-liberation fonts-dejavu-core)
if [ ${#pdf_packages[@]} -gt 0 ]; then apt_install "${pdf_packages[@]}"; fi
"${UV[@]}" run --no-dev davor migrate --no-input
"${UV[@]}" run --no-dev davor demo --if-empty
echo "Sign in at http://${DAVOR_HOST:-127.0.0.1}:${DAVOR_PORT:-8000}/ as demo / demo (manager: leitung / demo, back office: admin / admin)."
exec "${UV[@]}" run --no-dev davor serve --no-migrate --host "${DAVOR_HOST:-127.0.0.1}" --port "${DAVOR_PORT:-8000}"
