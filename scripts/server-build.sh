#!/usr/bin/env bash
# The server build: a release `roster` with the Swift runtime linked in (docs/ssh.md), its
# hot code laid out together.
#
#   bash scripts/server-build.sh [SWIFT-BUILD-OPTIONS…]     # then install .build/release/roster
#
# Every console over SSH is its own process mapping the same binary, and the kernel maps a
# binary's code in 64 KB runs around each page touched: the ~2 MB of functions a console
# runs, scattered over 24 MB of code, made 18 MB of each console's resident memory. Each
# function gets its own section (-function-sections, for every module, dependencies too,
# which only flags on this command line reach), and the linker (gold) puts those named in
# scripts/hot-sections.txt together: a console's resident memory fell by 6-7 MB
# (BENCHMARKS.md, eighth pass). The list is a layout hint and nothing more: a name it lacks
# or one that no longer exists only leaves that function where it was. Remake it with
# scripts/hot-sections.sh after large changes.
#
# --no-export-dynamic undoes the -export-dynamic that Swift's static-stdlib link adds (so that
# plugins loaded into a program can link against it): roster loads none (libpq is opened with
# dlopen and needs nothing of ours). The dynamic symbol tables fall from 1.8 MB to 27 KB, and
# every process stops touching 1.2 MB of them at start (the dynamic linker looks each shared
# library's symbols up in the executable first); nothing loaded later can bind to our
# statically linked copies either.
#
# SQLite, ncurses (with its terminfo library) and the C++ runtime the Swift runtime uses are
# linked in too, from Debian's static archives: every process sshd starts (a key lookup, a
# console) spent a sixth of its start loading them as shared libraries, their symbols bound one
# by one (3,500 of them), about 1.5 ms of the 6-8 ms a key lookup takes (BENCHMARKS.md,
# seventeenth pass). The linker takes an archive over a shared library from a folder named
# first, so the folder below holds links to those archives alone. libpng and libjpeg stay
# shared: they decode avatars people upload, and Debian's security updates to them must reach
# roster without a rebuild. After an update to libsqlite3-dev, libncurses-dev or libstdc++,
# rebuild, as after an update to Swift.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build -c release --static-swift-stdlib --show-bin-path "$@")
archives=$(mktemp -d)
trap 'rm -rf "$archives"' EXIT
multiarch=/usr/lib/$(gcc -print-multiarch)
for archive in "$multiarch/libsqlite3.a" "$multiarch/libncursesw.a" "$multiarch/libtinfo.a" "$(gcc -print-file-name=libstdc++.a)"; do
    # (-print-file-name answers with the bare name when it has no such file.)
    [[ $archive == /* && -f $archive ]] || { echo "$archive is missing: apt-get install libsqlite3-dev libncurses-dev libstdc++-12-dev" >&2; exit 1; }
    ln -s "$archive" "$archives/"
done
# The build doesn't know the list is an input of the link: relink every time.
rm -f "$bin/roster"
# -ltinfo again at the end: the archive of ncurses needs terminfo's after it, where the shared
# library named it itself.
swift build -c release --static-swift-stdlib --product roster \
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
    -Xlinker --section-ordering-file="$PWD/scripts/hot-sections.txt" -Xlinker --no-export-dynamic \
    -Xlinker -L"$archives" -Xlinker -ltinfo "$@"
linked=$(ldd "$bin/roster")
if grep -E 'lib(sqlite3|ncursesw|tinfo|stdc\+\+)\.so' <<< "$linked" >&2; then
    echo "roster still loads the libraries above as shared ones" >&2
    exit 1
fi
echo "Built $bin/roster" >&2
