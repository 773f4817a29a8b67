#!/usr/bin/env bash
# Import and export at scale, release build: wall time and peak RSS (GNU time).
#
#   swift build -c release --product roster
#   bash Bench/transfer.sh [DATABASE] [IMPORT_USERS]
#   ROSTER_IMPORT_DB='host=/tmp/pg port=5432 user=postgres dbname=bench_import' bash Bench/transfer.sh   (import into PostgreSQL)
#
# 1. Imports IMPORT_USERS (default 100,000) users from a generated CSV into a fresh database,
#    half of them into one org; new users get set-password links through the outbox.
# 2. Exports every user of DATABASE (default /tmp/roster-bench/demo-1000000.sqlite, made by
#    `roster demo --db FILE --users 1000000 --no-console`) to CSV, on a copy signed in as its
#    demo administrator (`roster recover`). DATABASE itself is never changed.
# Prints one line per step (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:-/tmp/roster-bench/demo-1000000.sqlite}
count=${2:-100000}
roster=${ROSTER_BIN:-$PWD/.build/release/roster}
[ -x "$roster" ] || { echo "Build first: swift build -c release --product roster" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "Install GNU time: apt-get install time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share
measure() { /usr/bin/time -f "%e s, peak RSS %M KB${ROSTER_BENCH_CPU:+, %U s user, %S s system}" "$@"; }

# --- import ---
# ROSTER_IMPORT_DB: import into this database instead of a new file, such as an empty
# PostgreSQL database (`createdb bench_import`, then ROSTER_IMPORT_DB='host=… dbname=bench_import').
export ROSTER_DB=${ROSTER_IMPORT_DB:-$work/import.sqlite}
first=$("$roster" init --email admin@example.com --first Ada --last Admin | awk '/^Password:/ {print $2}')
printf '%s\n' "$first" | "$roster" login --email admin@example.com --password-stdin >/dev/null 2>&1 || true
printf '%s\n%s\n' "$first" "transfer benchmark 2026" | "$roster" passwd --password-stdin >/dev/null
"$roster" orgs create Acme >/dev/null
python3 - "$count" > "$work/users.csv" <<'PY'
import sys
print("email,first_name,last_name,kind,role,org,org_role")
for i in range(int(sys.argv[1])):
    print(f"user{i}@import.example,First{i},Last{i},standard,standard,{'Acme' if i % 2 else ''},{'member' if i % 2 else ''}")
PY
# ROSTER_IMPORT_ARGS: more arguments for both imports (--no-invite: no set-password links).
read -r -a more <<< "${ROSTER_IMPORT_ARGS:-}"
echo "import of $count users ($(du -h "$work/users.csv" | cut -f1) CSV) ${ROSTER_IMPORT_ARGS:-}: $(measure "$roster" users import ${more[@]+"${more[@]}"} "$work/users.csv" 2>&1 >/dev/null | tail -1)"
echo "re-import of the same file (nothing changes): $(measure "$roster" users import ${more[@]+"${more[@]}"} "$work/users.csv" 2>&1 >/dev/null | tail -1)"

# --- export ---
# ROSTER_EXPORT_DB: export from this demo database instead (a PostgreSQL one, say); its demo
# administrator's password is reset with `roster recover`, so point it at a throwaway copy.
if [ -n "${ROSTER_EXPORT_DB:-}" ]; then
  export ROSTER_DB=$ROSTER_EXPORT_DB
  first=$("$roster" recover admin@demo.example | awk '/^New password/ {print $NF}')
  printf '%s\n' "$first" | "$roster" login --email admin@demo.example --password-stdin >/dev/null 2>&1 || true
  printf '%s\n%s\n' "$first" "transfer benchmark 2026" | "$roster" passwd --password-stdin >/dev/null
  echo "export to CSV: $(measure "$roster" users export --output "$work/all.csv" 2>&1 >/dev/null | tail -1), $(wc -l < "$work/all.csv") lines"
  exit 0
fi
if [ ! -f "$source" ]; then echo "No $source; skipping the export. Make one: $roster demo --db $source --users 1000000 --no-console" >&2; exit 0; fi
python3 - "$source" "$work/big.sqlite" <<'PY'
import sqlite3, sys
src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
PY
chmod 600 "$work/big.sqlite"; cp "$source.key" "$work/big.sqlite.key"; chmod 600 "$work/big.sqlite.key"
export ROSTER_DB=$work/big.sqlite
first=$("$roster" recover admin@demo.example | awk '/^New password/ {print $NF}')
printf '%s\n' "$first" | "$roster" login --email admin@demo.example --password-stdin >/dev/null 2>&1 || true
printf '%s\n%s\n' "$first" "transfer benchmark 2026" | "$roster" passwd --password-stdin >/dev/null
users=$("$roster" users list --limit 1 2>&1 >/dev/null | sed -n 's/.* of \([0-9]*\) shown.*/\1/p')
echo "export of $users users to CSV: $(measure "$roster" users export --output "$work/all.csv" 2>&1 >/dev/null | tail -1), $(wc -l < "$work/all.csv") lines"
echo "export of $users users to JSON Lines: $(measure "$roster" users export --format jsonl --output "$work/all.jsonl" 2>&1 >/dev/null | tail -1)"
