import Foundation

/// Runs the console benchmark for several database sizes and prints the BENCHMARKS.md tables.
struct ConsoleSuite {
    let directory: String
    let sizes: [Int]
    /// A PostgreSQL address with `{size}` where the database name goes (`dbname=bench_{size}`):
    /// each size is then measured on PostgreSQL too, beside SQLite, in the same run. The
    /// databases must exist (createdb); ROSTER_KEY_FILE names their key file.
    var postgres: String?
    /// Also measure each size as an org admin of an org of this many members (scoped reads).
    var orgAdminMembers = 10_000

    /// `roster` and `roster-bench` are built side by side.
    var binaries: URL { URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent() }

    func run() throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var reports: [(report: ConsoleReport, bytes: Int, seconds: Double?)] = []
        for size in sizes {
            let path = "\(directory)/demo-\(size).sqlite"
            var targets = [path]
            if let postgres { targets.append(postgres.replacingOccurrences(of: "{size}", with: String(size))) }
            for target in targets {
                let isFile = target == path
                var seconds: Double?
                if !isFile || !FileManager.default.fileExists(atPath: path) {
                    let start = Date()
                    let seeded = try spawn(binaries.appendingPathComponent("roster").path,
                                           ["demo", "--db", target, "--users", String(size), "--no-console"])
                    guard seeded.status == 0 else { throw BenchFailure("roster demo failed: \(seeded.output)") }
                    if !seeded.output.contains("Reusing") { seconds = Date().timeIntervalSince(start) }
                }
                let bytes = isFile ? (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0 : 0
                let members = min(orgAdminMembers, size / 10)
                for extra in [[], ["--org-admin", String(members)]] {
                    let measured = try spawn(binaries.appendingPathComponent("roster-bench").path, ["console-one", target] + extra)
                    guard measured.status == 0, let line = measured.output.split(separator: "\n").last else {
                        throw BenchFailure("console-one failed: \(measured.output)")
                    }
                    var report = try JSONDecoder().decode(ConsoleReport.self, from: Data(line.utf8))
                    report.backend = isFile ? "SQLite" : "PostgreSQL"
                    reports.append((report, bytes, extra.isEmpty ? seconds : nil))
                    FileHandle.standardError.write(Data("measured \(size) users on \(report.backend ?? "SQLite") as \(report.reader)\n".utf8))
                }
            }
        }
        print(Self.machine())
        print("")
        print("| Backend | Users | Reader (sees) | DB | First frame | First rows | Filter 1–2 chars p50 / p95 | Filter 3+ chars p50 / p95 | Count p50 / p95 | PgDn p50 / p95 | Drawer p50 / p95 | End (median) | Home (median) | Peak RSS |")
        print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for (report, bytes, _) in reports {
            print("| \(report.backend ?? "SQLite") | \(report.users.formatted()) | \(report.reader) (\(report.visible.formatted())) | \(bytes == 0 ? "server" : "\(bytes / 1_000_000) MB") | \(ms(report.firstFrame)) | \(ms(report.firstRows)) | "
                + "\(pair(report.shortFilter)) | \(pair(report.longFilter)) | \(pair(report.counts)) | \(pair(report.pageDown)) | \(pair(report.drawer)) | "
                + "\(ms(median(report.end))) | \(ms(median(report.home))) | \(String(format: "%.0f MB", report.peakRSS)) |")
        }
        print("")
        print("Filter keystroke to frame by filter length, p50 / p95 (n), and keystrokes that left no match:")
        print("")
        let lengths = Set(reports.flatMap { $0.report.byLength.keys }).sorted()
        print("| Backend | Users | Reader | " + lengths.map { "\($0) char" + ($0 == 1 ? "" : "s") }.joined(separator: " | ") + " | No match |")
        print("|---|---:|---|" + lengths.map { _ in "---:|" }.joined() + "---:|")
        for (report, _, _) in reports {
            let cells = lengths.map { length in
                let values = report.byLength[length] ?? []
                return "\(pair(values)) (\(values.count))"
            }
            print("| \(report.backend ?? "SQLite") | \(report.users.formatted()) | \(report.reader) | " + cells.joined(separator: " | ") + " | \(pair(report.misses)) (\(report.misses.count)) |")
        }
        let seeded = reports.compactMap { entry in entry.seconds.map { (entry.report.users, entry.report.backend ?? "SQLite", $0) } }
        if !seeded.isEmpty {
            print("")
            for (users, backend, seconds) in seeded {
                print("Created the \(users.formatted())-user demo database on \(backend) in \(String(format: "%.1f", seconds)) s.")
            }
        }
    }

    func ms(_ value: Double) -> String { String(format: "%.1f ms", value) }

    func pair(_ values: [Double]) -> String {
        String(format: "%.1f / %.1f", percentile(values, 50), percentile(values, 95))
    }

    static func machine() -> String {
        let cpu = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let info = ProcessInfo.processInfo
        return "Machine: \(cpu), \(info.activeProcessorCount) cores, \(info.physicalMemory / 1_073_741_824) GB; "
            + "\(info.operatingSystemVersionString); release build."
    }

    /// Runs a program to completion and returns its status and combined output.
    func spawn(_ program: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.standardError
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
