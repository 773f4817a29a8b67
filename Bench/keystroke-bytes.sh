#!/usr/bin/env bash
# Bytes the real ncurses console writes to the terminal per keystroke, under tmux at
# 120x40 (issue target: under 6 KB). Needs tmux; uses a release build and a demo database.
#
#   swift build -c release --product roster
#   bash Bench/keystroke-bytes.sh [DATABASE]
#
# tmux copies everything the console writes into a file (pipe-pane); each key's bytes are
# the file's growth until the screen settles. Prints one line per kind of key, then totals.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-/tmp/roster-bench/demo-10000.sqlite}
roster=${ROSTER_BIN:-$PWD/.build/release/roster}
[ -x "$roster" ] || { echo "Build first: swift build -c release --product roster" >&2; exit 1; }
[ -f "$db" ] || { echo "No $db. Make one: $roster demo --db $db --users 10000 --no-console" >&2; exit 1; }
work=$(mktemp -d)
trap 'tmux -L rosterbytes kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
cp "$db" "$work/demo.sqlite"; cp "$db.key" "$work/demo.sqlite.key"; chmod 600 "$work"/demo.sqlite*
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share
tmux -L rosterbytes new-session -d -s b -x 120 -y 40 "TERM=xterm-256color LANG=C.UTF-8 $roster demo --db $work/demo.sqlite"
sleep 3
tmux -L rosterbytes pipe-pane -o -t b "cat >> $work/out.bin"
sleep 0.5
measure() {  # label, keys...
  local label=$1; shift
  local before after
  before=$(stat -c %s "$work/out.bin" 2>/dev/null || echo 0)
  tmux -L rosterbytes send-keys -t b "$@"
  sleep 0.6
  after=$(stat -c %s "$work/out.bin")
  echo "$label $((after - before))"
}
{
  for i in 1 2 3 4 5; do measure "j (down)" j; done
  for i in 1 2 3; do measure "PgDn" NPage; done
  measure "/ (filter)" /
  for c in a n a; do measure "filter key" "$c"; done
  measure "Esc (clear)" Escape
  measure "Enter (drawer)" Enter
  for i in 1 2 3; do measure "Tab (next tab)" Tab; done
  measure "Esc (close)" Escape
} | awk '{ n=$NF; $NF=""; sub(/ $/, ""); print; sum[$0]+=n; cnt[$0]++; if (n>max) max=n } END {
  print ""; for (k in sum) printf "%-16s mean %6.0f bytes (%d keys)\n", k, sum[k]/cnt[k], cnt[k]; printf "largest single keystroke: %d bytes\n", max }' | sed -n '/^$/,$p'
