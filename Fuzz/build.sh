#!/usr/bin/env bash
# Builds the libFuzzer targets into .build-fuzz/ (swiftc -sanitize=fuzzer,address), each from
# the project's own source files for the code under test. See Fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out"
flags=(-sanitize=fuzzer,address -parse-as-library -O -g -swift-version 6)
swiftc "${flags[@]}" -o "$out/fuzz-sanitizer" Fuzz/Sanitizer/main.swift \
    Sources/RosterText/TextSanitizer.swift Sources/RosterTerminal/Text/DisplayWidth.swift
swiftc "${flags[@]}" -o "$out/fuzz-phc" Fuzz/PHC/main.swift Fuzz/PHC/Shim.swift \
    Sources/RosterCore/Credentials/PHCString.swift Sources/RosterCore/Support/Base64URL.swift
swiftc "${flags[@]}" -o "$out/fuzz-keys" Fuzz/Keys/main.swift \
    Sources/RosterTerminal/Input/Key.swift Sources/RosterTerminal/Input/KeyDecoding.swift Sources/RosterTerminal/Canvas/Geometry.swift
swiftc "${flags[@]}" -I Fuzz/CSQLite -o "$out/fuzz-filter" Fuzz/Filter/main.swift \
    Sources/RosterCore/Users/SearchText.swift Sources/RosterCore/Users/FilterQuery.swift
swiftc "${flags[@]}" -o "$out/fuzz-ssh-command" Fuzz/SSHCommand/main.swift Sources/roster/Commands/SSH/RemoteCommandLine.swift
echo "Built: $(ls "$out" | grep fuzz- | tr '\n' ' ')"
