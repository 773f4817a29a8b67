import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Importing users")
struct ImportTests {
    func record(_ line: Int, _ email: String, _ first: String = "Ana", _ last: String = "Souza", kind: String? = nil,
                role: String? = nil, org: String? = nil, orgRole: String? = nil) -> ImportRecord {
        ImportRecord(line: line, email: email, firstName: first, lastName: last, kind: kind, role: role, org: org, orgRole: orgRole)
    }

    func userCount(_ f: Fixture) throws -> Int {
        try f.roster.stores.totalUsers()
    }

    @Test("role and kind names are read in any case, with _ or a space for -, and nothing else is guessed")
    func roleAndKindNames() throws {
        #expect(try SystemRole(name: "Accounts_Admin") == .accountsAdmin)
        #expect(try SystemRole(name: "accounts admin") == .accountsAdmin)
        #expect(try SystemRole(name: "READ-ONLY") == .readOnly)
        #expect(try AccountKind(name: "API_only") == .service)
        #expect(try AccountKind(name: "Read only") == .readOnly)
        #expect(throws: RosterError.self) { try SystemRole(name: "accountsadmin!") }
        #expect(throws: RosterError.self) { try AccountKind(name: "robot") }
    }

    @Test("new users are created with their orgs, one audit row each, and an account-info link in the outbox", arguments: Backend.all)
    func creates(_ backend: Backend) throws {
        let f = try Fixture(backend)
        _ = try f.roster.orgs.create(name: "Acme", by: f.root)
        let audits = try f.auditCount()
        let report = try f.roster.importer.run([
            record(2, "ana@example.com", org: "acme", orgRole: "org-admin"),
            record(3, "bo@example.com", "Bo", "Li", role: "accounts-admin"),
        ], by: f.root)
        #expect(report.created == 2 && report.invited == 2)
        let ana = try f.roster.users.find("ana@example.com", by: f.root)
        #expect(ana.memberships.map(\.orgName) == ["Acme"] && ana.memberships.first?.role == .orgAdmin)
        #expect(try f.roster.users.find("bo@example.com", by: f.root).systemRole == .accountsAdmin)
        #expect(try f.auditCount() == audits + 2)
        #expect(try f.roster.mail.recent(by: f.root).map(\.recipient).sorted() == ["ana@example.com", "bo@example.com"])
    }

    @Test("running the same file twice changes nothing the second time", arguments: Backend.all)
    func idempotent(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let records = [record(2, "ana@example.com"), record(3, "bo@example.com", "Bo", "Li")]
        _ = try f.roster.importer.run(records, by: f.root)
        let audits = try f.auditCount()
        let again = try f.roster.importer.run(records, by: f.root)
        #expect(again.created == 0 && again.unchanged == 2)
        #expect(try f.auditCount() == audits)
    }

    @Test("one bad line anywhere writes nothing at all, and every bad line is listed", arguments: Backend.all)
    func allOrNothing(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let before = try (userCount(f), f.auditCount())
        let records = [record(2, "ok@example.com"), record(3, "not-an-email"), record(4, "x@example.com", role: "superuser"),
                       record(5, "OK@example.com"), record(6, "y@example.com", org: "Nowhere")]
        #expect {
            try f.roster.importer.run(records, by: f.root)
        } throws: { error in
            let lines = (error as? ImportRejected)?.problems.map(\.line)
            return lines == [3, 4, 5, 6]
        }
        #expect(try (userCount(f), f.auditCount()) == before)
    }

    @Test("a user on several lines gets several orgs; lines that disagree are refused", arguments: Backend.all)
    func severalLines(_ backend: Backend) throws {
        let f = try Fixture(backend)
        _ = try f.roster.orgs.create(name: "Acme", by: f.root)
        _ = try f.roster.orgs.create(name: "Beta", by: f.root)
        _ = try f.roster.importer.run([record(2, "ana@example.com", org: "Acme"), record(3, "ANA@example.com", org: "Beta")], by: f.root)
        #expect(try f.roster.users.find("ana@example.com", by: f.root).memberships.count == 2)
        #expect(throws: ImportRejected.self) {
            try f.roster.importer.run([record(2, "cy@example.com"), record(3, "cy@example.com", "Cyrus")], by: f.root)
        }
    }

    @Test("a user who exists with other values changes only with --update, audited as one row", arguments: Backend.all)
    func update(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("ana@example.com", .standard)
        let changed = [record(2, "ana@example.com", "Ana", "Costa", role: "accounts-admin")]
        #expect {
            try f.roster.importer.run(changed, by: f.root)
        } throws: { error in
            (error as? ImportRejected)?.problems.first?.reason.contains("--update") == true
        }
        let report = try f.roster.importer.run(changed, options: ImportOptions(update: true), by: f.root)
        #expect(report.updated == 1)
        let ana = try f.roster.users.find("ana@example.com", by: f.root)
        #expect(ana.lastName == "Costa" && ana.systemRole == .accountsAdmin)
        #expect(try f.lastAudit().action == "user.update")
    }

    @Test("a user holding a lent role is weighed with it: an accounts admin may not change someone lent administrator", arguments: Backend.all)
    func lentRoleCounts(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ada = try f.user("ada@example.com", .administrator)
        let lent = try f.user("lent@example.com", .standard)
        try f.user("plain@example.com", .standard)
        let accounts = try f.actor(try f.user("acc@example.com", .accountsAdmin))
        _ = try f.roster.elevations.elevate(lent.id, to: .system(.administrator), for: 3600, reason: "INC-7", by: try f.actor(ada))
        let lines = [record(2, "lent@example.com", "Renamed"), record(3, "plain@example.com", "Renamed")]
        #expect {
            try f.roster.importer.run(lines, options: ImportOptions(update: true), by: accounts)
        } throws: { error in
            guard let rejected = error as? ImportRejected else { return false }
            return rejected.allDenied && rejected.problems.map(\.line) == [2]
        }
        #expect(try f.roster.importer.run([lines[1]], options: ImportOptions(update: true), by: accounts).updated == 1)
    }

    @Test("policy applies per line: an org admin can't import into an org not theirs, and the refusal is audited", arguments: Backend.all)
    func policyPerLine(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let oa = try f.user("oa@example.com", .standard, org: acme.id, orgRole: .orgAdmin)
        _ = try f.roster.orgs.addMember(oa.id, to: beta.id, role: .member, by: f.root)
        let admin = try f.actor(oa)
        let users = try userCount(f)
        #expect {
            try f.roster.importer.run([record(2, "in@example.com", org: "Acme"), record(3, "out@example.com", org: "Beta")], by: admin)
        } throws: { error in
            guard let rejected = error as? ImportRejected else { return false }
            return rejected.allDenied && rejected.problems.map(\.line) == [3]
        }
        #expect(try userCount(f) == users)
        #expect(try f.lastAudit().action == "user.import" && f.lastAudit().outcome == .denied)
        // The same actor may import into their own org.
        #expect(try f.roster.importer.run([record(2, "in@example.com", org: "Acme")], by: admin).created == 1)
    }

    @Test("an org's user limit counts the file's own earlier lines", arguments: Backend.all)
    func limitCountsTheFile(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        _ = try f.roster.orgs.setLimits(org.id, standard: 2, service: nil, by: f.root)
        try f.user("one@example.com", .standard, org: org.id)
        #expect {
            try f.roster.importer.run([record(2, "two@example.com", org: "Acme"), record(3, "three@example.com", org: "Acme")], by: f.root)
        } throws: { error in
            (error as? ImportRejected)?.problems.map(\.line) == [3]
        }
    }

    @Test("a dry run reports the plan and writes nothing", arguments: Backend.all)
    func dryRun(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("ana@example.com", .standard)
        let before = try (userCount(f), f.auditCount())
        let report = try f.roster.importer.run([record(2, "ana@example.com", "First", "Costa"), record(3, "new@example.com")],
                                               options: ImportOptions(update: true, dryRun: true), by: f.root)
        #expect(report.dryRun && report.created == 1 && report.updated == 1)
        #expect(report.entries.first?.change == .update(["last_name"]))
        #expect(try (userCount(f), f.auditCount()) == before)
    }

    @Test("the last administrator can't be demoted by an import", arguments: Backend.all)
    func lastAdmin(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("root@example.com", .administrator)
        #expect {
            try f.roster.importer.run([record(2, "root@example.com", "First", "Root", role: "standard")],
                                      options: ImportOptions(update: true), by: f.actor(admin))
        } throws: { error in
            (error as? ImportRejected)?.allDenied == true
        }
        #expect(try f.roster.users.find("root@example.com", by: f.root).systemRole == .administrator)
    }

    @Test("--no-invite queues no mail, and service accounts never get a link", arguments: Backend.all)
    func invitations(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let report = try f.roster.importer.run([record(2, "a@example.com")], options: ImportOptions(invite: false), by: f.root)
        #expect(report.invited == 0)
        let service = try f.roster.importer.run([record(2, "bot@example.com", kind: "service")], by: f.root)
        #expect(service.created == 1 && service.invited == 0)
        #expect(try f.roster.mail.recent(by: f.root).isEmpty)
    }

    @Test("an org admin learns nothing about accounts they can't see: no role, kind or difference, one refusal", arguments: Backend.all)
    func hiddenAccounts(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let admin = try f.actor(f.user("oa@example.com", .standard, org: acme.id, orgRole: .orgAdmin))
        try f.user("hidden@example.com", .administrator)
        for line in [record(2, "hidden@example.com", "First", "Hidden", role: "administrator"),
                     record(2, "hidden@example.com", "Other", "Name"),
                     record(2, "hidden@example.com", "First", "Hidden", kind: "service")] {
            #expect {
                try f.roster.importer.run([line], options: ImportOptions(dryRun: true), by: admin)
            } throws: { error in
                guard let problem = (error as? ImportRejected)?.problems.first else { return false }
                return problem.denied && !problem.reason.contains("administrator") && !problem.reason.contains("different")
                    && !problem.reason.contains("kind")
            }
        }
    }

    @Test("one file can't demote an org's last two org admins: the count is kept as the plan goes")
    func lastOrgAdminsAcrossLines() throws {
        let f = try Fixture()
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        try f.user("a@example.com", .standard, org: acme.id, orgRole: .orgAdmin)
        try f.user("b@example.com", .standard, org: acme.id, orgRole: .orgAdmin)
        #expect {
            try f.roster.importer.run([record(2, "a@example.com", "First", "A", org: "Acme", orgRole: "member"),
                                       record(3, "b@example.com", "First", "B", org: "Acme", orgRole: "member")],
                                      options: ImportOptions(update: true), by: f.root)
        } throws: { error in
            (error as? ImportRejected)?.problems.map(\.line) == [3]
        }
        let admins = try f.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM membership WHERE orgId = ? AND role = 'org-admin'", arguments: [acme.id.rawValue])
        }
        #expect(admins == 2)
    }
}


extension ImportTests {
    @Test("a dry run tells a hidden account and a hidden org no apart from missing ones, and its refusals are audited too", arguments: Backend.all)
    func dryRunNoOracle(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        _ = try f.roster.orgs.create(name: "Hidden", by: f.root)
        try f.user("taken@example.com", .standard)
        let standard = try f.actor(f.user("s@example.com", .standard, org: acme.id))
        func reasons(_ records: [ImportRecord], by actor: Actor) -> [String] {
            do {
                _ = try f.roster.importer.run(records, options: ImportOptions(dryRun: true), by: actor)
                return []
            } catch let rejected as ImportRejected {
                return rejected.problems.map { $0.reason.replacingOccurrences(of: "taken@", with: "EMAIL@")
                    .replacingOccurrences(of: "free@", with: "EMAIL@").replacingOccurrences(of: "Hidden", with: "ORG")
                    .replacingOccurrences(of: "Nowhere", with: "ORG") }
            } catch {
                return ["\(error)"]
            }
        }
        let rowsBefore = try f.auditCount()
        // A standard user may create nobody: an existing email and a free one get the same words.
        #expect(reasons([record(2, "taken@example.com")], by: standard) == reasons([record(2, "free@example.com")], by: standard))
        #expect(try f.auditCount() == rowsBefore + 2, "each refused dry run leaves its row")
        #expect(try f.lastAudit().details.contains("\"dryRun\":\"true\""))
        // An org they are not in is, to them, no org at all.
        #expect(reasons([record(2, "free@example.com", org: "Hidden")], by: standard)
                == reasons([record(2, "free@example.com", org: "Nowhere")], by: standard))
        // An org admin, who may create, hears that a hidden email is taken, as `users create` says.
        let oa = try f.actor(f.user("oa@example.com", .standard, org: acme.id, orgRole: .orgAdmin))
        #expect(reasons([record(2, "taken@example.com", org: "Acme")], by: oa).first?.contains("already exists") == true)
    }
}
