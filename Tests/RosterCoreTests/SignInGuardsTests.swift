import Foundation
import GRDB
import Testing
@testable import RosterCore

/// Sign-in guards beyond the password: IP allow rules and per-source throttling; and reset
/// tokens that don't stay in the database (issue: security model, items 5 and 6).
@Suite("Sign-in guards and sealed tokens")
struct SignInGuardsTests {
    @Test("CIDR matching, IPv4 and IPv6, prefixes at their edges", arguments: [
        ("203.0.113.0/24", "203.0.113.77", true), ("203.0.113.0/24", "203.0.114.1", false),
        ("10.0.0.0/8", "10.255.255.255", true), ("0.0.0.0/0", "198.51.100.1", true),
        ("192.0.2.1/32", "192.0.2.1", true), ("192.0.2.1/32", "192.0.2.2", false),
        ("2001:db8::/32", "2001:db8:ffff::1", true), ("2001:db8::/32", "2001:db9::1", false),
        ("203.0.113.0/24", "::ffff:203.0.113.9", true), ("2001:db8::/32", "203.0.113.9", false),
        ("203.0.113.0/24", "not an address", false), ("203.0.113.0/33", "203.0.113.1", false),
    ])
    func cidr(rule: String, address: String, matches: Bool) {
        #expect(IPRuleFormat.matches(rule, address: address) == matches)
    }

    @Test("with IP rules, sign-in and API keys work only from a matching address, and never without one", arguments: Backend.all)
    func ipRulesAtSignIn(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        let key = try f.roster.apiKeys.create(for: user.id, name: "ci", scope: .read, by: f.root)
        let rule = try f.roster.auth.addIPRule("203.0.113.0/24", for: user.id, by: f.root)
        func signIn(from ip: String?) -> Bool {
            (try? f.roster.auth.signIn(email: "mei@example.com", password: "correct horse battery", ip: ip, client: "test")) != nil
        }
        #expect(signIn(from: "203.0.113.5"))
        #expect(!signIn(from: "198.51.100.5"))
        #expect(try f.lastAudit().details.contains("ip-not-allowed"))
        #expect(!signIn(from: nil), "no address, no match")
        #expect((try? f.roster.apiKeys.authenticate(key.secret, ip: "198.51.100.5")) == nil)
        #expect(try f.roster.apiKeys.authenticate(key.secret, ip: "203.0.113.9").label == "mei@example.com")
        try f.roster.auth.removeIPRule(rule.id, of: user.id, by: f.root)
        #expect(signIn(from: "198.51.100.5"), "no rules: from anywhere")
    }

    @Test("one source guessing at every administrator locks out the source, not the administrators")
    func sourceThrottle() throws {
        let f = try Fixture()
        let admins = try (0..<4).map { try f.user("admin\($0)@example.com", .administrator) }
        for round in 0..<5 {
            for admin in admins {
                _ = try? f.roster.auth.signIn(email: admin.email.value, password: "guess \(round)", ip: "198.51.100.66", client: "attacker")
            }
        }
        let refused = try f.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry WHERE details LIKE '%source-throttled%'") ?? 0
        }
        #expect(refused == 15, "after 5 failures the other 15 guesses never reached an account")
        for admin in admins {
            #expect(try f.roster.users.user(admin.id).lock(at: f.clock.now) == .unlocked)
            #expect((try? f.roster.auth.signIn(email: admin.email.value, password: "correct horse battery", ip: "192.0.2.10", client: "test")) != nil)
        }
        // Even the right password waits out the window from that source.
        #expect(throws: RosterError.signInFailed) {
            try f.roster.auth.signIn(email: "admin0@example.com", password: "correct horse battery", ip: "198.51.100.66", client: "test")
        }
        f.clock.advance(minutes: 16)
        _ = try f.roster.auth.signIn(email: "admin0@example.com", password: "correct horse battery", ip: "198.51.100.66", client: "test")
    }

    @Test("a reset token is sealed in the outbox, delivered once in clear to the mailer, then gone from the database")
    func sealedOutboxToken() throws {
        let f = try Fixture()
        let user = try f.user("mei@example.com", .standard)
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        let stored = try #require(try f.roster.mail.recent(limit: 1).first)
        #expect(!stored.body.contains("rsr_") && stored.body.contains(OutboxToken.placeholder) && stored.sealedToken != nil)
        final class Capture: MailTransport, @unchecked Sendable {
            var sent: [OutboxMessage] = []
            func send(_ message: OutboxMessage) throws { sent.append(message) }
        }
        let capture = Capture()
        _ = try f.roster.mail.deliver(using: capture)
        let delivered = try #require(capture.sent.first)
        let token = try #require(delivered.body.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("rsr_") }.map(String.init))
        let after = try #require(try f.roster.mail.recent(limit: 1).first)
        #expect(after.status == .sent && after.sealedToken == nil && !after.body.contains("rsr_"))
        let everything = try f.database.read { db in try String.fetchAll(db, sql: "SELECT body FROM outboxMessage") }
        #expect(everything.allSatisfy { !$0.contains(token) })
        _ = try f.roster.passwords.redeem(token: token, newPassword: "plum orchard at dusk", ip: nil)
    }
}

extension SignInGuardsTests {
    @Test("IP rules are credentials: not one's own to lift, not an API key's, and they reach open sessions", arguments: Backend.all)
    func ipRulesAreCredentials(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("root@example.com", .administrator)
        let adminActor = try f.actor(admin)
        _ = try f.roster.auth.addIPRule("203.0.113.0/24", for: admin.id, by: f.root)
        #expect(throws: Denial.selfChange(.manageIPRules)) {
            try f.roster.auth.removeIPRule(try f.roster.auth.ipRules(of: admin.id)[0].id, of: admin.id, by: adminActor)
        }
        #expect(throws: Denial.selfChange(.resetPassword)) { try f.roster.passwords.setTemporaryPassword(admin.id, by: adminActor) }
        let user = try f.user("mei@example.com", .standard)
        let key = try f.roster.apiKeys.create(for: admin.id, name: "k", scope: .readWrite, by: f.root)
        let viaKey = try f.roster.apiKeys.authenticate(key.secret, ip: "203.0.113.4")
        #expect(throws: Denial.apiKeyCannotManageCredentials) { try f.roster.auth.addIPRule("10.0.0.0/8", for: user.id, by: viaKey) }
        // A session opened from anywhere ends at its next use once a rule excludes its address.
        let session = try f.roster.auth.signIn(email: "mei@example.com", password: "correct horse battery", ip: "198.51.100.9", client: "test")
        _ = try f.roster.auth.addIPRule("203.0.113.0/24", for: user.id, by: f.root)
        #expect(throws: RosterError.sessionEnded(.ended)) { try f.roster.auth.actor(forToken: session.token, ip: "198.51.100.9") }
    }

    @Test("a person answers the terms, not a script holding their key", arguments: Backend.all)
    func termsNotByKey(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        _ = try f.roster.settings.set(.termsText, to: "Be kind.", by: f.root)
        let key = try f.roster.apiKeys.create(for: user.id, name: "k", scope: .readWrite, by: f.root)
        let viaKey = try f.roster.apiKeys.authenticate(key.secret, ip: nil)
        #expect(throws: Denial.apiKeyCannotManageCredentials) { try f.roster.terms.accept(by: viaKey) }
    }
}

extension SignInGuardsTests {
    @Test("a link that outlived its lifetime in the outbox is not mailed as a dead placeholder", arguments: Backend.all)
    func expiredBeforeDelivery(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let user = try f.user("mei@example.com", .standard)
        _ = try f.roster.passwords.sendResetLink(user.id, by: f.root)
        f.clock.advance(minutes: 25 * 60)
        struct Refuse: MailTransport { func send(_ message: OutboxMessage) throws { Issue.record("mailed: \(message.body)") } }
        let report = try f.roster.mail.deliver(using: Refuse())
        #expect(report.gaveUp == 1 && report.sent == 0)
        let message = try #require(try f.roster.mail.recent(limit: 1).first)
        #expect(message.status == .failed && message.lastError?.contains("expired") == true)
    }
}
