import Foundation
import Testing
@testable import RosterCore

/// Every decision Policy makes, as one table: each operation × each kind of actor × each way
/// in (a session confirmed lately or not, an SSH key alone, a read-write or read-only API
/// key) → allowed, asks to confirm it's you, not found (hidden), or refused with its code.
/// Built from the same Policy calls the services make, in their order; a change to a rule
/// shows up as a diff in `Golden/decisions.txt` (`ROSTER_RECORD_SCREENS=1` re-records it).
@Suite("Decision table")
struct DecisionTableTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let minutes = 15
    static let acme = OrgID(rawValue: 1)
    static let acmeOrg = Org(id: acme, name: "Acme", locked: false, mfaRequired: false, standardUserLimit: nil, serviceUserLimit: nil,
                             createdAt: now, version: 1)

    /// The way an actor came in.
    enum Channel: String, CaseIterable {
        case recentSession = "session, confirmed lately"
        case staleSession = "session, not lately"
        case sshKeyAlone = "SSH key alone"
        case readWriteKey = "read-write API key"
        case readOnlyKey = "read-only API key"

        func applied(to actor: Actor) -> Actor {
            var actor = actor
            switch self {
            case .recentSession: actor.authenticatedAt = DecisionTableTests.now.addingTimeInterval(-60)
            case .staleSession: actor.authenticatedAt = DecisionTableTests.now.addingTimeInterval(-3600)
            case .sshKeyAlone:
                actor.sshKey = "SHA256:example"
                actor.authenticatedAt = Date(timeIntervalSince1970: 0)  // as SSHSignIn opens a key-alone session
            case .readWriteKey: actor.viaAPIKey = true
            case .readOnlyKey:
                actor.viaAPIKey = true
                actor.readOnlyCredential = true
            }
            return actor
        }
    }

    static func actor(_ id: Int64, _ role: SystemRole, acme orgRole: OrgRole?, kind: AccountKind = .standard) throws -> Actor {
        Actor(identity: .user(UserID(rawValue: id), try Email("actor\(id)@example.com")), systemRole: role, kind: kind,
              orgRoles: orgRole.map { [acme: $0] } ?? [:])
    }

    static func actors() throws -> [(String, Actor)] {
        [("administrator", try actor(1, .administrator, acme: nil)), ("operations admin", try actor(2, .operationsAdmin, acme: nil)),
         ("accounts admin", try actor(3, .accountsAdmin, acme: nil)), ("org admin of Acme", try actor(4, .standard, acme: .orgAdmin)),
         ("member of Acme", try actor(5, .standard, acme: .member)),
         ("read-only user", try actor(6, .readOnly, acme: .readOnly, kind: .readOnly))]
    }

    /// A standard user in Acme, and one of its org admins.
    static let member = PolicyTarget(id: UserID(rawValue: 100), systemRole: .standard, orgs: [acme])
    static let orgAdmin = PolicyTarget(id: UserID(rawValue: 101), systemRole: .standard, orgs: [acme])

    typealias Decide = @Sendable (Actor) -> Denial?

    static func onUser(_ action: UserAction, _ target: PolicyTarget? = nil, also: @escaping Decide = { _ in nil }) -> Decide {
        { actor in
            let target = target ?? PolicyTarget(id: actor.userId ?? UserID(rawValue: 0), systemRole: actor.systemRole, orgs: Set(actor.orgRoles.keys))
            return Policy.checkUserAction(action, by: actor, on: target, notFound: .userNotFound("100"), at: now,
                                          reauthenticateMinutes: { minutes }, also: { also(actor) })
        }
    }

    static func grant(_ grant: Grant, kind: AccountKind? = nil) -> Decide {
        { Policy.checkGrant(grant, aboveDefaultFor: kind, by: $0, at: now, reauthenticateMinutes: minutes) }
    }

    static func create(_ role: SystemRole, orgRole: OrgRole, password: NewUser.Password) -> Decide {
        { actor in
            Policy.checkCreate(role: role, kind: .standard, inOrg: acme, by: actor)
                ?? Policy.checkNewPassword(password, kind: .standard, by: actor)
                ?? grant(.systemRole(role), kind: .standard)(actor) ?? grant(.orgRole(orgRole))(actor)
        }
    }

    static func membership(_ change: MembershipChange, to role: OrgRole?, _ target: PolicyTarget) -> Decide {
        { actor in
            Policy.checkOrgVisible(acme, by: actor, reference: "1")
                ?? Policy.checkVisible(target, by: actor, notFound: .userNotFound("101"))
                ?? Policy.checkMembership(change, by: actor, org: acmeOrg, target: target)
                ?? role.flatMap { grant(.orgRole($0))(actor) }
        }
    }

    /// A member of Acme while an elevation lends them Operations admin.
    static let elevatedMember = PolicyTarget(id: UserID(rawValue: 102), systemRole: .operationsAdmin, orgs: [acme])

    static func facts(hours: Double) -> ElevationFacts {
        ElevationFacts(duration: hours * 3600, maxHours: 8, org: acmeOrg, orgRole: .member)
    }

    /// Lending `role` to a member of Acme, as `ElevationService.elevate` asks.
    static func elevate(_ role: ElevatedRole, hours: Double) -> Decide {
        onUser(.elevate, member, also: { actor in
            Policy.checkElevation(role, facts(hours: hours), by: actor, on: member) ?? grant(role.grant)(actor)
        })
    }

    /// A settings change waiting for a second person, asked by `requester`.
    static func request(by requester: UserID?) -> ApprovalRequest {
        ApprovalRequest(id: ApprovalID(rawValue: 1), action: "", kind: ApprovalKind.settings.rawValue, summary: "Set lockout.threshold to 5",
                        requesterId: requester, requestedBy: "someone", createdAt: now, expiresAt: now.addingTimeInterval(3600), state: .pending)
    }

    static func read(_ what: UserRead) -> Decide {
        { Policy.checkVisible(member, by: $0, notFound: .userNotFound("100")) ?? Policy.checkRead(what, by: $0, on: member) }
    }

    static var operations: [(String, Decide)] {
        var all: [(String, Decide)] = [
            ("view a member's profile", read(.profile)),
            ("view a member's sessions", read(.sessions)),
            ("view a member's API keys", read(.apiKeys)),
            ("view the audit trail's head", { Policy.checkRead(.auditTrail, by: $0) }),
            ("view the outbox", { Policy.checkRead(.outbox, by: $0) }),
        ]
        for action in UserAction.allCases where ![.view, .create, .addToOrg, .changeSystemRole, .elevate, .endElevation].contains(action) {
            all.append(("\(action.rawValue) a member", onUser(action, member)))
        }
        all += [
            ("make a member Operations admin", onUser(.changeSystemRole, member, also: { actor in
                Policy.checkRoleChange(to: .operationsAdmin, by: actor, on: member) ?? grant(.systemRole(.operationsAdmin))(actor) })),
            ("make a member Read-only user", onUser(.changeSystemRole, member, also: { actor in
                Policy.checkRoleChange(to: .readOnly, by: actor, on: member) ?? grant(.systemRole(.readOnly))(actor) })),
            ("elevate a member to Operations admin for 2 hours", elevate(.system(.operationsAdmin), hours: 2)),
            ("elevate a member to org admin of Acme for 2 hours", elevate(.orgAdmin(acme), hours: 2)),
            ("elevate a member for 9 hours (longest: 8)", elevate(.system(.accountsAdmin), hours: 9)),
            ("elevate own account", { actor in
                let me = PolicyTarget(id: actor.userId ?? UserID(rawValue: 0), systemRole: actor.systemRole, orgs: Set(actor.orgRoles.keys))
                return onUser(.elevate, me, also: { Policy.checkElevation(.system(.administrator), facts(hours: 1), by: $0, on: me) })(actor)
            }),
            ("end a member's Operations admin elevation", onUser(.endElevation, elevatedMember, also: {
                Policy.checkEndElevation(.system(.operationsAdmin), org: nil, by: $0, on: elevatedMember) })),
            ("end a member's org admin elevation in Acme", onUser(.endElevation, member, also: {
                Policy.checkEndElevation(.orgAdmin(acme), org: acmeOrg, by: $0, on: member) })),
            ("end own elevation", { actor in
                let me = PolicyTarget(id: actor.userId ?? UserID(rawValue: 0), systemRole: actor.systemRole, orgs: Set(actor.orgRoles.keys))
                return onUser(.endElevation, me, also: { Policy.checkEndElevation(.system(actor.systemRole), org: nil, by: $0, on: me) })(actor)
            }),
            ("approve another person's request", { Policy.checkApproval(request(by: UserID(rawValue: 100)), by: $0, at: now, reauthenticateMinutes: minutes) }),
            ("approve own request", { Policy.checkApproval(request(by: $0.userId), by: $0, at: now, reauthenticateMinutes: minutes) }),
            ("reject or withdraw a request", { Policy.checkRejection(request(by: UserID(rawValue: 100)), by: $0, at: now, reauthenticateMinutes: minutes) }),
            ("ask to elevate own account (self-elevation needs approval)", { actor in
                Policy.checkSelfElevationRequest(.system(.administrator), facts(hours: 1), by: actor, approvalAllowed: true)
                    ?? Policy.checkRecentAuthentication(actor, at: now, withinMinutes: minutes)
            }),
            ("start, decide or submit an access review of Acme", {
                Policy.checkOrgVisible(acme, by: $0, reference: "1") ?? Policy.check(.reviewMembers, by: $0, org: acme)
            }),
            ("make a member org admin of Acme", membership(.changeRole, to: .orgAdmin, member)),
            ("make an org admin of Acme a member", membership(.changeRole, to: .member, orgAdmin)),
            ("remove a member from Acme", membership(.remove, to: nil, member)),
            ("create a member of Acme, password shown", create(.standard, orgRole: .member, password: .generated)),
            ("create a member of Acme, link mailed", create(.standard, orgRole: .member, password: .accountInfoLink)),
            ("create an org admin of Acme, link mailed", create(.standard, orgRole: .orgAdmin, password: .accountInfoLink)),
            ("create an Operations admin, link mailed", create(.operationsAdmin, orgRole: .member, password: .accountInfoLink)),
            ("update-profile own account", onUser(.updateProfile)),
            ("end-sessions own account", onUser(.endSessions)),
            ("manage-api-keys own account", onUser(.manageAPIKeys)),
            ("manage-ssh-keys own account", onUser(.manageSSHKeys)),
            ("reset-password own account", onUser(.resetPassword)),
            ("change own password, MFA or terms", { Policy.checkInPerson($0) }),
            ("rename Acme", { Policy.checkOrgVisible(acme, by: $0, reference: "1") ?? Policy.checkOrgChange(.rename, by: $0, org: acmeOrg) }),
            ("change a system setting", { Policy.checkSettingsChange(by: $0, at: now, reauthenticateMinutes: minutes) }),
            ("lift a member's MFA requirement", onUser(.updateProfile, member, also: { actor in
                Policy.checkLiftingProtection(by: actor, at: now, reauthenticateMinutes: minutes) })),
            ("send a mail again", { Policy.checkMailRetry(by: $0) }),
        ]
        return all
    }

    static func cell(_ denial: Denial?) -> String {
        switch denial {
        case nil: "allowed"
        case .reauthenticationRequired?: "asks to confirm"
        case .hidden?: "not found"
        case let denial?: denial.code
        }
    }

    @Test("every operation × actor × way in: allowed, asks to confirm, not found, or refused and why")
    func decisionTable() throws {
        var lines = ["| operation | actor | " + Channel.allCases.map(\.rawValue).joined(separator: " | ") + " |",
                     "|---|---|" + String(repeating: "---|", count: Channel.allCases.count)]
        for (operation, decide) in Self.operations {
            for (name, actor) in try Self.actors() {
                let cells = Channel.allCases.map { Self.cell(decide($0.applied(to: actor))) }
                lines.append("| \(operation) | \(name) | " + cells.joined(separator: " | ") + " |")
            }
        }
        try assertGoldenText(lines.joined(separator: "\n"), file: "decisions.txt")
    }

    @Test("the table's promises, spelled out: keys never grant power or mint logins; a key alone never confirms")
    func promises() throws {
        for (_, actor) in try Self.actors() {
            for channel in [Channel.readWriteKey, .readOnlyKey] {
                let viaKey = channel.applied(to: actor)
                #expect(Self.create(.standard, orgRole: .member, password: .generated)(viaKey) != nil)
                #expect(Self.grant(.orgRole(.orgAdmin))(viaKey) != nil)
                #expect(Self.onUser(.resetPassword, Self.member)(viaKey) != nil)
            }
            let keyAlone = Channel.sshKeyAlone.applied(to: actor)
            let grantDenial = Self.grant(.systemRole(.administrator))(keyAlone)
            #expect(grantDenial == .reauthenticationRequired(minutes: Self.minutes))
        }
    }
}
