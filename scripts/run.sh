#!/usr/bin/env bash
# Install, migrate, load the demo data on first start, and serve Davor on SQLite.
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
davor_sync --no-dev
"${UV[@]}" run --no-dev davor migrate --no-input
"${UV[@]}" run --no-dev davor demo --if-empty
echo "Sign in at http://${DAVOR_HOST:-127.0.0.1}:${DAVOR_PORT:-8000}/ as demo / demo (manager: leitung / demo, back office: admin / admin)."
exec "${UV[@]}" run --no-dev davor serve --no-migrate --host "${DAVOR_HOST:-127.0.0.1}" --port "${DAVOR_PORT:-8000}"
