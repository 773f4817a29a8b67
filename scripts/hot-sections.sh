#!/usr/bin/env bash
# Adds to scripts/hot-sections.txt, the functions scripts/server-build.sh lays out together:
# every function a console over SSH runs (opening, filtering, paging, the drawer) and every
# one `roster ssh authorized-keys` runs, as valgrind's callgrind records them.
#
#   bash scripts/hot-sections.sh [USERS [SWIFT-BUILD-OPTIONS…]]   # USERS in the demo database, a million by default
#
# Needs valgrind and tmux. Takes a few minutes (valgrind runs the console about 50 times slower).
set -euo pipefail
cd "$(dirname "$0")/.."
users=${1:-1000000}
shift || true
command -v valgrind >/dev/null || { echo "Install valgrind: apt-get install valgrind" >&2; exit 1; }
command -v tmux >/dev/null || { echo "Install tmux: apt-get install tmux" >&2; exit 1; }
bash scripts/server-build.sh "$@" >&2
bin=$(swift build -c release --static-swift-stdlib --show-bin-path "$@")
work=$(mktemp -d)
trap 'tmux -L rosterhot kill-server 2>/dev/null || true; rm -rf "$work"' EXIT
# valgrind 3.19 can't read the DWARF 5 the toolchain writes; the symbol table is enough.
strip --strip-debug -o "$work/roster" "$bin/roster"
roster=$work/roster
export HOME=$work XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/share
db=$work/demo.sqlite
"$roster" demo --db "$db" --users "$users" --no-console >&2
admin=admin@demo.example
first=$("$roster" --db "$db" recover "$admin" | awk '/^New password/ {print $NF}')
printf '%s\n' "$first" | "$roster" --db "$db" login --email "$admin" --password-stdin >/dev/null 2>&1 || true
printf '%s\n%s\n' "$first" "hot sections profile 2026" | "$roster" --db "$db" passwd --password-stdin >/dev/null
ssh-keygen -q -t ed25519 -N '' -C hot -f "$work/key"
"$roster" --db "$db" users ssh-keys add "$admin" "$work/key.pub" >/dev/null
read -r type blob _ < "$work/key.pub"
grind() { valgrind --tool=callgrind --demangle=no --callgrind-out-file="$1" "${@:2}"; }

grind "$work/keys.out" "$roster" --db "$db" ssh authorized-keys "$(id -un)" "$type" "$blob" >/dev/null 2>"$work/valgrind.log"
tmux -L rosterhot new-session -d -s h -x 120 -y 40 \
    "TERM=xterm-256color LANG=C.UTF-8 SSH_CONNECTION='127.0.0.1 50000 127.0.0.1 22' valgrind --tool=callgrind --demangle=no --callgrind-out-file=$work/console.out $roster --db $db ssh session --key 1 2>>$work/valgrind.log"
for _ in $(seq 120); do tmux -L rosterhot capture-pane -p -t h | grep -q ' of ' && break; sleep 1; done
# What the SSH benchmark's consoles do (Bench/ssh_load.py), slowly enough for valgrind.
for word in tanaka silva souza mei ana li garcia nguyen kim berg; do
  tmux -L rosterhot send-keys -t h /
  for ((i = 0; i < ${#word}; i++)); do tmux -L rosterhot send-keys -t h -l "${word:$i:1}"; sleep 0.6; done
  sleep 1.5
  tmux -L rosterhot send-keys -t h Escape; sleep 0.8
  tmux -L rosterhot send-keys -t h C-f; sleep 0.5; tmux -L rosterhot send-keys -t h C-f; sleep 0.5
  tmux -L rosterhot send-keys -t h j; sleep 0.3; tmux -L rosterhot send-keys -t h Enter; sleep 1; tmux -L rosterhot send-keys -t h Escape; sleep 0.5
done
tmux -L rosterhot send-keys -t h q
for _ in $(seq 60); do [ -s "$work/console.out" ] && ! tmux -L rosterhot has-session -t h 2>/dev/null && break; sleep 1; done
[ -s "$work/console.out" ] || { echo "The console's profile is missing; see $work/valgrind.log" >&2; cat "$work/valgrind.log" >&2; exit 1; }

# The sections to put first: each function run, by the section name its object gives it.
# Added to the list already there, not in place of it: what runs under valgrind, fifty times
# slower, depends on timing (a count that lands before the next key or after), so one profile
# misses some of what another catches, and each such function left out costs pages.
python3 - "$work/keys.out" "$work/console.out" "$bin/roster.product/Objects.LinkFileList" scripts/hot-sections.txt > "$work/hot.txt" <<'PY'
import re, subprocess, sys, glob, os
listed = set(line.strip() for line in open(sys.argv[4]) if line.strip()) if os.path.exists(sys.argv[4]) else set()
ran = set()
for profile in sys.argv[1:3]:
    for line in open(profile, errors="replace"):
        m = re.match(r"^c?fn=\(\d+\) (.+)$", line.rstrip("\n"))
        if m:
            ran.add(m.group(1))
inputs = [line.strip() for line in open(sys.argv[3]) if line.strip()]
libs = glob.glob(os.path.join(os.path.dirname(os.path.dirname(subprocess.run(["which", "swiftc"], capture_output=True, text=True).stdout.strip())), "lib/swift_static/linux/*.a"))
sections = []
seen = set()
for path in inputs + sorted(libs):
    out = subprocess.run(["readelf", "-SW", path], capture_output=True, text=True).stdout
    for name in re.findall(r"\] (\.text\.\S+)", out):
        function = name[len(".text.unlikely."):] if name.startswith(".text.unlikely.") else name[len(".text."):]
        if (function in ran or name in listed) and name not in seen:
            seen.add(name)
            sections.append(name)
print("\n".join(sorted(sections)))
PY
mv "$work/hot.txt" scripts/hot-sections.txt
echo "scripts/hot-sections.txt: $(wc -l < scripts/hot-sections.txt) sections" >&2
