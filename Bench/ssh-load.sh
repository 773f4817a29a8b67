#!/usr/bin/env bash
# Consoles over real SSH on one large database: keystroke-to-frame latency per console,
# RSS per console process, and `roster ssh authorized-keys` timed while they run.
#
#   bash scripts/server-build.sh     (what docs/ssh.md installs; or swift build -c release)
#   bash Bench/ssh-load.sh [DATABASE] [CONSOLES] [SECONDS]
#
# DATABASE defaults to /tmp/roster-bench/demo-1000000.sqlite (made by
# `.build/release/roster-bench console`, or `.build/release/roster demo --db FILE --users 1000000`).
# It is copied first and never changed. Needs sshd (openssh-server) and python3; run as root or
# as the account sshd will log in as. Results: one JSON object on stdout (see BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:-/tmp/roster-bench/demo-1000000.sqlite}
consoles=${2:-20}
seconds=${3:-60}
roster=${ROSTER_BIN:-$PWD/.build/release/roster}
[ -x "$roster" ] || { echo "Build first: swift build -c release" >&2; exit 1; }
[ -f "$source" ] || { echo "No $source. Make one: $roster demo --db $source --users 1000000" >&2; exit 1; }
[ -x /usr/sbin/sshd ] || { echo "Install OpenSSH's server: apt-get install openssh-server" >&2; exit 1; }

# sshd runs AuthorizedKeysCommand only from a path nobody else can write, up to /.
base=$([ "$(id -u)" -eq 0 ] && echo /run || echo "$HOME")
work=$(mktemp -d "$base/roster-ssh-load-XXXXXX")
sshd_pid=""
cleanup() { [ -n "$sshd_pid" ] && kill "$sshd_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd

echo "copying $source" >&2
db=$work/roster.sqlite
python3 - "$source" "$db" <<'PY'
import sqlite3, sys
src = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
dst = sqlite3.connect(sys.argv[2])
src.backup(dst)
PY
chmod 600 "$db"
cp "$source.key" "$db.key"
chmod 600 "$db.key"
export XDG_CONFIG_HOME=$work/config HOME=$work
admin=admin@demo.example
first=$("$roster" --db "$db" recover "$admin" | awk '/^New password/ {print $NF}')
printf '%s\n' "$first" | "$roster" --db "$db" login --email "$admin" --password-stdin >/dev/null 2>&1 || true
printf '%s\n%s\n' "$first" "ssh load benchmark 2026" | "$roster" --db "$db" passwd --password-stdin >/dev/null
keys=()
for i in $(seq 1 "$consoles"); do
  ssh-keygen -q -t ed25519 -N '' -C "console-$i" -f "$work/key$i"
  "$roster" --db "$db" users ssh-keys add "$admin" "$work/key$i.pub" >/dev/null
  keys+=("$work/key$i")
done

# The forced command goes through a stamp that notes when sshd started it (bash's clock, no
# process of its own), so the first-rows phase can time sshd-start-to-rows.
printf '#!/bin/bash\necho "$EPOCHREALTIME" >> %s/starts\nexec "$@"\n' "$work" > "$work/stamp"
printf '#!/bin/sh\n%s "$@" | sed "s|command=\\"|command=\\"%s/stamp |"\n' "$roster" "$work" > "$work/authorized-keys"
chmod 755 "$work/authorized-keys" "$work/stamp" "$work"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
user=$(id -un)
ssh-keygen -q -t ed25519 -N '' -f "$work/host"
cat > "$work/sshd_config" <<CONFIG
Port $port
ListenAddress 127.0.0.1
HostKey $work/host
PidFile $work/sshd.pid
UsePAM no
StrictModes no
PermitRootLogin forced-commands-only
AuthorizedKeysFile none
AuthorizedKeysCommand $work/authorized-keys --db $db ssh authorized-keys %u %t %k
AuthorizedKeysCommandUser $user
AuthenticationMethods publickey
PasswordAuthentication no
PermitTTY yes
DisableForwarding yes
MaxStartups 100
MaxSessions 100
CONFIG
/usr/sbin/sshd -D -e -f "$work/sshd_config" 2>"$work/sshd.log" &
sshd_pid=$!
sleep 1

type=$(cut -d' ' -f1 "$work/key1.pub")
blob=$(cut -d' ' -f2 "$work/key1.pub")
config=$(python3 - "$port" "$user" "$seconds" "$work/starts" "$roster" "$db" "$type" "$blob" "${keys[@]}" <<'PY'
import json, sys
port, user, seconds, starts, roster, db, kind, blob, *keys = sys.argv[1:]
print(json.dumps({
    "ssh": ["ssh", "-tt", "-F", "/dev/null", "-p", port, "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
            "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes", "-o", "IdentityAgent=none", "-o", "LogLevel=ERROR",
            f"{user}@127.0.0.1"],
    "keys": keys, "duration": int(seconds), "starts": starts,
    "authorized_keys": [roster, "--db", db, "ssh", "authorized-keys", user, kind, blob],
}))
PY
)
echo "running $consoles consoles for $seconds s on $(nproc) cores" >&2
TERM=xterm-256color python3 Bench/ssh_load.py "$config"
