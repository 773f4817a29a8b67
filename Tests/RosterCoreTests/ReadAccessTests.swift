import Foundation
import Testing
@testable import RosterCore

/// Who may read what, through the services the CLI and the console call, with real accounts
/// in a real database.
@Suite("Read access")
struct ReadAccessTests {
    /// Two orgs; one account per reader kind; a read-only API key of the administrator.
    struct World {
        let f: Fixture
        let acme: Org, beta: Org
        let memberOfAcme: User, memberOfBeta: User
        let readers: [(name: String, actor: Actor)]

        init(_ backend: Backend = .sqlite) throws {
            f = try Fixture(backend)
            acme = try f.roster.orgs.create(name: "Acme", by: f.root)
            beta = try f.roster.orgs.create(name: "Beta", by: f.root)
            let admin = try f.user("admin@example.com", .administrator)
            let ops = try f.user("ops@example.com", .operationsAdmin)
            let accounts = try f.user("accounts@example.com", .accountsAdmin)
            let orgAdmin = try f.user("orgadmin@example.com", .standard, org: acme.id, orgRole: .orgAdmin)
            let standard = try f.user("standard@example.com", .standard)
            let readOnly = try f.user("readonly@example.com", .readOnly)
            memberOfAcme = try f.user("member@example.com", .standard, org: acme.id)
            memberOfBeta = try f.user("other@example.com", .standard, org: beta.id)
            _ = try f.roster.passwords.sendResetLink(memberOfAcme.id, by: f.root)
            let key = try f.roster.apiKeys.create(for: admin.id, name: "reports", scope: .read, by: f.root)
            readers = [
                ("administrator", try f.actor(admin)), ("operations admin", try f.actor(ops)),
                ("accounts admin", try f.actor(accounts)), ("org admin", try f.actor(orgAdmin)),
                ("standard", try f.actor(standard)), ("read-only", try f.actor(readOnly)),
                ("read-only API key", try f.roster.apiKeys.authenticate(key.secret, ip: "192.0.2.1")),
            ]
        }
    }

    /// One read as a CLI command would make it; the cell says what came back.
    typealias Read = @Sendable (World, Actor) throws -> String

    static let reads: [(command: String, read: Read)] = [
        ("users list", { w, a in "\(try w.f.roster.users.count(matching: nil, by: a)) users" }),
        ("users list --sort role", { w, a in
            _ = try w.f.roster.users.list(UserQuery(sort: UserSort(.role)), by: a); return "allowed" }),
        ("users show (own org)", { w, a in
            let profile = try w.f.roster.users.find("member@example.com", by: a)
            return profile.systemRole == nil ? "allowed, no role" : "allowed" }),
        ("users show (other org)", { w, a in _ = try w.f.roster.users.find("other@example.com", by: a); return "allowed" }),
        ("users sessions", { w, a in _ = try w.f.roster.auth.sessions(of: w.memberOfAcme.id, by: a); return "allowed" }),
        ("users ip-rules", { w, a in _ = try w.f.roster.auth.ipRules(of: w.memberOfAcme.id, by: a); return "allowed" }),
        ("details drawer (own org)", { w, a in
            let d = try w.f.roster.users.detail(of: w.memberOfAcme.id, by: a)
            let hidden = [("API keys", d.apiKeys == nil), ("SSH keys", d.sshKeys == nil), ("resets", d.pendingResets == nil),
                          ("sessions", d.sessions == nil), ("activity", d.activity == nil)].filter(\.1).map(\.0)
            return hidden.isEmpty ? "every part" : "no " + hidden.joined(separator: "/") }),
        ("users ssh-keys list", { w, a in _ = try w.f.roster.sshKeys.keys(of: w.memberOfAcme.id, by: a); return "allowed" }),
        ("keys list --user", { w, a in _ = try w.f.roster.apiKeys.keys(of: w.memberOfAcme.id, by: a); return "allowed" }),
        ("resets list --user", { w, a in _ = try w.f.roster.passwords.pendingResets(for: w.memberOfAcme.id, by: a); return "allowed" }),
        ("resets list", { w, a in "\(try w.f.roster.passwords.pendingResets(by: a).count) links" }),
        ("audit list", { w, a in
            let all = try w.f.roster.audit.recent(limit: 10_000)
            let seen = try w.f.roster.audit.recent(limit: 10_000, by: a)
            return seen.count == all.count ? "all rows" : "\(seen.count) of \(all.count) rows" }),
        ("mail list", { w, a in _ = try w.f.roster.mail.recent(by: a); return "allowed" }),
        ("settings list", { w, a in _ = try w.f.roster.settings.current(by: a); return "allowed" }),
        ("orgs list", { w, a in "\(try w.f.roster.orgs.all(by: a).count) orgs" }),
        ("orgs members Acme", { w, a in "\(try w.f.roster.orgs.members(of: w.acme.id, by: a).count) members" }),
    ]

    /// The whole table, one line per read: what each reader gets. Compared with
    /// `Tests/RosterCoreTests/Golden/read-access.txt`; `ROSTER_RECORD_SCREENS=1` re-records it.
    @Test("every read × every kind of reader: allowed, scoped or denied, as the access rules say", arguments: Backend.all)
    func readAccessTable(_ backend: Backend) throws {
        let world = try World(backend)
        var lines = ["| read | " + world.readers.map(\.name).joined(separator: " | ") + " |",
                     "|---|" + String(repeating: "---|", count: world.readers.count)]
        for (command, read) in Self.reads {
            var cells: [String] = []
            for (_, actor) in world.readers {
                let auditRows = try world.f.auditCount()
                do {
                    cells.append(try read(world, actor))
                    #expect(try world.f.auditCount() == auditRows, "\(command): an allowed read writes nothing")
                } catch let denial as Denial {
                    cells.append("denied")
                    let row = try world.f.lastAudit()
                    #expect(row.outcome == .denied && row.details.contains(denial.code), "\(command): a denied read is audited")
                    #expect(try world.f.auditCount() == auditRows + 1)
                } catch let answer as RosterError {
                    // Hidden: told as if it did not exist, and audited for those who may read the trail.
                    cells.append("not found")
                    let row = try world.f.lastAudit()
                    #expect(row.outcome == .denied && row.details.contains("not-visible"), "\(command): \(answer.message)")
                    #expect(try world.f.auditCount() == auditRows + 1)
                }
            }
            lines.append("| \(command) | " + cells.joined(separator: " | ") + " |")
        }
        try assertGoldenText(lines.joined(separator: "\n"), file: "read-access.txt")
    }

    @Test("an org admin lists exactly the members of the orgs they administer, and themselves", arguments: Backend.all)
    func orgAdminScope(_ backend: Backend) throws {
        let world = try World(backend)
        let orgAdmin = try #require(world.readers.first { $0.name == "org admin" }?.actor)
        let rows = try world.f.roster.users.list(UserQuery(limit: 100), by: orgAdmin).rows
        #expect(Set(rows.map(\.email.value)) == ["orgadmin@example.com", "member@example.com"])
        #expect(rows.allSatisfy { $0.systemRole == nil }, "an org admin sees no System Role")
        // A filter and keyset paging stay inside the scope.
        let filtered = try world.f.roster.users.list(UserQuery(filter: "example", limit: 1), by: orgAdmin)
        #expect(filtered.rows.count == 1 && filtered.hasMoreAfter)
        let cursor = UserCursor(row: filtered.rows[0], column: .name)
        let next = try world.f.roster.users.list(UserQuery(filter: "example", position: .after(cursor), limit: 1), by: orgAdmin)
        #expect(next.rows.count == 1 && !next.hasMoreAfter)
        #expect(Set((filtered.rows + next.rows).map(\.email.value)) == ["orgadmin@example.com", "member@example.com"])
        #expect(try world.f.roster.users.count(matching: "other", by: orgAdmin) == 0)
    }

    @Test("a member moved into the org admin's org becomes visible, and one removed disappears", arguments: Backend.all)
    func scopeFollowsMemberships(_ backend: Backend) throws {
        let world = try World(backend)
        let orgAdmin = try #require(world.readers.first { $0.name == "org admin" }?.actor)
        #expect(throws: RosterError.userNotFound("other@example.com")) { try world.f.roster.users.find("other@example.com", by: orgAdmin) }
        _ = try world.f.roster.orgs.addMember(world.memberOfBeta.id, to: world.acme.id, role: .member, by: world.f.root)
        #expect(try world.f.roster.users.find("other@example.com", by: orgAdmin).email.value == "other@example.com")
        try world.f.roster.orgs.removeMember(world.memberOfBeta.id, from: world.acme.id, by: world.f.root)
        #expect(throws: RosterError.userNotFound("other@example.com")) { try world.f.roster.users.find("other@example.com", by: orgAdmin) }
    }

    @Test("reads use the account as stored now: a deactivated reader is refused, a demoted one sees less", arguments: Backend.all)
    func readerRereadEachTime(_ backend: Backend) throws {
        let world = try World(backend)
        let accounts = try #require(world.readers.first { $0.name == "accounts admin" }?.actor)
        #expect(try world.f.roster.users.count(matching: nil, by: accounts) == 8)
        let accountsId = try #require(accounts.userId)
        _ = try world.f.roster.users.changeRole(accountsId, to: .standard, by: world.f.root)
        #expect(try world.f.roster.users.count(matching: nil, by: accounts) == 1, "the old actor value carries no power")
        _ = try world.f.roster.users.deactivate(accountsId, by: world.f.root)
        #expect(throws: Denial.actorUnavailable) { try world.f.roster.users.count(matching: nil, by: accounts) }
        #expect(try world.f.lastAudit().action == "user.list")
    }
}

/// Compares `text` with `Tests/RosterCoreTests/Golden/<file>`; `ROSTER_RECORD_SCREENS=1` re-records.
func assertGoldenText(_ text: String, file name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    let file = folder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["ROSTER_RECORD_SCREENS"] == "1" || !FileManager.default.fileExists(atPath: file.path) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try (text + "\n").write(to: file, atomically: true, encoding: .utf8)
        if ProcessInfo.processInfo.environment["ROSTER_RECORD_SCREENS"] != "1" {
            Issue.record(Comment(rawValue: "Recorded new golden \(name); check it and run again."), sourceLocation: sourceLocation)
        }
        return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    #expect(expected == text + "\n", "differs from Golden/\(name):\n\(text)", sourceLocation: sourceLocation)
}

extension ReadAccessTests {
    @Test("a scoped reader can't tell a hidden user from a missing one", arguments: Backend.all)
    func noEnumeration(_ backend: Backend) throws {
        let world = try World(backend)
        let orgAdmin = try #require(world.readers.first { $0.name == "org admin" }?.actor)
        // The same answer, word for word, as for an email nobody has; only the hidden one leaves
        // a row, and that row is one the org admin can't list.
        let rowsBefore = try world.f.roster.audit.recent(limit: 10_000, by: orgAdmin).count
        #expect(throws: RosterError.userNotFound("other@example.com")) { try world.f.roster.users.find("other@example.com", by: orgAdmin) }
        #expect(throws: RosterError.userNotFound("nobody@example.com")) { try world.f.roster.users.find("nobody@example.com", by: orgAdmin) }
        #expect(try world.f.lastAudit().details.contains("not-visible"))
        #expect(try world.f.roster.audit.recent(limit: 10_000, by: orgAdmin).count == rowsBefore)
        let admin = try #require(world.readers.first { $0.name == "administrator" }?.actor)
        #expect(throws: RosterError.userNotFound("nobody@example.com")) { try world.f.roster.users.find("nobody@example.com", by: admin) }
    }

    @Test("the detail says which drawer actions the reader may not take, and why, from Policy", arguments: Backend.all)
    func detailRefusals(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acc = try f.user("acc@example.com", .accountsAdmin)
        let boss = try f.user("boss@example.com", .operationsAdmin)
        let peer = try f.user("peer@example.com", .standard)
        let own = try f.roster.users.detail(of: acc.id, by: f.actor(acc))
        #expect(own.refusals[.lock] != nil && own.refusals[.delete] != nil, "not on one's own account")
        let outranked = try f.roster.users.detail(of: boss.id, by: f.actor(acc))
        #expect(outranked.refusals[.deactivate] != nil)
        let allowed = try f.roster.users.detail(of: peer.id, by: f.actor(acc))
        #expect(allowed.refusals[.lock] == nil && allowed.refusals[.deactivate] == nil)
    }
}


extension ReadAccessTests {
    @Test("an org admin sees a member's orgs only among those they administer: the list's Orgs column and the audit rows", arguments: Backend.all)
    func orgAdminSeesOnlyTheirOrgs(_ backend: Backend) throws {
        let world = try World(backend)
        let orgAdmin = try #require(world.readers.first { $0.name == "org admin" }?.actor)
        _ = try world.f.roster.orgs.addMember(world.memberOfAcme.id, to: world.beta.id, role: .member, by: world.f.root)
        let admin = try #require(world.readers.first { $0.name == "administrator" }?.actor)
        let everyone = try world.f.roster.users.list(UserQuery(filter: "member@", limit: 10), by: admin).rows
        #expect(everyone.first?.orgs == "Acme, Beta")
        let scoped = try world.f.roster.users.list(UserQuery(filter: "member@", limit: 10), by: orgAdmin).rows
        #expect(scoped.map(\.orgs) == ["Acme"])
        #expect(try world.f.roster.users.rows([world.memberOfAcme.id], sort: UserSort(.name), by: orgAdmin).map(\.orgs) == ["Acme"])
        // The row that added the member to Beta is about Beta: not the Acme admin's to read.
        let rows = try world.f.roster.audit.recent(limit: 10_000, by: orgAdmin)
        #expect(!rows.contains { $0.org == "Beta" }, "\(rows.filter { $0.org == "Beta" }.map(\.action))")
        #expect(rows.contains { $0.org == "Acme" }, "rows about Acme stay readable")
    }
}

extension ReadAccessTests {
    @Test("an org admin's audit rows name no system role, no other org, and nobody's probe of what they can't see", arguments: Backend.all)
    func scopedAuditDetails(_ backend: Backend) throws {
        let world = try World(backend)
        let orgAdmin = try #require(world.readers.first { $0.name == "org admin" }?.actor)
        let admin = try #require(world.readers.first { $0.name == "administrator" }?.actor)
        _ = try world.f.roster.users.changeRole(world.memberOfAcme.id, to: .accountsAdmin, by: admin)
        _ = try world.f.roster.orgs.addMember(world.memberOfAcme.id, to: world.beta.id, role: .member, by: admin)
        // Someone outside Acme asks after Acme's member: a probe, refused as not found.
        let outsider = try world.f.actor(world.f.user("outsider@example.com", .standard))
        #expect(throws: RosterError.self) { try world.f.roster.users.find("member@example.com", by: outsider) }
        let everything = try world.f.roster.audit.recent(limit: 10_000, by: admin)
        #expect(everything.contains { $0.actor == "outsider@example.com" })
        #expect(everything.contains { $0.action == "user.change-role" && $0.details.contains("accounts-admin") })
        let rows = try world.f.roster.audit.recent(limit: 10_000, by: orgAdmin)
        #expect(rows.contains { $0.action == "user.change-role" }, "the change itself stays on their record")
        for row in rows {
            #expect(!row.details.contains("accounts-admin") && !row.details.contains("administrator") && !row.details.contains("\"message\""),
                    "\(row.action): \(row.details)")
            #expect(!row.details.contains("Beta"), "\(row.action): \(row.details)")
            #expect(row.actor != "outsider@example.com")
        }
    }
}

extension ReadAccessTests {
    @Test("no oracles in groups, org filters and the role picker: hidden answers as missing, a filter by an org one only belongs to is refused, every role refused alike", arguments: Backend.all)
    func moreOracles(_ backend: Backend) throws {
        let world = try World(backend)
        let orgAdmin = try #require(world.readers.first { $0.name == "org admin" }?.actor)
        let betaGroup = try world.f.roster.groups.create(name: "Ops", in: world.beta.id, by: world.f.root)
        let missing = GroupID(rawValue: 9_999)
        // A group in an org they can't see is answered as a missing group, word for word.
        let hidden = #expect(throws: RosterError.self) { try world.f.roster.groups.rename(betaGroup.id, to: "X", by: orgAdmin) }
        let absent = #expect(throws: RosterError.self) { try world.f.roster.groups.rename(missing, to: "X", by: orgAdmin) }
        #expect(hidden.map { "\($0)".replacingOccurrences(of: String(betaGroup.id.rawValue), with: "ID") }
                == absent.map { "\($0)".replacingOccurrences(of: "9999", with: "ID") })
        // Filtering by an org they only belong to would show who else is in it.
        _ = try world.f.roster.orgs.addMember(try #require(orgAdmin.userId), to: world.beta.id, role: .member, by: world.f.root)
        let member = try world.f.actor(try world.f.roster.users.user(try #require(orgAdmin.userId)))
        #expect(throws: Denial.cannotView(.orgMembers)) { try world.f.roster.users.count(UserSelection(org: world.beta.id), by: member) }
        _ = try world.f.roster.users.count(UserSelection(org: world.acme.id), by: member)
        // The drawer's role picker shows nothing of the role to those who may not see it.
        let detail = try world.f.roster.users.detail(of: world.memberOfAcme.id, by: member)
        #expect(Set(detail.roleRefusals.keys) == Set(SystemRole.allCases))
        #expect(Set(detail.roleRefusals.values).count == 1)
        #expect(detail.refusals[.changeSystemRole] != nil)
    }
}
