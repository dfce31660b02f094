#!/usr/bin/env bash
# Runs every test: unit and HTTP integration tests (InboxApp.Tests) and browser tests (InboxApp.E2E),
# each against SQLite and against PostgreSQL. Installs Chromium and PostgreSQL from Debian when missing (as root).
# Options (environment): TEST_DATABASES="Sqlite Postgres" (default both), TEST_FILTER=<dotnet test filter>.
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== Installing ${missing[*]} from Debian packages"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "Missing ${missing[*]}: install them (sudo apt-get install ${missing[*]}) or run as root." >&2
    exit 1
  fi
fi

databases=${TEST_DATABASES:-Sqlite Postgres}
if [[ " $databases " == *" Postgres "* ]]; then
  echo "== Starting PostgreSQL"
  scripts/postgres.sh inbox_test inbox_test
  export INBOX_TEST_PG="Host=127.0.0.1;Port=5432;Username=inbox_test;Password=inbox_test;Database=postgres"
fi

echo "== Building"
dotnet tool restore >/dev/null
dotnet build InboxApp.sln -c Debug -nologo -clp:ErrorsOnly

results=()
failed=0
mkdir -p artifacts
for db in $databases; do
  for project in InboxApp.Tests InboxApp.E2E; do
    echo "== $project on $db"
    log="artifacts/$project-$db.log"
    set +e
    INBOX_TEST_DB=$db dotnet test "$project" --no-build -nologo \
      ${TEST_FILTER:+--filter "$TEST_FILTER"} --logger "console;verbosity=minimal" 2>&1 | tee "$log"
    code=${PIPESTATUS[0]}
    set -e
    summary=$(grep -E "^(Passed|Failed)!" "$log" | tail -1 | sed -E 's/ - [^ ]+\.dll.*//; s/  - / /')
    results+=("$project on $db: ${summary:-no summary (exit $code)}")
    [ "$code" = 0 ] || failed=1
  done
done

echo
echo "== Summary"
printf '  %s\n' "${results[@]}"
elapsed=$(( $(date +%s) - start ))
if [ $failed = 0 ]; then
  echo "ALL TESTS PASSED in ${elapsed}s"
else
  echo "TESTS FAILED in ${elapsed}s"
  exit 1
fi
