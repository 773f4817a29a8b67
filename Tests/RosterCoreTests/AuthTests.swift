import Foundation
import Testing
@testable import RosterCore

@Suite("Sign-in and sessions")
struct AuthTests {
    @Test("a correct password opens a session whose token is stored only as a hash", arguments: Backend.all)
    func signIn(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("ok@example.com", .standard)
        let signIn = try f.roster.auth.signIn(email: "OK@example.com", password: "correct horse battery", ip: "198.51.100.4", client: "cli")
        #expect(signIn.user.id == user.id && signIn.user.lastSignInAt == f.clock.now)
        #expect(signIn.session.tokenHash != signIn.token && signIn.session.tokenHash.count == 64)
        #expect(signIn.session.ip == "198.51.100.4" && signIn.session.client == "cli")
        let actor = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        #expect(actor.userId == user.id)
    }

    @Test("an unknown email and a wrong password fail alike, and both are audited", arguments: Backend.all)
    func sameFailure(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("ok@example.com", .standard)
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(email: "nobody@example.com", password: "x", ip: "198.51.100.5", client: nil) }
        let unknown = try f.lastAudit()
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(email: "ok@example.com", password: "wrong", ip: "198.51.100.5", client: nil) }
        let wrong = try f.lastAudit()
        #expect(unknown.outcome == .failed && wrong.outcome == .failed)
        #expect(unknown.actorIP == "198.51.100.5" && wrong.actorIP == "198.51.100.5")
    }

    @Test("API service accounts can't sign in interactively", arguments: Backend.all)
    func serviceAccount(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let service = try f.user("bot@example.com", .standard, kind: .service)
        #expect(service.passwordHash == nil)
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(email: "bot@example.com", password: "", ip: nil, client: nil) }
    }

    @Test("failed sign-ins past the threshold lock the account for a while", arguments: Backend.all)
    func lockout(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("ok@example.com", .standard)
        _ = try f.roster.settings.set(.lockoutThreshold, to: "3", by: f.root)
        for _ in 0..<3 { _ = try? f.roster.auth.signIn(email: "ok@example.com", password: "nope", ip: nil, client: nil) }
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(email: "ok@example.com", password: "correct horse battery", ip: nil, client: nil) }
        f.clock.advance(minutes: 2)
        #expect(try f.roster.auth.signIn(email: "ok@example.com", password: "correct horse battery", ip: nil, client: nil).user.failedSignIns == 0)
    }

    @Test("a session ends after the user's idle limit, and after sign-out", arguments: Backend.all)
    func sessionEnds(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("ok@example.com", .standard)
        _ = try f.roster.users.updateProfile(user.id, ProfileChange(logOutAfterMinutes: 30), by: admin)
        let first = try f.roster.auth.signIn(email: "ok@example.com", password: "correct horse battery", ip: nil, client: nil)
        f.clock.advance(minutes: 31)
        #expect(throws: RosterError.sessionEnded(.idle)) { try f.roster.auth.actor(forToken: first.token, ip: nil) }
        let second = try f.roster.auth.signIn(email: "ok@example.com", password: "correct horse battery", ip: nil, client: nil)
        try f.roster.auth.signOut(token: second.token)
        #expect(throws: RosterError.sessionEnded(.ended)) { try f.roster.auth.actor(forToken: second.token, ip: nil) }
    }

    @Test("an admin can end all of a user's sessions", arguments: Backend.all)
    func endAll(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("ok@example.com", .standard)
        let signIn = try f.roster.auth.signIn(email: "ok@example.com", password: "correct horse battery", ip: nil, client: nil)
        #expect(try f.roster.auth.endAllSessions(of: user.id, by: admin) == 1)
        #expect(throws: RosterError.sessionEnded(.ended)) { try f.roster.auth.actor(forToken: signIn.token, ip: nil) }
    }

    @Test("IP rules must be valid CIDR", arguments: ["10.0.0.0/8", "2001:db8::/32", "192.0.2.1/32"])
    func validCIDR(cidr: String) { #expect(IPRuleFormat.isValid(cidr)) }

    @Test("malformed CIDR is refused", arguments: ["10.0.0.0", "10.0.0.0/33", "nonsense/8", "::/129", ""])
    func invalidCIDR(cidr: String) { #expect(!IPRuleFormat.isValid(cidr)) }
}

@Suite("Sign-in lockout")
struct LockoutTests {
    @Test("the lockout doubles from 1 minute up to 15 and a success resets the count", arguments: Backend.all)
    func doubling(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("ok@example.com", .standard)
        _ = try f.roster.settings.set(.lockoutThreshold, to: "2", by: f.root)
        var lockouts: [Double] = []
        for _ in 0..<6 {
            for _ in 0..<2 {
                _ = try? f.roster.auth.signIn(email: "ok@example.com", password: "wrong", ip: nil, client: nil)
                if let until = try f.roster.users.user(user.id).lockedUntil, until > f.clock.now {
                    lockouts.append(until.timeIntervalSince(f.clock.now) / 60)
                    f.clock.advance(minutes: until.timeIntervalSince(f.clock.now) / 60)
                    break
                }
            }
        }
        #expect(lockouts == [1, 2, 4, 8, 15, 15])
        _ = try f.signIn("ok@example.com")
        #expect(try f.roster.users.user(user.id).failedSignIns == 0)
    }

    @Test("locked, deactivated and unknown accounts get the same message as a wrong password", arguments: Backend.all)
    func sameMessage(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let locked = try f.user("locked@example.com", .standard)
        let gone = try f.user("gone@example.com", .standard)
        _ = try f.roster.users.lock(locked.id, by: f.root)
        _ = try f.roster.users.deactivate(gone.id, by: f.root)
        for email in ["locked@example.com", "gone@example.com", "nobody@example.com"] {
            #expect(throws: RosterError.signInFailed) { try f.signIn(email) }
        }
    }
}
