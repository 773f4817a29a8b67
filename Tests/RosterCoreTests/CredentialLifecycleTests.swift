import Foundation
import Testing
@testable import RosterCore

/// Credentials end when they should, and the paths to someone else's credentials are closed
/// (issue: security model, items 4 and 5).
@Suite("Credential lifecycle")
struct CredentialLifecycleTests {
    /// A user with an open session and an API key.
    static func withAccess(_ f: Fixture, _ email: String = "mei@example.com", org: OrgID? = nil) throws -> (User, SignIn, CreatedAPIKey) {
        let user = try f.user(email, .standard, org: org)
        let signIn = try f.roster.auth.signIn(email: email, password: "correct horse battery", ip: "192.0.2.1", client: "test")
        let key = try f.roster.apiKeys.create(for: user.id, name: "ci", scope: .readWrite, by: f.root)
        return (user, signIn, key)
    }

    static func lostAccess(_ f: Fixture, _ signIn: SignIn, _ key: CreatedAPIKey) -> Bool {
        let sessionGone = (try? f.roster.auth.actor(forToken: signIn.token, ip: nil)) == nil
        let keyGone = (try? f.roster.apiKeys.authenticate(key.secret, ip: nil)) == nil
        return sessionGone && keyGone
    }

    @Test("deactivate, reset MFA, a temporary password, a redeemed link and delete each end every session and revoke every key", arguments: Backend.all)
    func everyWayInEnds(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let cases: [(String, (UserID) throws -> Void)] = [
            ("deactivate", { _ = try f.roster.users.deactivate($0, by: f.root) }),
            ("reset MFA", { _ = try f.roster.mfa.reset($0, by: f.root) }),
            ("temporary password", { _ = try f.roster.passwords.setTemporaryPassword($0, by: f.root) }),
            ("delete", { _ = try f.roster.users.delete($0, by: f.root) }),
        ]
        for (index, (name, action)) in cases.enumerated() {
            let (user, signIn, key) = try Self.withAccess(f, "u\(index)@example.com")
            try action(user.id)
            let row = try f.lastAudit()
            #expect(Self.lostAccess(f, signIn, key), "\(name)")
            #expect(row.details.contains("\"apiKeysRevoked\":\"1\"") && row.details.contains("\"sessionsEnded\":\"1\""), "\(name): \(row.action) \(row.details)")
        }
        let (user, signIn, key) = try Self.withAccess(f, "redeem@example.com")
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        _ = try f.roster.passwords.redeem(token: try PasswordResetTests.mailedToken(f), newPassword: "plum orchard at dusk", ip: nil)
        #expect(Self.lostAccess(f, signIn, key), "redeemed link")
    }

    @Test("reactivating and unlocking revive nothing", arguments: Backend.all)
    func reactivationRevivesNothing(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (user, signIn, key) = try Self.withAccess(f)
        _ = try f.roster.users.deactivate(user.id, by: f.root)
        _ = try f.roster.users.reactivate(user.id, by: f.root)
        #expect(Self.lostAccess(f, signIn, key))
    }

    @Test("a throttle lock stops new password sign-ins only: the open session and the key keep working", arguments: Backend.all)
    func throttleLockKeepsSessions(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (_, signIn, key) = try Self.withAccess(f)
        // From ten sources, so no source is throttled and the account's own limit is reached.
        for attempt in 0..<10 {
            _ = try? f.roster.auth.signIn(email: "mei@example.com", password: "wrong password", ip: "198.51.100.\(attempt)", client: "test")
        }
        #expect(throws: RosterError.signInFailed) {
            try f.roster.auth.signIn(email: "mei@example.com", password: "correct horse battery", ip: nil, client: "test")
        }
        #expect(try f.roster.auth.actor(forToken: signIn.token, ip: nil).label == "mei@example.com")
        #expect(try f.roster.apiKeys.authenticate(key.secret, ip: nil).label == "mei@example.com")
    }

    @Test("changing one's own password ends the other sessions, keeps this one, and cancels pending links", arguments: Backend.all)
    func ownPasswordChange(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (user, other, _) = try Self.withAccess(f)
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        let here = try f.signIn("mei@example.com")
        try f.roster.passwords.changeOwnPassword(current: "correct horse battery", new: "plum orchard at dusk", by: here)
        #expect((try? f.roster.auth.actor(forToken: other.token, ip: nil)) == nil)
        #expect(try f.roster.passwords.pendingResets(for: user.id).isEmpty)
        #expect(try f.roster.users.count(matching: nil, by: here) == 1, "this session goes on")
    }

    @Test("API keys never manage credentials: no keys, no passwords, no MFA, no resets", arguments: Backend.all)
    func apiKeysAndCredentials(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("root@example.com", .administrator)
        let target = try f.user("mei@example.com", .standard)
        let key = try f.roster.apiKeys.create(for: admin.id, name: "automation", scope: .readWrite, by: f.root)
        let viaKey = try f.roster.apiKeys.authenticate(key.secret, ip: nil)
        #expect(throws: Denial.apiKeyCannotManageCredentials) {
            try f.roster.apiKeys.create(for: admin.id, name: "another", scope: .read, by: viaKey)
        }
        #expect(throws: Denial.apiKeyCannotManageCredentials) { try f.roster.passwords.sendResetLink(target.id, by: viaKey) }
        #expect(throws: Denial.apiKeyCannotManageCredentials) { try f.roster.mfa.reset(target.id, by: viaKey) }
        #expect(throws: Denial.apiKeyCannotManageCredentials) {
            try f.roster.passwords.changeOwnPassword(current: "correct horse battery", new: "plum orchard at dusk", by: viaKey)
        }
        // Data is fine: the key may still deactivate someone.
        #expect(try f.roster.users.deactivate(target.id, by: viaKey).user.status == .deactivated)
    }

    @Test("a key's lifetime never exceeds the setting", arguments: Backend.all)
    func keyExpiryCeiling(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        for days in [0, 91, 3650] {
            let error = #expect(throws: RosterError.self, "\(days) days") {
                try f.roster.apiKeys.create(for: user.id, name: "k\(days)", scope: .read, expiresInDays: days, by: f.root)
            }
            #expect(error?.message.contains("keys expire within 90 days here") == true, "\(String(describing: error))")
        }
        let key = try f.roster.apiKeys.create(for: user.id, name: "ok", scope: .read, expiresInDays: 90, by: f.root)
        #expect(key.key.expiresAt == f.clock.now.addingTimeInterval(90 * 86400))
    }

    @Test("an org admin acts on credentials only of users all of whose orgs they administer, and adds only such users", arguments: Backend.all)
    func orgAdminScope(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let beta = try f.roster.orgs.create(name: "Beta", by: f.root)
        let orgAdmin = try f.actor(f.user("boss@example.com", .standard, org: acme.id, orgRole: .orgAdmin))
        let onlyAcme = try f.user("a@example.com", .standard, org: acme.id)
        let both = try f.user("b@example.com", .standard, org: acme.id)
        _ = try f.roster.orgs.addMember(both.id, to: beta.id, role: .member, by: f.root)
        let onlyBeta = try f.user("c@example.com", .standard, org: beta.id)
        let nowhere = try f.user("d@example.com", .standard)

        _ = try f.roster.passwords.sendResetLink(onlyAcme.id, by: orgAdmin)
        #expect(throws: Denial.notPermitted(.resetPassword)) { try f.roster.passwords.sendResetLink(both.id, by: orgAdmin) }
        #expect(throws: Denial.notPermitted(.resetMFA)) { try f.roster.mfa.reset(both.id, by: orgAdmin) }
        #expect(throws: Denial.notPermitted(.manageAPIKeys)) {
            try f.roster.apiKeys.create(for: both.id, name: "k", scope: .read, by: orgAdmin)
        }
        // Other actions still follow "an org they share".
        _ = try f.roster.users.updateProfile(both.id, ProfileChange(firstName: "Bea"), by: orgAdmin)

        let second = try f.roster.orgs.create(name: "Gamma", by: f.root)
        _ = try f.roster.orgs.addMember(try #require(orgAdmin.userId), to: second.id, role: .orgAdmin, by: f.root)
        _ = try f.roster.orgs.addMember(onlyAcme.id, to: second.id, role: .member, by: orgAdmin)
        #expect(throws: Denial.notPermitted(.addToOrg)) { try f.roster.orgs.addMember(both.id, to: second.id, role: .member, by: orgAdmin) }
        // A user in none of their orgs, and an org they are not in, are answered as missing.
        #expect(throws: RosterError.userNotFound(String(nowhere.id.rawValue))) { try f.roster.orgs.addMember(nowhere.id, to: acme.id, role: .member, by: orgAdmin) }
        #expect(throws: RosterError.orgNotFound(String(beta.id.rawValue))) {
            try f.roster.orgs.addMember(onlyBeta.id, to: beta.id, role: .member, by: orgAdmin)
        }
        #expect(try f.lastAudit().outcome == .denied)
    }
}

@Suite("Own requirements")
struct OwnRequirementTests {
    @Test("an account can't lift requirements set on it, nor raise its idle limit above the system's", arguments: Backend.all)
    func cannotLiftOwn(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        _ = try f.roster.users.updateProfile(user.id, ProfileChange(termsAcceptanceRequired: true), by: admin)
        let mei = try f.actor(user)
        #expect(throws: Denial.ownRequirement) {
            try f.roster.users.updateProfile(user.id, ProfileChange(termsAcceptanceRequired: false), by: mei)
        }
        #expect(try f.lastAudit().outcome == .denied)
        _ = try f.roster.users.updateProfile(user.id, ProfileChange(firstName: "Mei"), by: mei)
        #expect(throws: Denial.ownRequirement) { try f.roster.users.requirePasswordChange(try #require(admin.userId), false, by: admin) }
        // Raising one's own log-out-after is allowed to be stored, but the smaller limit rules.
        var settings = SystemSettings()
        settings.idleTimeoutMinutes = 30
        var stored = try f.roster.users.user(user.id)
        stored.logOutAfterMinutes = 600
        #expect(settings.idleMinutes(for: stored) == 30)
        stored.logOutAfterMinutes = 10
        #expect(settings.idleMinutes(for: stored) == 10)
    }
}
