import Foundation
import Testing
@testable import RosterCore

@Suite("Password resets")
struct PasswordResetTests {
    /// The token from the newest queued mail, as the mailer would get it (the stored body
    /// holds only a placeholder; the token is sealed beside it).
    static func mailedToken(_ f: Fixture) throws -> String {
        let message = try #require(try f.roster.mail.recent(limit: 1).first)
        let body = try OutboxToken.body(of: message, box: f.roster.environment.secrets())
        let word = body.split(whereSeparator: { $0 == " " || $0 == "\n" }).first { $0.hasPrefix("rsr_") }
        return String(try #require(word))
    }

    @Test("a reset link is mailed in the same transaction, works once, and ends the user's sessions", arguments: Backend.all)
    func resetLink(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("mei@example.com", .standard)
        _ = try f.signIn("mei@example.com")
        let reset = try f.roster.passwords.sendResetLink(user.id, by: admin)
        #expect(reset.expiresAt == f.clock.now.addingTimeInterval(3600))
        let message = try #require(try f.roster.mail.recent(limit: 1).first)
        #expect(message.recipient == "mei@example.com" && message.status == .queued)
        let token = try Self.mailedToken(f)
        #expect(!message.body.contains(reset.tokenHash))
        _ = try f.roster.passwords.redeem(token: token, newPassword: "plum orchard at dusk", ip: "198.51.100.3")
        #expect(try f.roster.auth.sessions(of: user.id).isEmpty)
        _ = try f.signIn("mei@example.com", password: "plum orchard at dusk")
        #expect(throws: RosterError.tokenInvalid) { try f.roster.passwords.redeem(token: token, newPassword: "another good phrase", ip: nil) }
        #expect(try f.lastAudit().details.contains("already-used"))
    }

    @Test("expired, cancelled, unknown and deactivated-user tokens are refused and audited", arguments: Backend.all)
    func refusedTokens(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("mei@example.com", .standard)
        _ = try f.roster.passwords.sendResetLink(user.id, by: admin)
        let expired = try Self.mailedToken(f)
        f.clock.advance(minutes: 61)
        #expect(throws: RosterError.tokenInvalid) { try f.roster.passwords.redeem(token: expired, newPassword: "plum orchard at dusk", ip: nil) }
        #expect(try f.lastAudit().details.contains("expired"))

        let pending = try f.roster.passwords.sendResetLink(user.id, by: admin)
        let cancelled = try Self.mailedToken(f)
        #expect(try f.roster.passwords.pendingResets(for: user.id).map(\.id) == [pending.id])
        try f.roster.passwords.cancelReset(try #require(pending.id), by: admin)
        #expect(throws: RosterError.tokenInvalid) { try f.roster.passwords.redeem(token: cancelled, newPassword: "plum orchard at dusk", ip: nil) }
        #expect(try f.lastAudit().details.contains("cancelled"))

        _ = try f.roster.passwords.sendResetLink(user.id, by: admin)
        let forDeactivated = try Self.mailedToken(f)
        _ = try f.roster.users.deactivate(user.id, by: admin)
        #expect(throws: RosterError.tokenInvalid) { try f.roster.passwords.redeem(token: forDeactivated, newPassword: "plum orchard at dusk", ip: nil) }
        #expect(try f.lastAudit().details.contains("deactivated"))

        #expect(throws: RosterError.tokenInvalid) { try f.roster.passwords.redeem(token: "rsr_nonsense", newPassword: "x", ip: "203.0.113.1") }
        #expect(try f.lastAudit().actorIP == "203.0.113.1")
    }

    @Test("a new link cancels the older pending one", arguments: Backend.all)
    func newerLinkWins(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        let older = try Self.mailedToken(f)
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        #expect(throws: RosterError.tokenInvalid) { try f.roster.passwords.redeem(token: older, newPassword: "plum orchard at dusk", ip: nil) }
        #expect(try f.roster.passwords.pendingResets(for: user.id).count == 1)
    }

    @Test("a weak new password is refused and the link stays usable", arguments: Backend.all)
    func weakPasswordKeepsLink(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        let token = try Self.mailedToken(f)
        let error = #expect(throws: RosterError.self) { try f.roster.passwords.redeem(token: token, newPassword: "password1234", ip: nil) }
        guard case .weakPassword = error else { Issue.record("expected a weak-password refusal, got \(String(describing: error))"); return }
        _ = try f.roster.passwords.redeem(token: token, newPassword: "plum orchard at dusk", ip: nil)
    }

    @Test("a temporary password must be changed at next sign-in", arguments: Backend.all)
    func temporaryPassword(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("mei@example.com", .standard)
        let temporary = try f.roster.passwords.setTemporaryPassword(user.id, by: admin)
        let actor = try f.signIn("mei@example.com", password: temporary)
        #expect(try f.roster.auth.pendingSteps(for: user.id) == [.changePassword])
        #expect(throws: Denial.pendingStep(.changePassword), "nothing else until the password is changed") {
            try f.roster.users.count(matching: nil, by: actor)
        }
        #expect(throws: RosterError.wrongCurrentPassword) { try f.roster.passwords.changeOwnPassword(current: "wrong", new: "plum orchard at dusk", by: actor) }
        try f.roster.passwords.changeOwnPassword(current: temporary, new: "plum orchard at dusk", by: actor)
        #expect(try f.roster.auth.pendingSteps(for: user.id).isEmpty)
        #expect(try f.roster.users.count(matching: nil, by: actor) == 1)
    }

    @Test("account info mails the login and a set-password link valid for 24 hours", arguments: Backend.all)
    func accountInfo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        let reset = try f.roster.passwords.sendAccountInfo(user.id, by: f.root)
        #expect(reset.purpose == .accountInfo && reset.expiresAt == f.clock.now.addingTimeInterval(86400))
        let message = try #require(try f.roster.mail.recent(limit: 1).first)
        #expect(message.subject == "Your Roster account" && message.body.contains("Login: mei@example.com"))
    }

    @Test("API service accounts have no password to reset", arguments: Backend.all)
    func serviceAccounts(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let bot = try f.user("bot@example.com", .standard, kind: .service)
        #expect(throws: Denial.notPermitted(.resetPassword)) { try f.roster.passwords.setTemporaryPassword(bot.id, by: f.root) }
    }
}

@Suite("Password policy")
struct PasswordPolicyTests {
    let policy = PasswordPolicy(minimumLength: 12)
    let email = try? Email("mei.tanaka@example.com")

    @Test("common passwords, the email's name, repeats, sequences and the product's name are refused", arguments: [
        "password1234", "Password1234", "qwertyuiop123", "mei.tanaka-2026", "aaaaaaaaaaaa", "123456789012", "abcdefghijkl", "roster123456",
    ])
    func refused(password: String) {
        #expect(policy.problem(with: password, email: email) != nil)
    }

    @Test("long passphrases, Unicode, and 64+ characters are accepted", arguments: [
        "plum orchard at dusk", "mot de passe très long", "Ünïcödé pässphrase", "日本語のパスワードです十二", String(repeating: "correct horse ", count: 6),
    ])
    func accepted(password: String) {
        #expect(policy.problem(with: password, email: email) == nil)
    }

    @Test("the refusal says what made a password guessable, in words", arguments: [
        ("michael1987!", ["a common password, word or name", "a date"]),
        ("qwertyuiop123", ["a common password, word or name", "a sequence"]),
        ("zxcvbnm,./zxcvbnm", ["a keyboard pattern"]),
        ("p@ssw0rd2024!", ["a common word with letters swapped for look-alikes"]),
    ])
    func reasons(password: String, words: [String]) throws {
        let problem = try #require(policy.problem(with: password, email: email))
        #expect(problem.hasPrefix("it is too easy to guess (about 10^"), "\(problem)")
        for word in words { #expect(problem.contains(word), "\(problem)") }
    }

    @Test("the account's own names count as guessable; the threshold is a setting")
    func ownNames() throws {
        let problem = try #require(policy.problem(with: "ZeldaHartwig2026", email: email, names: ["Zelda", "Hartwig"]))
        #expect(problem.contains("your own name or email"), "\(problem)")
        #expect(policy.problem(with: "ZeldaHartwig2026", email: email) == nil, "a stranger's name is no clue")
        #expect(PasswordPolicy(minimumLength: 12, minimumGuessesLog10: 25).problem(with: "plum orchard at dusk", email: nil) != nil)
    }

    @Test("the minimum is configurable but never below 8")
    func minimum() {
        #expect(PasswordPolicy(minimumLength: 4).minimumLength == 8)
        #expect(policy.problem(with: "eleven char", email: nil) != nil)
    }
}
