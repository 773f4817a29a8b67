import Foundation
import Testing
@testable import RosterCore

@Suite("Sudo mode: sensitive actions need a recent password or code")
struct ReauthenticationTests {
    @Test("Policy: a session older than the window is asked again; actors without a session never are", arguments: [
        (14.0, false), (15.0, false), (15.1, true), (600.0, true),
    ])
    func policyWindow(minutesAgo: Double, asked: Bool) {
        let now = Date(timeIntervalSince1970: 1_000_000)
        var actor = Actor(identity: .system("x"), systemRole: .administrator)
        #expect(Policy.checkRecentAuthentication(actor, at: now, withinMinutes: 15) == nil)
        actor.authenticatedAt = now.addingTimeInterval(-minutesAgo * 60)
        #expect((Policy.checkRecentAuthentication(actor, at: now, withinMinutes: 15) != nil) == asked)
    }

    @Test("which actions ask: passwords, MFA, roles (lent too), keys, IP rules, deleting; not locking, ending sessions or elevations")
    func sensitiveActions() {
        let asking = UserAction.allCases.filter(\.needsRecentAuthentication)
        #expect(Set(asking) == [.resetPassword, .resetMFA, .changeSystemRole, .delete, .manageAPIKeys, .manageSSHKeys, .manageIPRules, .elevate])
    }

    @Test("a stale session is refused a sensitive action (audited as denied) but may still lock; sudo lets it through", arguments: Backend.all)
    func serviceAsksAndSudoAllows(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("boss@example.com", .administrator)
        let target = try f.user("t@example.com", .standard).id
        let signIn = try f.roster.auth.signIn(email: "boss@example.com", password: "correct horse battery", ip: nil, client: "test")
        f.clock.advance(minutes: 16)
        let actor = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        #expect(throws: Denial.reauthenticationRequired(minutes: 15)) { try f.roster.mfa.reset(target, by: actor) }
        #expect(try f.lastAudit().outcome == .denied)
        #expect(try f.lastAudit().details.contains("reauthentication-required"))
        _ = try f.roster.users.lock(target, by: actor)
        #expect(try f.roster.auth.confirmationDue(token: signIn.token) == .password)

        #expect(throws: RosterError.wrongCurrentPassword) {
            try f.roster.auth.reauthenticate(token: signIn.token, password: "nope", code: nil, ip: nil)
        }
        #expect(try f.lastAudit().action == "session.reauthenticate" && f.lastAudit().outcome == .failed)
        let until = try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: nil, ip: "192.0.2.5")
        #expect(until == f.clock.now.addingTimeInterval(15 * 60))
        #expect(try f.lastAudit().action == "session.reauthenticate" && f.lastAudit().outcome == .success)
        #expect(try f.roster.auth.confirmationDue(token: signIn.token) == nil)
        // The actor read before the confirmation counts it too: the service reads the session again.
        _ = try f.roster.users.unlock(target, by: actor)
        _ = try f.roster.mfa.reset(target, by: actor)
    }

    @Test("the window is a setting (1 to 1440 minutes), and settings changes ask too", arguments: Backend.all)
    func windowSetting(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.approvalsOff()
        try f.user("boss@example.com", .administrator)
        let signIn = try f.roster.auth.signIn(email: "boss@example.com", password: "correct horse battery", ip: nil, client: "test")
        let actor = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        try f.roster.settings.set(.reauthenticateMinutes, to: "60", by: actor)
        try f.roster.settings.set(.idleTimeoutMinutes, to: "0", by: f.root)
        #expect(throws: RosterError.self) { try f.roster.settings.set(.reauthenticateMinutes, to: "0", by: actor) }
        f.clock.advance(minutes: 61)
        let later = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        #expect(throws: Denial.reauthenticationRequired(minutes: 60)) { try f.roster.settings.set(.lockoutThreshold, to: "5", by: later) }
    }

    @Test("an account with MFA confirms with its code, not its password; wrong answers count towards the lockout", arguments: Backend.all)
    func mfaAccountsUseCode(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("boss@example.com", .administrator)
        let actor = try f.signIn("boss@example.com")
        let enrollment = try f.roster.mfa.beginEnrollment(password: "correct horse battery", by: actor)
        let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
        _ = try f.roster.mfa.confirmEnrollment(code: totp.code(at: f.clock.now), by: actor)
        f.clock.advance(minutes: 1)
        let signIn = try f.roster.auth.signIn(email: "boss@example.com", password: "correct horse battery",
                                              code: totp.code(at: f.clock.now), ip: nil, client: "test")
        f.clock.advance(minutes: 20)
        #expect(try f.roster.auth.confirmationDue(token: signIn.token) == .code)
        #expect(throws: RosterError.invalidCode) {
            try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: "000000", ip: nil)
        }
        let boss = try f.roster.users.find("boss@example.com", by: f.root)
        #expect(try f.roster.users.user(boss.id).failedSignIns == 1)
        try f.roster.auth.reauthenticate(token: signIn.token, password: nil, code: totp.code(at: f.clock.now), ip: nil)
        #expect(try f.roster.auth.confirmationDue(token: signIn.token) == nil)
    }

    /// An administrator signed in, and a session 16 minutes old (idle limit off).
    func staleAdmin(_ f: Fixture) throws -> (Actor, String) {
        try f.user("boss@example.com", .administrator)
        try f.roster.settings.set(.idleTimeoutMinutes, to: "0", by: f.root)
        let signIn = try f.roster.auth.signIn(email: "boss@example.com", password: "correct horse battery", ip: nil, client: "test")
        f.clock.advance(minutes: 16)
        return (try f.roster.auth.actor(forToken: signIn.token, ip: nil), signIn.token)
    }

    @Test("no way round it: creating an administrator, importing a role change, lifting an MFA requirement, IP rules all ask", arguments: Backend.all)
    func everyGrantAsks(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (actor, _) = try staleAdmin(f)
        let target = try f.user("t@example.com", .standard).id
        let asked = Denial.reauthenticationRequired(minutes: 15)
        #expect(throws: asked) {
            try f.roster.users.create(NewUser(email: "new.admin@example.com", firstName: "N", lastName: "A", systemRole: .administrator), by: actor)
        }
        // An ordinary account needs no confirmation.
        _ = try f.roster.users.create(NewUser(email: "plain@example.com", firstName: "P", lastName: "L"), by: actor)
        let imported = #expect(throws: ImportRejected.self) {
            try f.roster.importer.run([ImportRecord(line: 2, email: "t@example.com", firstName: "First", lastName: "T", role: "administrator")],
                                      options: ImportOptions(update: true), by: actor)
        }
        #expect(imported?.problems.first?.reason.contains("Confirm it's you") == true, "\(String(describing: imported?.problems.first?.reason))")
        _ = try f.roster.users.updateProfile(target, ProfileChange(mfaEnrollmentRequired: true), by: f.root)
        #expect(throws: asked) { try f.roster.users.updateProfile(target, ProfileChange(mfaEnrollmentRequired: false), by: actor) }
        #expect(throws: asked) { try f.roster.auth.addIPRule("192.0.2.0/24", for: target, by: actor) }
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        _ = try f.roster.orgs.setMFARequired(org.id, true, by: actor)
        #expect(throws: asked) { try f.roster.orgs.setMFARequired(org.id, false, by: actor) }
    }

    @Test("sudo can't revive a session that timed out, and a success clears the failed attempts", arguments: Backend.all)
    func noRevival(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("boss@example.com", .administrator)
        let signIn = try f.roster.auth.signIn(email: "boss@example.com", password: "correct horse battery", ip: nil, client: "test")
        #expect(throws: RosterError.wrongCurrentPassword) {
            try f.roster.auth.reauthenticate(token: signIn.token, password: "nope", code: nil, ip: nil)
        }
        try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: nil, ip: nil)
        let boss = try f.roster.users.find("boss@example.com", by: f.root)
        #expect(try f.roster.users.user(boss.id).failedSignIns == 0)
        f.clock.advance(minutes: 31)
        #expect(throws: RosterError.sessionEnded(.idle)) {
            try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: nil, ip: nil)
        }
        #expect(throws: RosterError.self) { try f.roster.auth.actor(forToken: signIn.token, ip: nil) }
    }

    @Test("a bulk run whose operator can no longer act stops, instead of refusing and auditing every user", arguments: Backend.all)
    func bulkStops(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (actor, _) = try staleAdmin(f)
        let ids = try (0..<5).map { try f.user("u\($0)@example.com", .standard).id }
        let audits = try f.auditCount()
        let report = try f.roster.bulk(.resetMFA, on: .users(ids), by: actor)
        #expect(report.stopped == Denial.reauthenticationRequired(minutes: 15).message)
        #expect(report.done.isEmpty && report.refused.isEmpty)
        #expect(try f.auditCount() - audits == 1, "one denial, not five")
    }
}

