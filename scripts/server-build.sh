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
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$(swift build -c release --static-swift-stdlib --show-bin-path "$@")
# The build doesn't know the list is an input of the link: relink every time.
rm -f "$bin/roster"
swift build -c release --static-swift-stdlib --product roster \
    -Xswiftc -Xfrontend -Xswiftc -function-sections -Xcc -ffunction-sections \
    -Xlinker --section-ordering-file="$PWD/scripts/hot-sections.txt" -Xlinker --no-export-dynamic "$@"
echo "Built $bin/roster" >&2
