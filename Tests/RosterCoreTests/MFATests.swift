import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("MFA")
struct MFATests {
    /// Enrolls `email` and returns the TOTP, the recovery codes and the actor.
    static func enrolled(_ f: Fixture, _ email: String = "mei@example.com") throws -> (TOTP, [String], Actor) {
        try f.user(email, .standard)
        let actor = try f.signIn(email)
        let enrollment = try f.roster.mfa.beginEnrollment(password: "correct horse battery", by: actor)
        let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
        let codes = try f.roster.mfa.confirmEnrollment(code: totp.code(at: f.clock.now), by: actor)
        return (totp, codes, actor)
    }

    @Test("enrollment counts only after a first valid code; ten recovery codes come back once", arguments: Backend.all)
    func enrollment(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("mei@example.com", .standard)
        let actor = try f.signIn("mei@example.com")
        let enrollment = try f.roster.mfa.beginEnrollment(password: "correct horse battery", by: actor)
        #expect(enrollment.uri.hasPrefix("otpauth://totp/Roster%3Amei@example.com?secret=\(enrollment.secret)"))
        #expect(try f.roster.users.find("mei@example.com").mfaEnabled == false)
        #expect(throws: RosterError.invalidCode) { try f.roster.mfa.confirmEnrollment(code: "000000", by: actor) }
        let totp = TOTP(secret: try #require(Base32.decode(enrollment.secret)))
        let codes = try f.roster.mfa.confirmEnrollment(code: totp.code(at: f.clock.now), by: actor)
        #expect(codes.count == 10 && Set(codes).count == 10)
        #expect(codes.allSatisfy { $0.count == 19 })
        #expect(try f.roster.users.find("mei@example.com").mfaEnabled)
    }

    @Test("the stored secret is sealed: a copy of the database without the key file reveals nothing")
    func sealedAtRest() throws {
        let f = try Fixture()
        let (totp, _, _) = try Self.enrolled(f)
        let stored = try f.database.read { db in try Data.fetchOne(db, sql: "SELECT sealedSecret FROM totpCredential") }
        let sealed = try #require(stored)
        #expect(sealed.range(of: Data(totp.secret)) == nil)
        let otherKey = try SecretBox(keyBytes: Array(repeating: 7, count: 32))
        #expect(throws: RosterError.keyFile(.wrongKey)) { try otherKey.open(sealed, context: "roster-totp-user-1") }
    }

    @Test("sign-in asks for the code, accepts it once, and refuses its replay", arguments: Backend.all)
    func signInWithCode(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (totp, _, _) = try Self.enrolled(f)
        #expect(throws: RosterError.mfaCodeRequired) { try f.signIn("mei@example.com") }
        f.clock.advance(minutes: 1)
        let code = totp.code(at: f.clock.now)
        _ = try f.signIn("mei@example.com", code: code)
        #expect(throws: RosterError.invalidCode) { try f.signIn("mei@example.com", code: code) }
        let audit = try f.lastAudit()
        #expect(audit.outcome == .failed && audit.details.contains("wrong-mfa-code"))
    }

    @Test("each recovery code works once; regenerating replaces them all", arguments: Backend.all)
    func recoveryCodes(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let (_, codes, actor) = try Self.enrolled(f)
        _ = try f.signIn("mei@example.com", code: codes[0].uppercased())
        #expect(throws: RosterError.invalidCode) { try f.signIn("mei@example.com", code: codes[0]) }
        #expect(try f.roster.mfa.remainingRecoveryCodes(for: actor.userId ?? UserID(rawValue: 0)) == 9)
        #expect(throws: RosterError.wrongCurrentPassword) {
            try f.roster.mfa.regenerateRecoveryCodes(password: "not my password", code: codes[3], by: actor)
        }
        #expect(throws: RosterError.invalidCode) {
            try f.roster.mfa.regenerateRecoveryCodes(password: "correct horse battery", code: "000000", by: actor)
        }
        let fresh = try f.roster.mfa.regenerateRecoveryCodes(password: "correct horse battery", code: codes[2], by: actor)
        #expect(throws: RosterError.invalidCode) { try f.signIn("mei@example.com", code: codes[1]) }
        _ = try f.signIn("mei@example.com", code: fresh[1])
    }

    @Test("Reset MFA turns it off and deletes recovery codes; with an org requiring MFA, the user must enroll again", arguments: Backend.all)
    func resetMFA(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let (_, codes, actor) = try Self.enrolled(f)
        let userId = try #require(actor.userId)
        let org = try f.roster.orgs.create(name: "Secure", by: f.root)
        _ = try f.roster.orgs.addMember(userId, to: org.id, role: .member, by: f.root)
        _ = try f.roster.orgs.setMFARequired(org.id, true, by: f.root)
        let reset = try f.roster.mfa.reset(userId, by: admin)
        #expect(!reset.mfaEnabled && reset.mfaEnrollmentRequired)
        #expect(try f.roster.mfa.remainingRecoveryCodes(for: userId) == 0)
        #expect(try f.roster.auth.pendingSteps(for: userId).contains(.enrollMFA))
        // Without the code, sign-in works again with the password alone.
        _ = try f.signIn("mei@example.com")
        _ = codes
        let audit = try f.roster.audit.recent(limit: 20).first { $0.action == "mfa.reset" }
        #expect(audit?.actor == "root@example.com")
    }

    @Test("with MFA required system-wide, nobody can have the requirement turned off", arguments: Backend.all)
    func systemWide(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.approvalsOff()
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("u@example.com", .standard, passwordChangeRequired: true)
        _ = try f.roster.settings.set(.mfaRequired, to: "true", by: admin)
        #expect(throws: Denial.mfaRequiredSystemWide) {
            try f.roster.users.updateProfile(user.id, ProfileChange(mfaEnrollmentRequired: false), by: f.root)
        }
        #expect(try f.roster.auth.pendingSteps(for: user.id) == [.changePassword, .enrollMFA])
        // The administrator who turned it on must enroll too before doing anything else.
        #expect(throws: Denial.pendingStep(.enrollMFA)) {
            try f.roster.users.updateProfile(user.id, ProfileChange(firstName: "Una"), by: admin)
        }
    }
}
