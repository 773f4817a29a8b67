import Foundation
import Testing
@testable import RosterCore

/// Grants of power (a system role above Standard user, or org admin): never through an API
/// key, and only with a recent password or code (sudo mode), however they are given.
@Suite("Grants of power")
struct GrantTests {
    @Test("Policy: which grants are power, and who may give them", arguments: [
        (Grant.systemRole(.readOnly), false), (.systemRole(.standard), false), (.systemRole(.accountsAdmin), true),
        (.systemRole(.administrator), true), (.orgRole(.readOnly), false), (.orgRole(.member), false), (.orgRole(.orgAdmin), true),
    ])
    func policy(grant: Grant, isPower: Bool) throws {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var key = Actor(identity: .user(UserID(rawValue: 1), try Email("a@example.com")), systemRole: .administrator)
        key.viaAPIKey = true
        #expect(grant.isPower == isPower)
        #expect((Policy.checkGrant(grant, by: key, at: now, reauthenticateMinutes: 15) == .apiKeyCannotGrantPower) == isPower)
        var stale = key
        stale.viaAPIKey = false
        stale.authenticatedAt = now.addingTimeInterval(-16 * 60)
        #expect((Policy.checkGrant(grant, by: stale, at: now, reauthenticateMinutes: 15) == .reauthenticationRequired(minutes: 15)) == isPower)
        stale.authenticatedAt = now.addingTimeInterval(-60)
        #expect(Policy.checkGrant(grant, by: stale, at: now, reauthenticateMinutes: 15) == nil)
    }

    /// An administrator's read-write API key.
    func adminKey(_ f: Fixture) throws -> Actor {
        let admin = try f.user("boss@example.com", .administrator)
        let created = try f.roster.apiKeys.create(for: admin.id, name: "deploy", scope: .readWrite, by: f.root)
        return try f.roster.apiKeys.authenticate(created.secret, ip: "198.51.100.9")
    }

    @Test("an API key mints no logins: no password for a new account, no administrator, no org admin, by any path", arguments: Backend.all)
    func apiKeyMintsNoLogins(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let key = try adminKey(f)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        let target = try f.user("t@example.com", .standard, org: org.id)
        let before = try f.auditCount()
        #expect(throws: Denial.apiKeyCannotSetPassword) {
            try f.roster.users.create(NewUser(email: "n@example.com", firstName: "N", lastName: "U"), by: key)
        }
        #expect(throws: Denial.apiKeyCannotSetPassword) {
            try f.roster.users.create(NewUser(email: "n@example.com", firstName: "N", lastName: "U", password: .typed("a long enough secret")), by: key)
        }
        #expect(throws: Denial.apiKeyCannotGrantPower) {
            try f.roster.users.create(NewUser(email: "n@example.com", firstName: "N", lastName: "U", systemRole: .administrator,
                                              password: .accountInfoLink), by: key)
        }
        #expect(throws: Denial.apiKeyCannotGrantPower) {
            try f.roster.users.create(NewUser(email: "n@example.com", firstName: "N", lastName: "U", password: .accountInfoLink,
                                              org: org.id, orgRole: .orgAdmin), by: key)
        }
        #expect(throws: Denial.apiKeyCannotGrantPower) { try f.roster.users.changeRole(target.id, to: .administrator, by: key) }
        #expect(throws: Denial.apiKeyCannotGrantPower) { try f.roster.orgs.changeOrgRole(target.id, in: org.id, to: .orgAdmin, by: key) }
        let other = try f.roster.orgs.create(name: "Other", by: f.root)
        #expect(throws: Denial.apiKeyCannotGrantPower) { try f.roster.orgs.addMember(target.id, to: other.id, role: .orgAdmin, by: key) }
        let imported = #expect(throws: ImportRejected.self) {
            try f.roster.importer.run([
                ImportRecord(line: 2, email: "i1@example.com", firstName: "I", lastName: "One", role: "operations-admin"),
                ImportRecord(line: 3, email: "i2@example.com", firstName: "I", lastName: "Two", org: "Acme", orgRole: "org-admin"),
                ImportRecord(line: 4, email: "t@example.com", firstName: "First", lastName: "T", role: "accounts-admin"),
            ], options: ImportOptions(update: true), by: key)
        }
        #expect(imported?.problems.map(\.line) == [2, 3, 4])
        #expect(imported?.problems.allSatisfy { $0.reason.contains("API keys can't grant power") } == true)
        // Each refusal is on the record; nothing else changed.
        let rows = try f.roster.audit.recent(limit: 20).prefix(try f.auditCount() - before).filter { $0.action != "org.create" }
        #expect(rows.map(\.action) == ["user.import", "membership.add", "membership.change-role", "user.change-role",
                                        "user.create", "user.create", "user.create", "user.create"])
        #expect(rows.allSatisfy { $0.outcome == .denied })
        #expect(try f.roster.users.find("t@example.com", by: f.root).systemRole == .standard)

        // What a key may do: an ordinary account with a link to set its password, a member, a demotion.
        let created = try f.roster.users.create(NewUser(email: "n@example.com", firstName: "N", lastName: "U", password: .accountInfoLink,
                                                        org: org.id, orgRole: .member), by: key)
        #expect(created.generatedPassword == nil)
        _ = try f.roster.orgs.addMember(target.id, to: other.id, role: .member, by: key)
        _ = try f.roster.users.changeRole(target.id, to: .readOnly, by: key)
    }

    @Test("a stale session grants nothing: org admin through create, add-member, set-member-role and import all ask first", arguments: Backend.all)
    func orgAdminNeedsSudo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("boss@example.com", .administrator)
        try f.roster.settings.set(.idleTimeoutMinutes, to: "0", by: f.root)
        let signIn = try f.roster.auth.signIn(email: "boss@example.com", password: "correct horse battery", ip: nil, client: "test")
        f.clock.advance(minutes: 16)
        let stale = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        let member = try f.user("m@example.com", .standard, org: org.id)
        let asked = Denial.reauthenticationRequired(minutes: 15)
        #expect(throws: asked) {
            try f.roster.users.create(NewUser(email: "n@example.com", firstName: "N", lastName: "U", org: org.id, orgRole: .orgAdmin), by: stale)
        }
        #expect(throws: asked) { try f.roster.orgs.changeOrgRole(member.id, in: org.id, to: .orgAdmin, by: stale) }
        let other = try f.roster.orgs.create(name: "Other", by: f.root)
        #expect(throws: asked) { try f.roster.orgs.addMember(member.id, to: other.id, role: .orgAdmin, by: stale) }
        let imported = #expect(throws: ImportRejected.self) {
            try f.roster.importer.run([ImportRecord(line: 2, email: "i@example.com", firstName: "I", lastName: "M", org: "Acme", orgRole: "org-admin")],
                                      options: ImportOptions(), by: stale)
        }
        #expect(imported?.problems.first?.reason.contains("Confirm it's you") == true)
        // Giving no power asks for nothing.
        _ = try f.roster.orgs.addMember(member.id, to: other.id, role: .member, by: stale)
        // After sudo, the same grant goes through.
        _ = try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: nil, ip: nil)
        let fresh = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        _ = try f.roster.orgs.changeOrgRole(member.id, in: org.id, to: .orgAdmin, by: fresh)
    }
}

extension GrantTests {
    @Test("an API key changes no system settings (the sudo window, SSH key alone) and sends no mail again", arguments: Backend.all)
    func apiKeyChangesNoSettings(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let key = try adminKey(f)
        #expect(throws: Denial.apiKeyCannotChangeSettings) { try f.roster.settings.set(.reauthenticateMinutes, to: "1440", by: key) }
        #expect(try f.lastAudit().outcome == .denied)
        #expect(Policy.checkMailRetry(by: key) == .apiKeyCannotManageCredentials)
    }
}

extension GrantTests {
    @Test("break-glass recovery restores administrators only", arguments: SystemRole.allCases)
    func recoverAdministratorsOnly(role: SystemRole) {
        #expect((Policy.checkRecover(targetRole: role) == nil) == (role == .administrator))
    }
}
