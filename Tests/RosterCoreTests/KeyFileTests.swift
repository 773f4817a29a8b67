import Foundation
import Testing
@testable import RosterCore
import RosterTestSupport

@Suite("Key file")
struct KeyFileTests {
    static func path() throws -> String {
        try Scratch.folder("roster-key") + "/r.sqlite.key"
    }

    @Test("created with mode 0600 and 32 bytes, and loads")
    func create() throws {
        let path = try Self.path()
        try KeyFile.create(at: path, randomBytes: { Array(repeating: 1, count: $0) })
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        _ = try KeyFile.load(from: path)
    }

    @Test("a missing key file, a file others can read, and a malformed file are refused with what to do")
    func refused() throws {
        let missing = try Self.path()
        #expect(throws: RosterError.keyFile(.missing(missing))) { try KeyFile.load(from: missing) }
        let open = try Self.path()
        try KeyFile.create(at: open, randomBytes: { Array(repeating: 1, count: $0) })
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: open)
        #expect(throws: RosterError.keyFile(.tooOpen(open, mode: 0o644))) { try KeyFile.load(from: open) }
        #expect(RosterError.keyFile(.tooOpen(open, mode: 0o644)).message.contains("chmod 600"))
        let short = try Self.path()
        FileManager.default.createFile(atPath: short, contents: Data([1, 2, 3]), attributes: [.posixPermissions: 0o600])
        #expect(throws: RosterError.keyFile(.malformed("\(short) is not a Roster key file (expected 32 bytes, found 3)"))) {
            try KeyFile.load(from: short)
        }
    }
}

@Suite("Private files")
struct PrivateFileTests {
    @Test("a FIFO in place of a key file is refused at once, not waited on")
    func fifoRefused() throws {
        let dir = try Scratch.folder("roster-fifo")
        let path = dir + "/r.sqlite.key"
        #expect(mkfifo(path, 0o600) == 0)
        #expect(throws: PrivateFile.Problem.unreadable(path, reason: "it is not a regular file")) { try PrivateFile.readPrivate(path) }
    }
}
