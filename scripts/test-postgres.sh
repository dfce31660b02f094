#!/usr/bin/env bash
# A throw-away PostgreSQL server for the test suite: its own data folder and port, never the machine's cluster, so it
# can run without durability (fsync, synchronous_commit and full_page_writes off: a crash loses it, and it holds nothing
# worth keeping). Run as root (the server runs as the postgres user) or as any user that can run the server itself.
#   scripts/test-postgres.sh start DIR   -> prints the INBOX_TEST_PG connection string (role inbox_test, CREATEDB)
#   scripts/test-postgres.sh stop DIR    -> stops it and removes DIR
# The port is the first free one from 55432 on (several runs can have a server each).
set -euo pipefail
command=${1:?start or stop}; dir=${2:?data folder}

version=$(ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1)
[ -n "$version" ] || { echo "PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; }
bin=/usr/lib/postgresql/$version/bin

as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case $command in
start)
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  port=55432
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
  # Durability off (a test server only), enough connections for the test hosts of two suites at once, shared buffers
  # big enough for the copies of the template.
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o "-p $port -k $dir -c listen_addresses=127.0.0.1 \
    -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 \
    -c max_connections=300 -c shared_buffers=256MB -c checkpoint_timeout=1h -c max_wal_size=4GB \
    -c autovacuum=off -c log_min_messages=warning" >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -qtA \
    -c "CREATE ROLE inbox_test LOGIN PASSWORD 'inbox_test' CREATEDB" >/dev/null
  echo "$port" >"$dir/port"
  echo "Host=127.0.0.1;Port=$port;Username=inbox_test;Password=inbox_test;Database=postgres"
  ;;
stop)
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2; exit 2
  ;;
esac
