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

    @Test("which actions ask: passwords, MFA, roles, keys, deleting; not locking or ending sessions")
    func sensitiveActions() {
        let asking = UserAction.allCases.filter(\.needsRecentAuthentication)
        #expect(Set(asking) == [.resetPassword, .resetMFA, .changeSystemRole, .delete, .manageAPIKeys, .manageSSHKeys])
    }

    @Test("a stale session is refused a sensitive action (audited as denied) but may still lock; sudo lets it through")
    func serviceAsksAndSudoAllows() throws {
        let f = try Fixture()
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

    @Test("the window is a setting (1 to 1440 minutes), and settings changes ask too")
    func windowSetting() throws {
        let f = try Fixture()
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

    @Test("an account with MFA confirms with its code, not its password; wrong answers count towards the lockout")
    func mfaAccountsUseCode() throws {
        let f = try Fixture()
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
}
