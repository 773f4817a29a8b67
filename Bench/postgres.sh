#!/usr/bin/env bash
# The console benchmark on SQLite and PostgreSQL side by side, in one run (BENCHMARKS.md).
#   swift build -c release --product roster && swift build -c release --product roster-bench
#   bash Bench/postgres.sh [SIZES]          (default 1000000)
# Starts a throwaway PostgreSQL cluster (default durability: fsync on, as SQLite runs with
# synchronous=FULL) on a Unix socket in a temporary directory, run by the `postgres` account
# when this runs as root, creates one database per size, and removes everything at exit.
set -euo pipefail
sizes="${1:-1000000}"
bin="${ROSTER_BIN_DIR:-$(pwd)/.build/release}"
pg="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
dir="$(mktemp -d /tmp/roster-pgbench-XXXXXX)"
as=()
if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; as=(runuser -u postgres --); fi
cleanup() { "${as[@]}" "$pg/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
"${as[@]}" "$pg/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
cat >> "$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = 5499
shared_buffers = 256MB
max_wal_size = 4GB
# Huge pages when the kernel has them reserved (sysctl vm.nr_hugepages), as docs/storage.md
# advises; otherwise 4 KB pages, which cost a new connection its first touches of each buffer.
huge_pages = try
CONF
"${as[@]}" "$pg/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start >/dev/null
for size in ${sizes//,/ }; do "$pg/createdb" -h "$dir" -p 5499 -U postgres "bench_$size"; done
export ROSTER_KEY_FILE="$dir/postgres.key"
"$bin/roster-bench" console "$sizes" --db "host=$dir port=5499 user=postgres dbname=bench_{size}"
