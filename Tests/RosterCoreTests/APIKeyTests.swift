import Foundation
import Testing
@testable import RosterCore

@Suite("API keys")
struct APIKeyTests {
    @Test("a key is shown once as rst_<prefix>_<secret>, stored as a hash, and acts as its user", arguments: Backend.all)
    func createAndUse(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let bot = try f.user("bot@example.com", .accountsAdmin, kind: .service)
        let created = try f.roster.apiKeys.create(for: bot.id, name: "deploy", scope: .readWrite, by: f.root)
        #expect(created.secret.hasPrefix("rst_\(created.key.prefix)_"))
        #expect(!created.key.secretHash.contains(created.secret.split(separator: "_")[2]))
        #expect(created.key.expiresAt == f.clock.now.addingTimeInterval(90 * 86400), "system default: 90 days")
        let actor = try f.roster.apiKeys.authenticate(created.secret, ip: "198.51.100.9")
        #expect(actor.userId == bot.id && !actor.isReadOnly)
        #expect(try f.roster.apiKeys.keys(of: bot.id).first?.lastUsedAt == f.clock.now)
    }

    @Test("revoking takes effect at once", arguments: Backend.all)
    func revoke(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let bot = try f.user("bot@example.com", .standard, kind: .service)
        let created = try f.roster.apiKeys.create(for: bot.id, name: "ci", scope: .read, by: f.root)
        _ = try f.roster.apiKeys.revoke(try #require(created.key.id), by: f.root)
        #expect(throws: RosterError.apiKeyInvalid) { try f.roster.apiKeys.authenticate(created.secret, ip: nil) }
        #expect(try f.lastAudit().details.contains("revoked"))
    }

    @Test("expired keys, wrong secrets, malformed keys and deactivated owners fail alike", arguments: ["expired", "wrong", "malformed", "deactivated"])
    func refused(kind: String) throws {
        let f = try Fixture()
        let bot = try f.user("bot@example.com", .standard, kind: .service)
        let created = try f.roster.apiKeys.create(for: bot.id, name: "ci", scope: .read, expiresInDays: 1, by: f.root)
        var presented = created.secret
        switch kind {
        case "expired": f.clock.advance(minutes: 24 * 60 + 1)
        case "wrong": presented = "rst_\(created.key.prefix)_" + String(repeating: "A", count: 43)
        case "malformed": presented = "not-a-key"
        default: _ = try f.roster.users.deactivate(bot.id, by: f.root)
        }
        #expect(throws: RosterError.apiKeyInvalid) { try f.roster.apiKeys.authenticate(presented, ip: "203.0.113.4") }
        let audit = try f.lastAudit()
        #expect(audit.outcome == .failed && audit.actorIP == "203.0.113.4")
    }

    @Test("a read-only key can look but not change anything", arguments: Backend.all)
    func readScope(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("ops@example.com", .operationsAdmin)
        let target = try f.user("t@example.com", .standard)
        let created = try f.roster.apiKeys.create(for: admin.id, name: "report", scope: .read, by: f.actor(admin))
        let actor = try f.roster.apiKeys.authenticate(created.secret, ip: nil)
        #expect(throws: Denial.readOnlyActor) { try f.roster.users.lock(target.id, by: actor) }
    }

    @Test("nobody manages the keys of a user ranked above them", arguments: Backend.all)
    func rank(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("root@example.com", .administrator)
        let acc = try f.actor(f.user("acc@example.com", .accountsAdmin))
        #expect(throws: Denial.outranked(target: nil)) { try f.roster.apiKeys.create(for: admin.id, name: "x", scope: .read, by: acc) }
    }
}
