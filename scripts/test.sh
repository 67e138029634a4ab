#!/usr/bin/env bash
# Set everything up (test dependencies and Debian packages included) and run the whole test
# suite. pytest's own exit code is passed on: 5 (no test ran) fails like any other.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --test
exec .venv/bin/python -m pytest -p no:cacheprovider -n 2 "$@"
