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

@Suite("Audit filters and export")
struct AuditFilterCLITests {
    @Test("filters narrow the rows, --after pages back without overlap, export streams what list shows")
    func filtersAndPaging() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        for name in ["ana", "bo", "cy"] {
            #expect(try cli.run(["users", "create", "--email", "\(name)@example.com", "--first", name, "--last", "Test"]).status == 0)
        }
        #expect(try cli.run(["users", "lock", "bo@example.com", "--yes"]).status == 0)
        func ids(_ arguments: [String]) throws -> [Int] {
            let result = try cli.run(["audit", "list", "--json"] + arguments)
            let rows = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]]
            return rows?.compactMap { $0["id"] as? Int } ?? []
        }
        func actions(_ arguments: [String]) throws -> [String] {
            let result = try cli.run(["audit", "list", "--json"] + arguments)
            let rows = try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [[String: Any]]
            return rows?.compactMap { $0["action"] as? String } ?? []
        }
        #expect(try actions(["--action", "user.create"]).count == 4)  // init made the first
        #expect(try actions(["--action", "user.*"]).allSatisfy { $0.hasPrefix("user.") })
        #expect(try actions(["--target", "bo@example.com"]) == ["user.lock", "user.create"])
        #expect(try actions(["--outcome", "denied"]).isEmpty)
        #expect(try actions(["--since", "2999-01-01"]).isEmpty)
        let all = try ids([])
        let first = try ids(["--limit", "3"])
        let second = try ids(["--limit", "3", "--after", String(first.last ?? 0)])
        #expect(first + second == Array(all.prefix(6)))
        let export = try cli.run(["audit", "export", "--action", "user.create"])
        #expect(export.out.split(separator: "\n").count == 4)
        #expect(export.out.split(separator: "\n").allSatisfy { $0.hasPrefix("{") && $0.contains("\"user.create\"") })
        #expect(try cli.run(["audit", "list", "--outcome", "maybe"]).status == 64)
    }
}
