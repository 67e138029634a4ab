#!/usr/bin/env bash
# Set everything up, load the seed articles into the embedded store and serve
# http://127.0.0.1:8000 (KG_STORE, KG_PORT and the other KG_* settings apply).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/kg ingest seeds/
exec .venv/bin/kg serve
