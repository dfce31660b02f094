#!/usr/bin/env bash
# Starts the local PostgreSQL (Debian package) idempotently and makes sure a role and database exist.
# Usage: scripts/postgres.sh [role] [password] [database] [--createdb]
#   scripts/postgres.sh                          -> role inbox_test (CREATEDB), for the test suite
#   scripts/postgres.sh inbox secret inbox       -> role inbox owning database inbox, for running the app
set -euo pipefail
role=${1:-inbox_test}; password=${2:-inbox_test}; database=${3:-}; createdb=${4:-}
[ -z "$database" ] && createdb=--createdb

version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$version" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start
fi
for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 && break; sleep 0.5; done
pg_isready -q -h 127.0.0.1 || { echo "PostgreSQL did not become ready" >&2; exit 1; }

psql_su() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtA "$@"; }
if [ "$(psql_su -c "SELECT 1 FROM pg_roles WHERE rolname='$role'")" != "1" ]; then
  psql_su -c "CREATE ROLE \"$role\" LOGIN PASSWORD '$password' ${createdb:+CREATEDB}"
fi
if [ -n "$database" ] && [ "$(psql_su -c "SELECT 1 FROM pg_database WHERE datname='$database'")" != "1" ]; then
  psql_su -c "CREATE DATABASE \"$database\" OWNER \"$role\""
fi
echo "PostgreSQL $version ready on 127.0.0.1:5432 (role $role${database:+, database $database})"
