#!/usr/bin/env bash
# Runs every test: unit and HTTP integration tests (InboxApp.Tests) and browser tests (InboxApp.E2E), each against SQLite
# and against PostgreSQL. Installs Chromium's headless shell and PostgreSQL from Debian when missing (as root).
# The projects run one after the other, each on SQLite then PostgreSQL. TEST_SIDE_BY_SIDE lists the projects whose SQLite
# and PostgreSQL runs go at the same time instead (they do not share a database or a port; worth it where a run leaves
# the cores idle part of the time, see docs/performance.md, "the test suite"). TEST_PARALLEL=1 runs the two projects at
# the same time: on two cores the browser tests then time out often enough to fail a run. Each run's output is in
# artifacts/<project>-<database>.log (and .trx); the failures of a failed run are printed at the end. TEST_VMSTAT=1 writes
# `vmstat 5` of the whole run to artifacts/vmstat.log (the idle column says whether the cores had work to spare).
# PostgreSQL: a throw-away server of this run (scripts/test-postgres.sh: own data folder and port, durability off), whose
# connection string the tests get as INBOX_TEST_PG; TEST_PG=<connection string> uses that server instead (a role with
# CREATEDB). An INBOX_TEST_PG already in the environment (focused runs) is not used: the suite gets the fast server.
# Options (environment): TEST_DATABASES="Sqlite Postgres" (default both), TEST_FILTER=<dotnet test filter>,
# TEST_PROJECTS="InboxApp.Tests InboxApp.E2E" (default both), TEST_SIDE_BY_SIDE="InboxApp.Tests" (default: none),
# TEST_PARALLEL=1 (the two projects side by side), TEST_ORDER (an explicit order, below), TEST_VMSTAT=1.
set -euo pipefail
cd "$(dirname "$0")"
start=$(date +%s)

missing=()
# The browser tests' Chromium: Debian's headless shell unless CHROMIUM_PATH names another (InboxApp.E2E's Chromium.cs).
if [ -n "${CHROMIUM_PATH:-}" ]; then [ -x "$CHROMIUM_PATH" ] || missing+=(chromium)
else [ -x /usr/lib/chromium/chromium-headless-shell ] || missing+=(chromium-headless-shell); fi
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
projects=${TEST_PROJECTS:-InboxApp.Tests InboxApp.E2E}
mkdir -p artifacts
pg_dir=""
pg_started=""
vmstat_pid=""
cleanup() {
  if [ -n "$vmstat_pid" ]; then kill "$vmstat_pid" 2>/dev/null || true; fi
  if [ -n "$pg_dir" ]; then scripts/test-postgres.sh stop "$pg_dir" || true; fi
}
trap cleanup EXIT
if [[ " $databases " == *" Postgres "* ]]; then
  if [ -n "${TEST_PG:-}" ]; then
    echo "== PostgreSQL: the server of TEST_PG"
    INBOX_TEST_PG=$TEST_PG
  else
    # Started beside the build (a few seconds of its own); waited for before the tests.
    pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/inbox-test-pg.XXXXXX")
    scripts/test-postgres.sh start "$pg_dir" >"$pg_dir.start" 2>&1 &
    pg_started=$!
  fi
fi

echo "== Building"
dotnet tool restore >/dev/null
# The compiler server (VBCSCompiler) compiles the projects one after another in one warm process instead of a new `csc`
# per project: about a fifth less CPU for a build from scratch (docs/performance.md, "the test suite", session 15).
# Some environments turn it off (UseSharedCompilation=false); the server is shut down right after the build.
built=0
dotnet build InboxApp.sln -c Debug -nologo -clp:ErrorsOnly -p:UseSharedCompilation=true && built=1
dotnet build-server shutdown >/dev/null 2>&1 || true
[ "$built" = 1 ] || { echo "The build failed." >&2; exit 1; }

if [ -n "$pg_started" ]; then
  if ! wait "$pg_started"; then
    echo "The test PostgreSQL server did not start:" >&2; cat "$pg_dir.start" >&2; rm -f "$pg_dir.start"; exit 1
  fi
  INBOX_TEST_PG=$(tail -1 "$pg_dir.start"); rm -f "$pg_dir.start"
  echo "== PostgreSQL: a server for this run on port $(cat "$pg_dir/port") (scripts/test-postgres.sh)"
fi
export INBOX_TEST_PG=${INBOX_TEST_PG:-}

# One run of a project on a database: its log, its .trx and a result line (artifacts/<project>-<database>.result).
run() {
  local project=$1 db=$2 log code summary
  log="artifacts/$project-$db.log"
  echo "== $project on $db: started (output in $log)"
  set +e
  INBOX_TEST_DB=$db dotnet test "$project" --no-build --no-restore -nologo \
    ${TEST_FILTER:+--filter "$TEST_FILTER"} --logger "console;verbosity=minimal" \
    --logger "trx;LogFileName=$PWD/artifacts/$project-$db.trx" >"$log" 2>&1
  code=$?
  set -e
  summary=$( (grep -E "^(Passed|Failed)!" "$log" || true) | tail -1 | sed -E 's/ - [^ ]+\.dll.*//; s/  - / /')
  echo "$project on $db: ${summary:-no summary (exit $code)}" >"artifacts/$project-$db.result"
  echo "== $project on $db: ${summary:-no summary (exit $code)}"
  [ "$code" = 0 ] || echo failed >>"artifacts/$project-$db.result"
}

# One lane per project; in a lane the databases run one after the other, or side by side for the projects in
# TEST_SIDE_BY_SIDE.
lane() {
  local project=$1 db runs=()
  for db in $databases; do
    if [[ " ${TEST_SIDE_BY_SIDE:-} " == *" $project "* ]]; then
      run "$project" "$db" &
      runs+=($!)
    else
      run "$project" "$db"
    fi
  done
  for pid in "${runs[@]}"; do wait "$pid" || true; done
}

if [ -n "${TEST_VMSTAT:-}" ] && command -v vmstat >/dev/null; then
  vmstat -n 5 >artifacts/vmstat.log &
  vmstat_pid=$!
fi

# TEST_ORDER: an explicit order of the runs (instead of TEST_PARALLEL and TEST_SIDE_BY_SIDE). Steps, separated by spaces,
# run one after the other; a step's lanes, joined by '+', run at the same time; a lane's runs, joined by ',', one after
# the other. A run is <project>:<database>; runs of projects or databases not selected are left out. Example: InboxApp.E2E
# starts beside InboxApp.Tests' PostgreSQL run (which waits on its server part of the time):
#   TEST_ORDER="InboxApp.Tests:Sqlite InboxApp.Tests:Postgres+InboxApp.E2E:Sqlite,InboxApp.E2E:Postgres"
ordered() {
  local step lane_runs item project db pids=()
  for step in $TEST_ORDER; do
    pids=()
    IFS='+' read -ra lane_runs <<<"$step"
    for item in "${lane_runs[@]}"; do
      (
        IFS=',' read -ra items <<<"$item"
        for item in "${items[@]}"; do
          project=${item%%:*}; db=${item#*:}
          if [[ " $projects " == *" $project "* && " $databases " == *" $db "* ]]; then run "$project" "$db"; fi
        done
      ) &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid" || true; done
  done
}

rm -f artifacts/*.result
lanes=()
if [ -n "${TEST_ORDER:-}" ]; then
  ordered
else
  for project in $projects; do
    if [ -z "${TEST_PARALLEL:-}" ]; then
      lane "$project"
    else
      lane "$project" &
      lanes+=($!)
    fi
  done
fi
for pid in "${lanes[@]}"; do wait "$pid" || true; done
if [ -n "$vmstat_pid" ]; then kill "$vmstat_pid" 2>/dev/null || true; fi

results=()
failed=0
passed_count=0; failed_count=0; skipped_count=0
for project in $projects; do
  for db in $databases; do
    result="artifacts/$project-$db.result"
    if [ ! -f "$result" ]; then results+=("$project on $db: did not run"); failed=1; continue; fi
    results+=("$(head -1 "$result")")
    if grep -q '^failed$' "$result"; then
      failed=1
      echo
      echo "== $project on $db failed: artifacts/$project-$db.log"
      cat "artifacts/$project-$db.log"
    fi
    line=$(head -1 "$result")
    p=$(sed -nE 's/.*Passed: *([0-9]+).*/\1/p' <<<"$line"); f=$(sed -nE 's/.*Failed: *([0-9]+).*/\1/p' <<<"$line")
    s=$(sed -nE 's/.*Skipped: *([0-9]+).*/\1/p' <<<"$line")
    passed_count=$((passed_count + ${p:-0})); failed_count=$((failed_count + ${f:-0})); skipped_count=$((skipped_count + ${s:-0}))
  done
done

echo
echo "== Summary"
printf '  %s\n' "${results[@]}"
echo "Tests: $passed_count passed, $failed_count failed, $skipped_count skipped"
elapsed=$(( $(date +%s) - start ))
if [ $failed = 0 ]; then
  echo "ALL TESTS PASSED in ${elapsed}s"
else
  echo "TESTS FAILED in ${elapsed}s"
  exit 1
fi
