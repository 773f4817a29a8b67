#!/usr/bin/env bash
# CPU the open consoles spend after one rename: four consoles (tmux, the demo administrator)
# on a copy of DATABASE, one user renamed behind them, then the same three-letter filter typed
# in each; every console finds its name order stale (BENCHMARKS.md, fourth pass).
#
#   bash Bench/rename-rebuild.sh ROSTER_BINARY [DATABASE]
#
# DATABASE defaults to /tmp/roster-bench/demo-1000000.sqlite and is never changed. Needs tmux
# and the sqlite3 shell (apt-get install sqlite3).
set -euo pipefail
roster=$1
source=${2:-/tmp/roster-bench/demo-1000000.sqlite}
work=$(mktemp -d)
sessions=()
cleanup() { for s in "${sessions[@]}"; do tmux kill-session -t "$s" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
cp "$source" "$work/db.sqlite"; cp "$source.key" "$work/db.sqlite.key"
for i in 1 2 3 4; do
  s=rename-rebuild-$$-$i; sessions+=("$s")
  tmux new -d -s "$s" -x 120 -y 40 "env HOME=$work XDG_CONFIG_HOME=$work/cfg TERM=tmux-256color $roster demo --db $work/db.sqlite"
done
sleep 8  # opened, and the name order read or mapped
pids=$(pgrep -f "$roster demo --db $work/db.sqlite" | tr '\n' ' ')
ticks() { local t=0; for p in $pids; do read -r u s < <(cut -d' ' -f14,15 "/proc/$p/stat"); t=$((t + u + s)); done; echo "$t"; }
sqlite3 "$work/db.sqlite" "UPDATE user SET firstName = 'Zedediah' WHERE id = 5"
before=$(ticks)
for s in "${sessions[@]}"; do tmux send-keys -t "$s" / t a n; done
sleep 4
after=$(ticks)
echo "CPU of 4 consoles after one rename and a filter: $(( (after - before) * 1000 / $(getconf CLK_TCK) )) ms"
