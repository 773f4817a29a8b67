import Foundation
import GRDB
import Testing

@Suite("roster audit head and verify", .serialized)
struct AuditCLITests {
    @Test("verify --head catches rows cut from the end; verify opens the file read-only and changes nothing")
    func headAndReadOnly() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let head = try cli.run(["audit", "head"])
        #expect(head.status == 0)
        let recorded = head.out.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(recorded.range(of: #"^\d+:[0-9a-f]{64}$"#, options: .regularExpression) != nil, "\(recorded)")
        #expect(try cli.run(["audit", "verify", "--head", recorded]).status == 0)
        #expect(try cli.run(["audit", "verify", "--head", "12:nothex"]).status == 64)

        // Read-only: a file nobody may write still verifies, and is left as it was.
        let before = try Data(contentsOf: URL(fileURLWithPath: cli.database))
        try FileManager.default.setAttributes([.posixPermissions: 0o400], ofItemAtPath: cli.database)
        let verified = try cli.run(["audit", "verify"])
        #expect(verified.status == 0 && verified.out.contains("intact"), "\(verified.err)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: cli.database)) == before)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: cli.database)

        let id = try #require(Int64(recorded.split(separator: ":")[0]))
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in try db.execute(sql: "DELETE FROM auditEntry WHERE id >= ?", arguments: [id - 1]) }
        try queue.close()
        #expect(try cli.run(["audit", "verify"]).status == 0, "the chain alone can't see a cut at the end")
        let cut = try cli.run(["audit", "verify", "--head", recorded])
        #expect(cut.status == 1 && cut.err.contains("rows from it on were removed"), "\(cut.err)")
    }
}
