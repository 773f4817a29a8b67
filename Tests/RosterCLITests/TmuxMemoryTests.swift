import Foundation
import RosterTestSupport
import Testing

/// What a console keeps in memory, read from the running process.
@Suite("Console memory under tmux", .serialized,
       .enabled(if: RosterTestSupport.Tmux.isInstalled, Comment(rawValue: RosterTestSupport.Tmux.missing)),
       .enabled(if: SharedICU.isLinked, "Foundation is linked statically here: ICU has no mapping of its own to measure"))
struct TmuxMemoryTests {
    /// Kilobytes of `library` resident in process `pid` (summed over its mappings).
    static func resident(_ library: String, pid: Int32) throws -> Int {
        let smaps = try SharedICU.procFile("/proc/\(pid)/smaps")
        var inLibrary = false
        var total = 0
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), first.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                inLibrary = fields.last.map { $0.hasSuffix(library) } ?? false
            } else if inLibrary, fields.first == "Rss:", fields.count >= 2, let kilobytes = Int(fields[1]) {
                total += kilobytes
            }
        }
        return total
    }

    @Test("a console never reaches ICU: times are formatted, read and stored without Foundation's calendar, time zone or formatter")
    func noICU() throws {
        let (_, tmux) = try TmuxConsoleTests.openDemo(users: 300, width: 120, height: 40)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 3") && $0.contains("Last sign-in") }
        // The table's dates, a filter, the drawer, the audit trail, back.
        try tmux.run(["send-keys", "-t", "t", "/", "t", "a", "n"])
        _ = try tmux.wait(for: "the filter") { $0.contains("filter “tan”") && !$0.contains("filtering…") }
        try tmux.run(["send-keys", "-t", "t", "Enter", "Enter"])
        _ = try tmux.wait(for: "the drawer") { $0.contains("Profile") }
        try tmux.run(["send-keys", "-t", "t", "Escape", "3"])
        _ = try tmux.wait(for: "the audit trail") { $0.contains("Outcome") && $0.contains("admin@demo.example ") }
        try tmux.run(["send-keys", "-t", "t", "1"])
        _ = try tmux.wait(for: "the users table again") { $0.contains("Last sign-in") }
        let shell = try tmux.run(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pid = try #require(children.split(separator: " ").first.flatMap { Int32($0) }, "no roster process under the pane's shell")
        // Loaded and never called, the library keeps about 1.1 MB resident (its relocations,
        // and the pages around them); one `TimeZone.current` conversion brings it to 2.9 MB,
        // a DateFormatter or a Calendar to over 5 MB.
        let icu = try Self.resident("lib_FoundationICU.so", pid: pid)
        #expect(icu > 0, "the library is mapped")
        #expect(icu < 1_800, "\(icu) KB of ICU resident: something in the console reached Foundation's ICU-backed date or locale code")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }
}

/// Built as `swift test` builds it, Foundation and its ICU are shared libraries, in roster as
/// in this test process.
enum SharedICU {
    static var isLinked: Bool {
        ((try? procFile("/proc/self/maps")) ?? "").contains("lib_FoundationICU.so")
    }

    /// A /proc file read to its end: Foundation's readers stop after the first read of one.
    static func procFile(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw CocoaError(.fileReadNoPermission) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk.prefix(count)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
