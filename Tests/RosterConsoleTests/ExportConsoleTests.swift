import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import RosterTestSupport
import Testing

@Suite("Exporting the marked users from the console", .serialized)
struct ExportConsoleTests {
    static func scratch() throws -> String {
        try Scratch.folder("roster-export")
    }

    static func emails(in path: String) throws -> Set<String> {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        return Set(lines.compactMap { $0.split(separator: ",").first.map(String.init) })
    }

    @Test("x writes the picked users to a new 0600 CSV file the import reads; an existing file is never written over")
    func picked() throws {
        var h = try Harness()
        h.press("x")
        #expect(h.users.notice?.hasPrefix("Mark users first") == true && h.users.exportForm == nil)
        h.press(" ", " ", " ")
        let marked = h.users.rows.prefix(3).map(\.email.value)
        h.press("x")
        let form = try #require(h.users.exportForm)
        #expect(form.title == "Export 3 marked users as CSV")
        try assertGolden(h.screen().text, named: "form-export-80x24")
        let path = try Self.scratch() + "/three.csv"
        h.press(.control("u"))
        h.type(path)
        h.press(.enter)
        #expect(h.users.notice == "Exported 3 users to \(path) (mode 0600).")
        #expect(try Self.emails(in: path) == Set(marked))
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix(UserColumns.header.joined(separator: ",") + "\n"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let audited = try #require(try h.roster.audit.recent(limit: 1, by: .system("test")).first)
        #expect(audited.action == "user.export" && audited.details.contains(path) && audited.details.contains("\"picked\":\"3\""), "\(audited.details)")
        h.press("x", .control("u"))
        h.type(path)
        h.press(.enter)
        #expect(h.users.notice?.contains("already exists") == true, "\(h.users.notice ?? "")")
        #expect(try Self.emails(in: path) == Set(marked), "the first export is untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (path as NSString).deletingLastPathComponent)
        #expect(leftovers == ["three.csv"], "no temporary file stays behind")
    }

    @Test("after * the export takes every user matching the filter except those unmarked, counted exactly")
    func allMatching() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter, "*")
        let total = try #require(h.users.marks.count)
        let unmarked = try #require(h.users.rows.first)
        h.press(" ")
        h.press("x")
        let path = try Self.scratch() + "/tanakas.csv"
        h.press(.control("u"))
        h.type(path)
        h.press(.enter)
        let emails = try Self.emails(in: path)
        #expect(emails.count == total - 1 && !emails.contains(unmarked.email.value))
        #expect(emails.allSatisfy { $0.contains("tanaka") })
    }
}
