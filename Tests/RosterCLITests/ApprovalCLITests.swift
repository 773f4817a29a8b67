import Foundation
import Testing

/// `roster approvals`: a change filed for a second person, approved or rejected by another
/// administrator from their own shell.
@Suite("Approval commands", .serialized)
struct ApprovalCLITests {
    /// Ada (who ran init, the two-person rule on for everything) and Bea, a second
    /// administrator signed in in her own shell.
    static func team() throws -> (ada: CLI, bea: CLI) {
        let ada = try CLI()
        try ada.initializeAndLogin(approvals: "delete-admin,demote-admin,settings,self-elevation,bulk-over-100")
        let created = try ada.run(["users", "create", "--email", "bea@example.com", "--first", "Bea", "--last", "Admin",
                                   "--role", "administrator", "--password-stdin", "--no-password-change"], stdin: "quiet meadow under snow\n")
        #expect(created.status == 0, "\(created.err)")
        let bea = try CLI(sharing: ada)
        let login = try bea.run(["login", "--email", "bea@example.com", "--password-stdin"], stdin: "quiet meadow under snow\n")
        #expect(login.status == 0, "\(login.err)")
        return (ada, bea)
    }

    @Test("a settings change waits (exit 7); the requester can't approve it; the second person can, and it happens then")
    func approve() throws {
        let (ada, bea) = try Self.team()
        let asked = try ada.run(["settings", "set", "lockout.threshold", "5"])
        #expect(asked.status == 7 && asked.err.contains("request #1"), "\(asked.status) \(asked.err)")
        #expect(try ada.run(["settings", "list", "--output", "csv"]).out.contains("lockout.threshold,10,"))
        let listed = try bea.run(["approvals", "list", "--pending", "--output", "json"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(listed.out.utf8)) as? [[String: Any]])
        #expect(rows.count == 1 && rows.first?["requestedBy"] as? String == "admin@example.com" && rows.first?["status"] as? String == "pending")
        let own = try ada.run(["approvals", "approve", "1"])
        #expect(own.status == 3 && own.err.contains("your own request"), "\(own.err)")
        let approved = try bea.run(["approvals", "approve", "1"])
        #expect(approved.status == 0 && approved.out.contains("lockout.threshold is now 5"), "\(approved.err)")
        #expect(try ada.run(["settings", "list", "--output", "csv"]).out.contains("lockout.threshold,5,"))
        let again = try bea.run(["approvals", "approve", "1"])
        #expect(again.status == 3 && again.err.contains("approved already"), "\(again.err)")
        let shown = try ada.run(["approvals", "show", "1"]).out
        #expect(shown.contains("Settled by  bea@example.com") && shown.contains("Status      approved"), "\(shown)")
        #expect(try ada.run(["audit", "verify"]).status == 0)
    }

    @Test("rejected with a reason: nothing changes; an unknown request is not found (exit 6)")
    func reject() throws {
        let (ada, bea) = try Self.team()
        #expect(try ada.run(["users", "set-role", "bea@example.com", "standard"]).status == 7)
        let own = try bea.run(["approvals", "reject", "1", "--reason", "no"])
        #expect(own.status == 3 && own.err.contains("about your own account"), "an administrator can't veto their own demotion: \(own.err)")
        #expect(try ada.run(["settings", "set", "lockout.threshold", "5"]).status == 7)
        let rejected = try bea.run(["approvals", "reject", "2", "--reason", "not while I am on call"])
        #expect(rejected.status == 0 && rejected.out.contains("nothing was changed"), "\(rejected.err)")
        #expect(try ada.run(["settings", "list", "--output", "csv"]).out.contains("lockout.threshold,10,"))
        #expect(try bea.run(["approvals", "approve", "9"]).status == 6)
        #expect(try bea.run(["approvals", "reject", "1"]).status == 64, "a reason is required")
    }
}
