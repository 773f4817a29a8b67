import Foundation
import Testing
@testable import RosterCore

@Suite("Two-person approval")
struct ApprovalTests {
    /// Three administrators and an operations admin, the rule at its default (everything).
    struct Team {
        let ada: User
        let bea: User
        let cy: User
        let ops: User
    }

    static func team(_ f: Fixture) throws -> Team {
        Team(ada: try f.user("ada@example.com", .administrator), bea: try f.user("bea@example.com", .administrator),
             cy: try f.user("cy@example.com", .administrator), ops: try f.user("ops@example.com", .operationsAdmin))
    }

    static func requestId(_ body: () throws -> Void) throws -> ApprovalID {
        do {
            try body()
        } catch Denial.awaitingApproval(let id, _) {
            return ApprovalID(rawValue: id)
        }
        throw RosterError.unchanged("no request was filed")
    }

    @Test("a covered change becomes a request, audited, and changes nothing until a second person approves", arguments: Backend.all)
    func settingsChange(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        let id = try Self.requestId { _ = try f.roster.settings.set(.lockoutThreshold, to: "5", by: try f.actor(t.ada)) }
        #expect(try f.roster.settings.current(by: f.root).lockoutThreshold == 10, "nothing changed yet")
        let filed = try f.lastAudit()
        #expect(filed.action == "approval.request" && filed.actor == "ada@example.com" && filed.details.contains("lockout.threshold"))
        let request = try f.roster.approvals.show(id, by: try f.actor(t.bea))
        #expect(request.state == .pending && request.requestedBy == "ada@example.com")
        #expect(request.expiresAt == f.clock.now.addingTimeInterval(24 * 3600))

        #expect(throws: Denial.ownRequest) { try f.roster.approvals.approve(id, by: try f.actor(t.ada)) }
        #expect(try f.lastAudit().outcome == .denied, "the refusal is on the record")
        let approved = try f.roster.approvals.approve(id, by: try f.actor(t.bea))
        #expect(approved.state == .approved && approved.decidedBy == "bea@example.com")
        #expect(try f.roster.settings.current(by: f.root).lockoutThreshold == 5)
        let rows = try f.roster.audit.recent(limit: 2, by: f.root)
        #expect(rows.map(\.action) == ["approval.approve", "settings.set"] && rows.allSatisfy { $0.actor == "bea@example.com" },
                "the change is made by the approver, in the same transaction")
        #expect(throws: Denial.requestSettled("approved")) { try f.roster.approvals.approve(id, by: try f.actor(t.cy)) }
        #expect(throws: (any Error).self, "operations admins don't decide settings: not even shown") {
            try f.roster.approvals.show(id, by: try f.actor(t.ops))
        }
    }

    @Test("the approver is checked as themselves: one who may not make the change can't approve it", arguments: Backend.all)
    func approverChecked(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        // Ops2 asks to be administrator for an hour; Ops, an operations admin, may decide such
        // requests but may not lend a role above their own: carried out as them, it is refused.
        let ops2 = try f.user("ops2@example.com", .operationsAdmin)
        let id = try Self.requestId {
            _ = try f.roster.elevations.elevate(ops2.id, to: .system(.administrator), for: 3600, reason: "x", by: try f.actor(ops2))
        }
        #expect(throws: Denial.cannotGrantAbove(.administrator)) { try f.roster.approvals.approve(id, by: try f.actor(t.ops)) }
        #expect(try f.lastAudit().action == "approval.approve" && f.lastAudit().outcome == .denied)
        #expect(try f.roster.approvals.show(id, by: f.root).state == .pending, "still waiting for someone who may")
        #expect(try f.roster.elevations.list(by: f.root).isEmpty, "nothing of the refused change is kept")
        _ = try f.roster.approvals.approve(id, by: try f.actor(t.ada))
        #expect(try f.roster.users.reread(try f.actor(ops2)).systemRole == .administrator)
    }

    @Test("approving needs recent authentication; an expired request can't be approved", arguments: Backend.all)
    func sudoAndExpiry(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        let bo = try f.user("bo@example.com", .standard)
        let id = try Self.requestId { _ = try f.roster.users.changeRole(t.bea.id, to: .operationsAdmin, by: try f.actor(t.ada)) }
        let signIn = try f.roster.auth.signIn(email: "cy@example.com", password: "correct horse battery", code: nil, ip: nil, client: "t")
        let cySession = try f.roster.auth.actor(forToken: signIn.token, ip: nil)
        f.clock.advance(minutes: 16)
        #expect(throws: Denial.reauthenticationRequired(minutes: 15)) { try f.roster.approvals.approve(id, by: cySession) }
        f.clock.advance(minutes: 24 * 60)
        #expect(throws: Denial.requestSettled("expired")) { try f.roster.approvals.approve(id, by: try f.actor(t.cy)) }
        #expect(try f.roster.users.profile(t.bea.id, by: f.root).systemRole == .administrator)
        #expect(try f.roster.approvals.list(openOnly: true, by: f.root).isEmpty)
        #expect(try f.roster.approvals.list(by: f.root).first?.status(at: f.clock.now) == "expired")
        _ = bo
    }

    @Test("two approvers at once: exactly one change", arguments: Backend.all, 0..<10)
    func racingApprovers(_ backend: Backend, round: Int) async throws {
        let (a, b, cleanup) = try Fixture.pair(backend)
        defer { cleanup() }
        let t = try Self.team(a)
        let cy = t.cy
        let id = try Self.requestId { _ = try a.roster.settings.set(.lockoutThreshold, to: String(20 + round), by: try a.actor(t.ada)) }
        let bea = try a.actor(t.bea), cyActor = try b.actor(cy)
        async let first = Self.approves { _ = try a.roster.approvals.approve(id, by: bea) }
        async let second = Self.approves { _ = try b.roster.approvals.approve(id, by: cyActor) }
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 }.count == 1, "outcomes: \(outcomes)")
        let changes = try a.roster.audit.recent(limit: 20, by: a.root).filter { $0.action == "settings.set" && $0.outcome == .success }
        #expect(changes.count == 1)
        #expect(try a.roster.audit.verify() == .intact(rows: try a.auditCount()))
    }

    static func approves(_ body: @escaping @Sendable () throws -> Void) async -> Bool {
        await Task.detached {
            do {
                try body()
                return true
            } catch Denial.requestSettled {
                return false
            } catch {
                Issue.record("unexpected error: \(error)")
                return false
            }
        }.value
    }

    @Test("rejected with a reason (the requester may withdraw); a rejected request is settled", arguments: Backend.all)
    func reject(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        let id = try Self.requestId { _ = try f.roster.users.delete(t.bea.id, by: try f.actor(t.ada)) }
        let rejected = try f.roster.approvals.reject(id, reason: "Bea is on call this week", by: try f.actor(t.cy))
        #expect(rejected.state == .rejected && rejected.outcome == "Bea is on call this week")
        #expect(try f.lastAudit().action == "approval.reject")
        #expect(throws: Denial.requestSettled("rejected")) { try f.roster.approvals.approve(id, by: try f.actor(t.bea)) }
        #expect(try f.roster.users.profile(t.bea.id, by: f.root).status == .active)
        let second = try Self.requestId { _ = try f.roster.users.delete(t.bea.id, by: try f.actor(t.ada)) }
        #expect(try f.roster.approvals.reject(second, reason: "typo", by: try f.actor(t.ada)).state == .rejected)
    }

    @Test("self-elevation is only a request; approved, the approver lends the role", arguments: Backend.all)
    func selfElevation(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        let id = try Self.requestId {
            _ = try f.roster.elevations.elevate(t.ops.id, to: .system(.administrator), for: 3600, reason: "INC-9", by: try f.actor(t.ops))
        }
        #expect(try f.roster.users.reread(try f.actor(t.ops)).systemRole == .operationsAdmin)
        _ = try f.roster.approvals.approve(id, by: try f.actor(t.ada))
        let lent = try #require(try f.roster.elevations.list(user: t.ops.id, by: f.root).first)
        #expect(lent.elevation.grantedBy == "ada@example.com" && lent.elevation.reason == "INC-9")
        #expect(try f.roster.users.reread(try f.actor(t.ops)).systemRole == .administrator)
        // Nobody may ask for what they hold already, or longer than allowed.
        #expect(throws: Denial.alreadyHolds("Operations admin")) {
            try f.roster.elevations.elevate(t.ops.id, to: .system(.operationsAdmin), for: 3600, reason: "x", by: try f.actor(t.ops))
        }
        let ops2 = try f.user("ops2@example.com", .operationsAdmin)
        #expect(throws: Denial.elevationTooLong(maxHours: 8)) {
            try f.roster.elevations.elevate(ops2.id, to: .system(.administrator), for: 9 * 3600, reason: "x", by: try f.actor(ops2))
        }
    }

    @Test("bulk actions over 100 users wait for a second person; at 100 they don't", arguments: Backend.all)
    func bulkOver100(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        let ids = try (0..<101).map { try f.user("u\($0)@example.com", .standard).id }
        _ = try f.roster.bulk(.lock, on: .users(Array(ids.prefix(100))), by: try f.actor(t.ada))
        let id = try Self.requestId { _ = try f.roster.bulk(.unlock, on: .users(ids), by: try f.actor(t.ada)) }
        #expect(try f.roster.users.profile(ids[0], by: f.root).lockedByAdmin, "nothing unlocked yet")
        let approved = try f.roster.approvals.approve(id, by: try f.actor(t.bea))
        #expect(approved.outcome == "Unlock 100 users; 1 unchanged, 0 refused.")
        #expect(try !f.roster.users.profile(ids[0], by: f.root).lockedByAdmin)
    }

    @Test("a request for something the requester may not do is refused, not filed", arguments: Backend.all)
    func onlyWhatOneMayDo(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        #expect(throws: Denial.outranked(target: .administrator)) { try f.roster.users.delete(t.ada.id, by: try f.actor(t.ops)) }
        #expect(throws: Denial.administratorsOnly("change system settings")) {
            try f.roster.settings.set(.lockoutThreshold, to: "5", by: try f.actor(t.ops))
        }
        #expect(try f.roster.approvals.list(by: f.root).isEmpty)
    }

    @Test("the rule is a setting: off, one administrator acts alone; the file holder is never held", arguments: Backend.all)
    func setting(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try Self.team(f)
        _ = try f.roster.settings.set(.lockoutThreshold, to: "7", by: f.root)
        #expect(throws: RosterError.invalidSetting(key: "approval.required-for",
                                                   reason: "“everything” is not one of delete-admin, demote-admin, settings, self-elevation, bulk-over-100.")) {
            try f.roster.settings.set(.approvalRequiredFor, to: "settings,everything", by: f.root)
        }
        _ = try f.roster.settings.set(.approvalRequiredFor, to: "delete-admin", by: f.root)
        _ = try f.roster.settings.set(.lockoutThreshold, to: "6", by: try f.actor(t.ada))
        #expect(try f.roster.settings.current(by: f.root).lockoutThreshold == 6)
        _ = try Self.requestId { _ = try f.roster.users.delete(t.bea.id, by: try f.actor(t.ada)) }
    }
}

@Suite("Two-person approval: the edges a reviewer found")
struct ApprovalEdgeTests {
    @Test("an import can't demote an administrator the rule covers: refused, pointing at set-role", arguments: Backend.all)
    func importDemotion(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try ApprovalTests.team(f)
        let records = [ImportRecord(line: 2, email: "bea@example.com", firstName: "First", lastName: "Bea", role: "standard")]
        #expect(throws: (any Error).self) { try f.roster.importer.run(records, options: ImportOptions(update: true), by: try f.actor(t.ada)) }
        #expect(try f.roster.users.profile(t.bea.id, by: f.root).systemRole == .administrator)
    }

    @Test("asking about a request one may not see records nothing of it; accounts admins don't see settings requests", arguments: Backend.all)
    func hiddenRequests(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try ApprovalTests.team(f)
        let id = try ApprovalTests.requestId { _ = try f.roster.settings.set(.lockoutThreshold, to: "5", by: try f.actor(t.ada)) }
        let mei = try f.user("mei@example.com", .standard)
        #expect(throws: RosterError.notFound(kind: "request", reference: "1", hint: "List them with `roster approvals list`.")) {
            try f.roster.approvals.reject(id, reason: "probe", by: try f.actor(mei))
        }
        let probe = try f.lastAudit()
        #expect(probe.outcome == .denied && !probe.details.contains("lockout") && !probe.details.contains("ada@example.com"), "\(probe.details)")
        let accounts = try f.user("acc@example.com", .accountsAdmin)
        #expect(try f.roster.approvals.list(by: try f.actor(accounts)).isEmpty)
    }

    @Test("nobody rejects a request about their own account; deciding takes the role the change takes", arguments: Backend.all)
    func rejectRules(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try ApprovalTests.team(f)
        let id = try ApprovalTests.requestId { _ = try f.roster.users.delete(t.bea.id, by: try f.actor(t.ada)) }
        #expect(throws: Denial.requestAboutYou) { try f.roster.approvals.reject(id, reason: "no", by: try f.actor(t.bea)) }
        #expect(throws: RosterError.notFound(kind: "request", reference: "1", hint: "List them with `roster approvals list`."),
                "operations admins don't decide an administrator's removal") {
            try f.roster.approvals.reject(id, reason: "no", by: try f.actor(t.ops))
        }
        #expect(try f.roster.approvals.show(id, by: f.root).state == .pending)
    }

    @Test("a lent role can't be lent on, and one org elevation at a time", arguments: Backend.all)
    func noLendingOn(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let t = try ApprovalTests.team(f)
        try f.approvalsOff()
        let ana = try f.user("ana@example.com", .standard)
        _ = try f.roster.elevations.elevate(t.ops.id, to: .system(.administrator), for: 3600, reason: "x", by: try f.actor(t.ada))
        #expect(throws: Denial.cannotGrantAbove(.administrator)) {
            try f.roster.elevations.elevate(ana.id, to: .system(.administrator), for: 3600, reason: "x", by: try f.actor(t.ops))
        }
    }
}
