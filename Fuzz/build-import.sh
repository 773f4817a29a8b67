#!/usr/bin/env bash
# Builds the import fuzz target (Fuzz/Import/main.swift) into .build-fuzz/fuzz-import. It needs
# RosterCore with its packages (GRDB, swift-crypto, CSV.swift), so it is a small package of its
# own, written under .build-fuzz/ and depending on this one by path, built with every Swift
# module instrumented for libFuzzer and AddressSanitizer. A first build takes several minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
identity=$(basename "$root" | tr '[:upper:]' '[:lower:]')
work=.build-fuzz/import-package
mkdir -p "$work/Sources/fuzz-import"
cp Fuzz/Import/main.swift Fuzz/Import/Entry.swift "$work/Sources/fuzz-import/"
cat > "$work/Package.swift" <<PACKAGE
// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "ImportFuzz",
    dependencies: [.package(path: "$root")],
    targets: [
        .executableTarget(
            name: "fuzz-import",
            dependencies: [.product(name: "RosterCore", package: "$identity")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])],
            linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]),
    ],
    swiftLanguageModes: [.v6]
)
PACKAGE
swift build -c release --package-path "$work" --scratch-path "$work/.build" --product fuzz-import \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address
cp "$work/.build/release/fuzz-import" .build-fuzz/fuzz-import
echo "Built: .build-fuzz/fuzz-import"
