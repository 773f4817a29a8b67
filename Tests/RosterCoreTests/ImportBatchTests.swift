import Foundation
import Testing
@testable import RosterCore

/// An import writes a thousand lines at a time (PostgreSQL: a thousand rows a statement).
/// These files cross those batches, so each line must still land with its own user, org,
/// link, mail and audit row, in line order.
@Suite("Importing more users than one batch")
struct ImportBatchTests {
    static let lines = 2 * UserImporter.batchSize + 300
    /// Lines of accounts that exist before the import, with other names (standard accounts: no multiple of 7);
    /// the last one already in Acme, as read-only, so its line changes a stored org role.
    static let existing: Set<Int> = [5, UserImporter.batchSize + 3, 2 * UserImporter.batchSize + 4]
    /// A line whose account is already as the file says, org role and all: no audit row.
    static let unchanged = 2 * UserImporter.batchSize + 6

    static func email(_ line: Int) -> String { "user\(line)@example.com" }
    static func inOrg(_ line: Int) -> Bool { line % 2 == 0 }
    static func isService(_ line: Int) -> Bool { line % 7 == 0 }

    @Test("every line lands with its own user, org, link and mail, and one audit row per changing line in line order",
          arguments: Backend.all)
    func crossesBatches(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        for line in Self.existing.sorted() {
            try f.user(Self.email(line), .standard, org: Self.inOrg(line) ? acme.id : nil, orgRole: .readOnly)
        }
        _ = try f.roster.users.create(NewUser(email: Self.email(Self.unchanged), firstName: "First\(Self.unchanged)",
                                              lastName: "Last\(Self.unchanged)", systemRole: .standard, password: .none,
                                              org: acme.id, orgRole: .member), by: f.root)
        let start = try f.auditCount()
        let records = (2..<2 + Self.lines).map { line in
            ImportRecord(line: line, email: Self.email(line), firstName: "First\(line)", lastName: "Last\(line)",
                         kind: Self.isService(line) ? "service" : nil, role: nil,
                         org: Self.inOrg(line) ? "Acme" : nil, orgRole: Self.inOrg(line) ? "member" : nil)
        }
        let report = try f.roster.importer.run(records, options: ImportOptions(update: true), by: f.root)
        let created = (2..<2 + Self.lines).filter { !Self.existing.contains($0) && $0 != Self.unchanged }
        #expect(report.created == created.count && report.updated == Self.existing.count && report.unchanged == 1)
        #expect(report.invited == created.count { !Self.isService($0) })

        let rows = try f.roster.stores.read { tx in
            try tx.audit.entries(AuditQuery(limit: 10_000), visibleTo: .everything).filter { $0.id > start }.reversed()
        }
        let details = try rows.map { try JSONDecoder().decode([String: String].self, from: Data($0.details.utf8)) }
        // The first row out of place, not two arrays of thousands, when this fails.
        let expected = (2..<2 + Self.lines).filter { $0 != Self.unchanged }
            .map { (String($0), Self.existing.contains($0) ? "user.update" : "user.create") }
        #expect(rows.count == Self.lines - 1, "one row per line that changes something")
        #expect(zip(zip(details.map { $0["line"] ?? "" }, rows.map(\.action)), expected).first { $0 != $1 } == nil, "in line order")

        try f.roster.stores.read { tx in
            for (row, detail) in zip(rows, details) {
                let line = Int(detail["line"] ?? "") ?? 0
                let user = try #require(try tx.users.find(email: Email(Self.email(line))))
                #expect(row.targetId == user.id, "line \(line)'s row names its own user")
                #expect(user.firstName == "First\(line)" && user.lastName == "Last\(line)")
                #expect(user.kind == (Self.isService(line) ? .service : .standard))
                let orgs = try tx.orgs.orgRoles(of: user.id)
                #expect(orgs == (Self.inOrg(line) ? [acme.id: .member] : [:]), "line \(line)'s org")
                guard row.action == "user.create", !Self.isService(line) else {
                    #expect(detail["outboxMessage"] == nil, "line \(line) gets no link")
                    continue
                }
                let message = try #require(try tx.outbox.find(Int64(detail["outboxMessage"] ?? "") ?? -1))
                #expect(message.recipient == Self.email(line), "line \(line)'s mail goes to its own address")
                // The link in it sets this user's password, nobody else's.
                let body = try OutboxToken.body(of: message, box: SecretBox(keyBytes: Array(repeating: 42, count: 32)))
                let token = try #require(body.firstMatch(of: /rsr_[A-Za-z0-9_-]+/)).output
                #expect(try tx.credentials.reset(tokenHash: AuthService.hashToken(String(token)))?.userId == user.id, "line \(line)'s link")
                #expect(try tx.credentials.pendingResets(for: user.id, at: f.clock.now).count == 1)
            }
        }
        #expect(try f.roster.audit.verify() == .intact(rows: start + Self.lines - 1))
    }

    @Test("memberships saved at once end as saved one by one: a pair given twice keeps the later role", arguments: Backend.all)
    func membershipsAtOnce(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let ana = try f.user("ana@example.com", .standard, org: acme.id, orgRole: .readOnly)
        let bo = try f.user("bo@example.com", .standard)
        let now = f.clock.now
        try f.roster.stores.write { tx in
            try tx.orgs.save([Membership(userId: ana.id, orgId: acme.id, role: .member, createdAt: now),
                              Membership(userId: bo.id, orgId: beta.id, role: .orgAdmin, createdAt: now)])
        }
        try f.roster.stores.write { tx in
            try tx.orgs.save([Membership(userId: bo.id, orgId: acme.id, role: .member, createdAt: now),
                              Membership(userId: bo.id, orgId: acme.id, role: .readOnly, createdAt: now)])
        }
        let roles = try f.roster.stores.read { tx in try tx.orgs.orgRoles(of: [ana.id, bo.id]) }
        #expect(roles == [ana.id: [acme.id: .member], bo.id: [beta.id: .orgAdmin, acme.id: .readOnly]])
    }

    @Test("many users inserted at once refuse a taken email by name, and nothing of the batch stays", arguments: Backend.all)
    func takenEmail(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let taken = Self.email(UserImporter.batchSize + 10)
        try f.user(taken, .standard)
        let users = try f.roster.stores.totalUsers()
        let drafts = try (0..<UserImporter.batchSize + 20).map { index in
            User(id: UserID(rawValue: 0), email: try Email(Self.email(index)), firstName: "F", lastName: "L", kind: .standard,
                 systemRole: .standard, status: .active, lockedByAdmin: false, lockedUntil: nil, failedSignIns: 0, passwordHash: nil,
                 passwordChangeRequired: false, mfaEnrollmentRequired: false, mfaEnabled: false, termsAcceptanceRequired: false,
                 termsAcceptedAt: nil, timeZone: nil, logOutAfterMinutes: nil, createdAt: f.clock.now, lastSignInAt: nil, version: 1)
        }
        #expect(throws: RosterError.duplicateEmail(taken)) {
            try f.roster.stores.write { tx in _ = try tx.users.insert(drafts) }
        }
        #expect(try f.roster.stores.totalUsers() == users)
        // As an import writes: PostgreSQL sends the batches ahead, and the refusal comes later.
        #expect(throws: RosterError.duplicateEmail(taken)) {
            try f.roster.stores.write { tx in
                try tx.users.writingMany(newUsers: drafts.count) { _ = try tx.users.insert(drafts) }
            }
        }
        #expect(try f.roster.stores.totalUsers() == users)
    }
}
