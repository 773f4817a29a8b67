import Foundation
@testable import RosterConsole
import Testing

/// A binding's id is what `config.toml` rebinds its keys by, and what `roster console-keys`
/// prints: once shipped it must not change. Ids are written where each binding is declared,
/// never derived from its labels; these tests catch a duplicate, or an id changed by accident.
@Suite("Key binding ids")
struct KeymapIDTests {
    @Test("every binding of every keymap has an id of its own")
    func unique() {
        var seen: Set<String> = []
        let repeated = ConsoleKeymaps.all.map(\.id).filter { !seen.insert($0).inserted }
        #expect(repeated.isEmpty, "ids used by two bindings: \(repeated)")
    }

    @Test("an id is the keymap's and the binding's, in lowercase words joined by hyphens")
    func spelling() throws {
        let word = "[a-z0-9]+(?:-[a-z0-9]+)*"
        let pattern = try Regex("\(word)\\.\(word)")
        let odd = ConsoleKeymaps.all.map(\.id).filter { $0.wholeMatch(of: pattern) == nil }
        #expect(odd.isEmpty, "ids spelled unlike the others: \(odd)")
    }

    @Test("the ids are those in Golden/keymap-ids.txt, so rewording a label changes none")
    func golden() throws {
        let ids = ConsoleKeymaps.all.map(\.id)
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
        let file = folder.appendingPathComponent("keymap-ids.txt")
        let record = ProcessInfo.processInfo.environment["ROSTER_RECORD_SCREENS"] == "1"
        if record || !FileManager.default.fileExists(atPath: file.path) {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try (ids.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
            if !record { Issue.record(Comment(rawValue: "Recorded new golden Golden/keymap-ids.txt; check it and run again.")) }
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let gone = expected.filter { !ids.contains($0) }
        let added = ids.filter { !expected.contains($0) }
        #expect(gone.isEmpty, "ids a config.toml may rebind are gone (keep a binding's id when its label changes): \(gone)")
        #expect(added.isEmpty, "ids not in Golden/keymap-ids.txt (ROSTER_RECORD_SCREENS=1 records them): \(added)")
        if gone.isEmpty && added.isEmpty {
            #expect(ids == expected, "the ids are in another order than Golden/keymap-ids.txt (ROSTER_RECORD_SCREENS=1 re-records)")
        }
    }
}
