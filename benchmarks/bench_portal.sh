#!/usr/bin/env bash
# Run benchmarks/bench_portal.py on the test database ($TEST_DB, with the suite's addons
# installed, e.g. after scripts/test) with the project's virtualenv and configuration.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$REPO_DIR"
exec "$VENV/bin/python" benchmarks/bench_portal.py --config "$ODOO_CONF" --database "$TEST_DB" "$@"
