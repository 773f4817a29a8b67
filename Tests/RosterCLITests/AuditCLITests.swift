import Foundation
import GRDB
@testable import RosterCore
import Testing

@Suite("roster audit head and verify", .serialized)
struct AuditCLITests {
    @Test("a trail replaced by forged old-format rows fails verify at row 1, before and after a write; the write is refused and adds nothing")
    func forgedTrail() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["audit", "verify"]).status == 0)
        // Someone who can edit the file but not read the key file rewrites the whole trail the old way.
        let queue = try DatabaseQueue(path: cli.database)
        try queue.write { db in
            try db.execute(sql: "DELETE FROM auditEntry")
            var previous = AuditChain.genesis
            for id in Int64(1)...3 {
                var entry = AuditEntry(id: id, at: Date(timeIntervalSince1970: 1_700_000_000), actorId: nil, actor: "system:init",
                                       actorIP: nil, action: "org.create", targetId: nil, target: nil, orgId: nil, org: "Forged \(id)",
                                       outcome: .success, details: "{}", previousHash: previous, hash: "", chain: 1)
                entry.hash = AuditChain.hash(of: entry, previousHash: previous)
                try db.execute(sql: """
                    INSERT INTO auditEntry (id, at, actor, action, org, outcome, details, previousHash, hash, chain)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """, arguments: [id, entry.at, entry.actor, entry.action, entry.org, "success", "{}", previous, entry.hash])
                previous = entry.hash
            }
        }
        try queue.close()
        let before = try cli.run(["audit", "verify"])
        #expect(before.status == 1 && before.err.contains("row 1"), "\(before.out)\(before.err)")
        // Any write, even a failed sign-in, is refused rather than starting a keyed chain on the forgery.
        let signIn = try cli.run(["login", "--email", "admin@example.com", "--password-stdin"], stdin: "wrong password\n")
        #expect(signIn.status != 0 && signIn.err.contains("audit trail is broken"), "\(signIn.err)")
        let create = try cli.run(["orgs", "create", "Acme"])
        #expect(create.status != 0 && create.err.contains("audit trail is broken"), "\(create.err)")
        let after = try cli.run(["audit", "verify"])
        #expect(after.status == 1 && after.err.contains("row 1"), "\(after.out)\(after.err)")
        let rows = try DatabaseQueue(path: cli.database).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry") }
        #expect(rows == 3)
    }

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
