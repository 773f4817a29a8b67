import Foundation
import Testing
@testable import RosterCore

@Suite("Time-boxed role elevation")
struct ElevationTests {
    /// An administrator, an operations admin and a standard user.
    struct People {
        let admin: User
        let ops: User
        let ana: User
    }

    static func people(_ f: Fixture) throws -> People {
        People(admin: try f.user("admin@example.com", .administrator), ops: try f.user("ops@example.com", .operationsAdmin),
               ana: try f.user("ana@example.com", .standard))
    }

    /// Ana as Roster reads her now (her role re-read, elevations applied).
    static func anaNow(_ f: Fixture, _ p: People) throws -> Actor {
        try f.roster.users.reread(try f.actor(p.ana))
    }

    @Test("an elevation raises the role at every read of the actor and drops it by itself when its time is up", arguments: Backend.all)
    func raisesAndDrops(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        let elevation = try f.roster.elevations.elevate(p.ana.id, to: .system(.operationsAdmin), for: 2 * 3600,
                                                        reason: "INC-42 failover", by: try f.actor(p.admin))
        #expect(elevation.endsAt == f.clock.now.addingTimeInterval(7200) && elevation.grantedBy == "admin@example.com")
        let granted = try f.lastAudit()
        #expect(granted.action == "user.elevate" && granted.targetId == p.ana.id && granted.actor == "admin@example.com")
        #expect(granted.details.contains("operations-admin") && granted.details.contains("INC-42 failover"))
        #expect(try Self.anaNow(f, p).systemRole == .operationsAdmin)
        #expect(try f.roster.users.profile(p.ana.id, by: f.root).systemRole == .standard, "the stored role is unchanged")
        let signIn = try f.roster.auth.signIn(email: "ana@example.com", password: "correct horse battery", code: nil, ip: nil, client: "t")
        #expect(try f.roster.auth.actor(forToken: signIn.token, ip: nil).systemRole == .operationsAdmin, "her session says so too")

        let bo = try f.user("bo@example.com", .standard)
        _ = try f.roster.users.changeRole(bo.id, to: .accountsAdmin, by: try f.actor(p.ana))

        f.clock.advance(minutes: 119)
        #expect(try Self.anaNow(f, p).systemRole == .operationsAdmin)
        f.clock.advance(minutes: 1)
        #expect(try Self.anaNow(f, p).systemRole == .standard, "nothing ran, and the role is back")
        // Ana can no longer do what the elevation let her: as a standard user she doesn't even see Bo.
        #expect(throws: RosterError.userNotFound(String(bo.id.rawValue))) {
            try f.roster.users.changeRole(bo.id, to: .standard, by: try f.actor(p.ana))
        }
    }

    @Test("the first write after the end records the expiry once, by the system", arguments: Backend.all)
    func expiryAuditedOnce(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        _ = try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 1800, reason: "onboarding", by: try f.actor(p.admin))
        f.clock.advance(minutes: 31)
        #expect(try f.roster.elevations.list(activeOnly: true, by: f.root).isEmpty)
        _ = try f.roster.users.updateProfile(p.ops.id, ProfileChange(firstName: "Olga"), by: try f.actor(p.admin))
        let expired = try f.roster.audit.recent(limit: 5, by: f.root).filter { $0.action == "user.elevation-expired" }
        #expect(expired.count == 1 && expired.first?.actor == "system:elevation-expiry" && expired.first?.targetId == p.ana.id)
        _ = try f.roster.users.updateProfile(p.ops.id, ProfileChange(firstName: "Olgа"), by: try f.actor(p.admin))
        #expect(try f.roster.audit.recent(limit: 10, by: f.root).filter { $0.action == "user.elevation-expired" }.count == 1)
        let listed = try #require(try f.roster.elevations.list(by: f.root).first)
        #expect(listed.elevation.state(at: f.clock.now) == .expired && listed.elevation.closedAt != nil)
    }

    @Test("only someone who may grant the role may lend it, never above their own, never to themselves", arguments: Backend.all)
    func whoMayGrant(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        let accounts = try f.user("acc@example.com", .accountsAdmin)
        try f.approvalsOff()
        let rows = try f.auditCount()
        #expect(throws: Denial.cannotGrantAbove(.operationsAdmin)) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.operationsAdmin), for: 3600, reason: "x", by: try f.actor(accounts))
        }
        #expect(throws: Denial.notPermitted(.changeSystemRole)) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 3600, reason: "x", by: try f.actor(accounts))
        }
        #expect(throws: Denial.cannotGrantAbove(.administrator)) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.administrator), for: 3600, reason: "x", by: try f.actor(p.ops))
        }
        #expect(throws: Denial.selfChange(.elevate)) {
            try f.roster.elevations.elevate(p.ops.id, to: .system(.administrator), for: 3600, reason: "x", by: try f.actor(p.ops))
        }
        #expect(throws: Denial.alreadyHolds("Operations admin")) {
            try f.roster.elevations.elevate(p.ops.id, to: .system(.operationsAdmin), for: 3600, reason: "x", by: try f.actor(p.admin))
        }
        var viaKey = try f.actor(p.admin)
        viaKey.viaAPIKey = true
        #expect(throws: Denial.apiKeyCannotGrantPower) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 3600, reason: "x", by: viaKey)
        }
        #expect(try f.auditCount() == rows + 6, "each refusal is on the record")
        #expect(try f.lastAudit().outcome == .denied)
        #expect(try f.roster.elevations.list(by: f.root).isEmpty, "and nothing was lent")
    }

    @Test("an elevation longer than the setting allows is refused; the setting can change it", arguments: Backend.all)
    func longestAllowed(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        let admin = try f.actor(p.admin)
        #expect(throws: Denial.elevationTooLong(maxHours: 8)) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 8 * 3600 + 60, reason: "x", by: admin)
        }
        _ = try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 8 * 3600, reason: "all day", by: admin)
        _ = try f.roster.settings.set(.elevationMaxHours, to: "2", by: f.root)
        #expect(throws: Denial.elevationTooLong(maxHours: 2)) {
            try f.roster.elevations.elevate(p.ops.id, to: .system(.administrator), for: 3 * 3600, reason: "x", by: admin)
        }
        #expect(throws: ElevationProblem.tooShort) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.operationsAdmin), for: 30, reason: "x", by: admin)
        }
        #expect(throws: RosterError.emptyField("The reason")) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.operationsAdmin), for: 3600, reason: "  ", by: admin)
        }
        #expect(throws: RosterError.forbiddenCharacter(field: "The reason", codePoint: "U+001B")) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.operationsAdmin), for: 3600, reason: "\u{1B}[2J", by: admin)
        }
    }

    @Test("lending a role asks a session for recent authentication", arguments: Backend.all)
    func needsSudo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        let signIn = try f.roster.auth.signIn(email: "admin@example.com", password: "correct horse battery", code: nil, ip: nil, client: "test")
        let admin = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        f.clock.advance(minutes: 16)
        #expect(throws: Denial.reauthenticationRequired(minutes: 15)) {
            try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 3600, reason: "x", by: admin)
        }
        #expect(try f.roster.elevations.list(by: f.root).isEmpty)
        _ = try f.roster.auth.reauthenticate(token: signIn.token, password: "correct horse battery", code: nil, ip: nil)
        _ = try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 3600, reason: "x", by: admin)
    }

    @Test("org admin in one org: lent by the org's admin, counted only there and only while a member", arguments: Backend.all)
    func orgElevation(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let globex = try f.roster.orgs.create(name: "Globex", by: f.root)
        let lead = try f.user("lead@example.com", .standard, org: acme.id, orgRole: .orgAdmin)
        let ana = try f.user("ana@example.com", .standard, org: acme.id)
        let outsider = try f.user("out@example.com", .standard, org: globex.id)
        let leadActor = try f.actor(lead)
        #expect(throws: Denial.notOrgMember(org: "Acme")) {
            try f.roster.elevations.elevate(outsider.id, to: .orgAdmin(acme.id), for: 3600, reason: "x", by: f.root)
        }
        _ = try f.roster.elevations.elevate(ana.id, to: .orgAdmin(acme.id), for: 3600, reason: "holiday cover", by: leadActor)
        #expect(try f.lastAudit().org == "Acme", "org admins read it in their org's trail")
        let anaNow = try f.roster.users.reread(try f.actor(ana))
        #expect(anaNow.orgRoles == [acme.id: .orgAdmin] && anaNow.systemRole == .standard)
        #expect(try f.roster.elevations.list(by: leadActor).count == 1)
        #expect(try f.roster.elevations.list(by: try f.actor(outsider)).isEmpty, "nobody else's business")
        _ = try f.roster.orgs.removeMember(ana.id, from: acme.id, by: leadActor)
        #expect(try f.roster.users.reread(try f.actor(ana)).orgRoles.isEmpty, "no org admin of an org one has left")
    }

    @Test("ended early by the granter or the holder; ended elevations count no more", arguments: Backend.all)
    func endedEarly(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        let admin = try f.actor(p.admin)
        _ = try f.roster.elevations.elevate(p.ana.id, to: .system(.accountsAdmin), for: 3600, reason: "x", by: admin)
        let bo = try f.user("bo@example.com", .standard)
        #expect(throws: RosterError.userNotFound(String(p.ana.id.rawValue))) {
            try f.roster.elevations.end(p.ana.id, by: try f.actor(bo))
        }
        let ended = try f.roster.elevations.end(p.ana.id, by: try f.actor(p.ana))
        #expect(ended.count == 1 && ended.first?.endedBy == "ana@example.com")
        #expect(try f.lastAudit().action == "user.end-elevation")
        #expect(try Self.anaNow(f, p).systemRole == .standard)
        #expect(throws: ElevationProblem.nothingToEnd("ana@example.com")) { try f.roster.elevations.end(p.ana.id, by: admin) }
        f.clock.advance(minutes: 90)
        _ = try f.roster.users.updateProfile(p.ops.id, ProfileChange(firstName: "Olga"), by: admin)
        #expect(try f.roster.audit.recent(limit: 5, by: f.root).allSatisfy { $0.action != "user.elevation-expired" },
                "an elevation ended early is not recorded as expired too")
    }

    @Test("while elevated, the account is weighed at the lent role: nobody below it takes it over", arguments: Backend.all)
    func protectedWhileElevated(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let p = try Self.people(f)
        let accounts = try f.user("acc@example.com", .accountsAdmin)
        _ = try f.roster.elevations.elevate(p.ana.id, to: .system(.operationsAdmin), for: 3600, reason: "x", by: try f.actor(p.admin))
        #expect(throws: Denial.outranked(target: nil)) { try f.roster.users.lock(p.ana.id, by: try f.actor(accounts)) }
        f.clock.advance(minutes: 61)
        _ = try f.roster.users.lock(p.ana.id, by: try f.actor(accounts))
    }

    @Test("durations are read as people write them", arguments: [("2h", 7200.0), ("90m", 5400), ("1h30m", 5400), ("45", 2700), ("1d", 86400)])
    func durations(_ text: String, _ seconds: Double) throws {
        #expect(try ElevationProblem.duration(text) == seconds)
    }

    @Test("unreadable durations say how to write one", arguments: ["", "h", "2x", "1.5h", "-2h", "2h30", "0m"])
    func badDurations(_ text: String) {
        #expect(throws: (any Error).self) { try ElevationProblem.duration(text) }
    }
}
