import Testing
@testable import RosterCore

/// The rank rules as a table: who may act on whom, for every pair of system roles.
@Suite("Policy")
struct PolicyTests {
    static let roles: [SystemRole] = [.administrator, .operationsAdmin, .accountsAdmin, .standard, .readOnly]

    /// Rows: actor; columns: target, in `roles` order. "y" allowed, "o" outranked, "n" not permitted, "r" read-only actor.
    /// Applies to every user action except changing the system role and viewing.
    static let generalMatrix: [SystemRole: String] = [
        .administrator:   "yyyyy",
        .operationsAdmin: "oyyyy",
        .accountsAdmin:   "ooyyy",
        .standard:        "ooonn",
        .readOnly:        "rrrrr",
    ]

    /// Changing a system role needs an operations admin or an administrator.
    static let roleChangeMatrix: [SystemRole: String] = [
        .administrator:   "yyyyy",
        .operationsAdmin: "oyyyy",
        .accountsAdmin:   "oonnn",
        .standard:        "ooonn",
        .readOnly:        "rrrrr",
    ]

    static func actor(_ role: SystemRole, id: Int64 = 1, orgs: [OrgID: OrgRole] = [:]) -> Actor {
        Actor(identity: .user(UserID(rawValue: id), (try? Email("actor\(id)@example.com"))!), systemRole: role, orgRoles: orgs)
    }

    /// An outranked refusal names the role only to actors who may see roles.
    static func expected(_ symbol: Character, _ action: UserAction, target: SystemRole, actor: SystemRole) -> Denial? {
        switch symbol {
        case "y": nil
        case "o": .outranked(target: actor >= .operationsAdmin ? target : nil)
        case "n": .notPermitted(action)
        default: .readOnlyActor
        }
    }

    @Test("every pair of system roles against every action", arguments: UserAction.allCases.filter { $0 != .view })
    func rankTable(action: UserAction) {
        let matrix = action == .changeSystemRole ? Self.roleChangeMatrix : Self.generalMatrix
        for actorRole in Self.roles {
            let row = Array(matrix[actorRole] ?? "")
            for (column, targetRole) in Self.roles.enumerated() {
                let target = PolicyTarget(id: UserID(rawValue: 2), systemRole: targetRole)
                let denial = Policy.check(action, by: Self.actor(actorRole), on: target)
                #expect(denial == Self.expected(row[column], action, target: targetRole, actor: actorRole),
                        "\(actorRole.name) → \(action.rawValue) → \(targetRole.name)")
            }
        }
    }

    @Test("anyone may view anyone")
    func viewIsOpen() {
        for a in Self.roles { for t in Self.roles {
            #expect(Policy.check(.view, by: Self.actor(a), on: PolicyTarget(id: UserID(rawValue: 2), systemRole: t)) == nil)
        } }
    }

    @Test("nobody may deactivate, lock, delete or change the role of their own account", arguments: UserAction.allCases.filter(\.isSelfForbidden))
    func selfForbidden(action: UserAction) {
        let me = PolicyTarget(id: UserID(rawValue: 1), systemRole: .administrator)
        #expect(Policy.check(action, by: Self.actor(.administrator), on: me) == .selfChange(action))
    }

    @Test("a standard user may edit their own profile and sessions")
    func selfProfile() {
        let me = PolicyTarget(id: UserID(rawValue: 1), systemRole: .standard)
        #expect(Policy.check(.updateProfile, by: Self.actor(.standard), on: me) == nil)
        #expect(Policy.check(.endSessions, by: Self.actor(.standard), on: me) == nil)
        #expect(Policy.check(.resetMFA, by: Self.actor(.standard), on: me) == .selfChange(.resetMFA))
    }

    @Test("an org admin may manage members of their org, not others, and never a higher rank")
    func orgAdminScope() {
        let org = OrgID(rawValue: 7)
        let orgAdmin = Self.actor(.standard, orgs: [org: .orgAdmin])
        let member = PolicyTarget(id: UserID(rawValue: 2), systemRole: .standard, orgs: [org])
        let outsider = PolicyTarget(id: UserID(rawValue: 3), systemRole: .standard, orgs: [OrgID(rawValue: 8)])
        let adminMember = PolicyTarget(id: UserID(rawValue: 4), systemRole: .accountsAdmin, orgs: [org])
        #expect(Policy.check(.deactivate, by: orgAdmin, on: member) == nil)
        #expect(Policy.check(.deactivate, by: orgAdmin, on: outsider) == .notPermitted(.deactivate))
        #expect(Policy.check(.deactivate, by: orgAdmin, on: adminMember) == .outranked(target: nil), "a standard user may not see roles")
        #expect(Policy.check(.changeSystemRole, by: orgAdmin, on: member) == .notPermitted(.changeSystemRole))
        let plainMember = Self.actor(.standard, orgs: [org: .member])
        #expect(Policy.check(.deactivate, by: plainMember, on: member) == .notPermitted(.deactivate))
    }

    @Test("nobody grants a rank above their own")
    func grantAbove() {
        let target = PolicyTarget(id: UserID(rawValue: 2), systemRole: .standard)
        #expect(Policy.checkRoleChange(to: .administrator, by: Self.actor(.operationsAdmin), on: target) == .cannotGrantAbove(.administrator))
        #expect(Policy.checkRoleChange(to: .operationsAdmin, by: Self.actor(.operationsAdmin), on: target) == nil)
        #expect(Policy.checkCreate(role: .administrator, kind: .standard, inOrg: nil, by: Self.actor(.operationsAdmin)) == .cannotGrantAbove(.administrator))
    }

    @Test("accounts admins and org admins create users with the default role only")
    func createDefaults() {
        let org = OrgID(rawValue: 7)
        #expect(Policy.checkCreate(role: .standard, kind: .standard, inOrg: nil, by: Self.actor(.accountsAdmin)) == nil)
        #expect(Policy.checkCreate(role: .accountsAdmin, kind: .standard, inOrg: nil, by: Self.actor(.accountsAdmin)) == .notPermitted(.changeSystemRole))
        #expect(Policy.checkCreate(role: .readOnly, kind: .readOnly, inOrg: nil, by: Self.actor(.accountsAdmin)) == nil)
        #expect(Policy.checkCreate(role: .standard, kind: .standard, inOrg: org, by: Self.actor(.standard, orgs: [org: .orgAdmin])) == nil)
        #expect(Policy.checkCreate(role: .standard, kind: .standard, inOrg: nil, by: Self.actor(.standard, orgs: [org: .orgAdmin])) == .notPermitted(.create))
        #expect(Policy.checkCreate(role: .readOnly, kind: .readOnly, inOrg: nil, by: Self.actor(.readOnly)) == .readOnlyActor)
    }

    @Test("the last active administrator can't be removed, demoted or locked; a second one can")
    func lastAdministrator() {
        let admin = PolicyTarget(id: UserID(rawValue: 2), systemRole: .administrator)
        for action in [UserAction.deactivate, .delete, .lock, .changeSystemRole] {
            #expect(Policy.checkLastAdministrator(action, on: admin, newRole: .standard, activeAdministrators: 1) == .lastAdministrator)
            #expect(Policy.checkLastAdministrator(action, on: admin, newRole: .standard, activeAdministrators: 2) == nil)
        }
        #expect(Policy.checkLastAdministrator(.updateProfile, on: admin, activeAdministrators: 1) == nil)
        let deactivated = PolicyTarget(id: UserID(rawValue: 2), systemRole: .administrator, status: .deactivated)
        #expect(Policy.checkLastAdministrator(.delete, on: deactivated, activeAdministrators: 1) == nil)
    }

    @Test("org user limits count standard and service accounts, never read-only ones")
    func userLimits() {
        let org = Org(id: OrgID(rawValue: 1), name: "Acme", locked: false, mfaRequired: false, standardUserLimit: 2,
                      serviceUserLimit: 0, createdAt: .distantPast, version: 1)
        let full = OrgHeadcount(standard: 2, service: 0, readOnly: 50)
        #expect(Policy.checkUserLimit(org: org, kind: .standard, systemRole: .standard, headcount: full) == .orgUserLimit(org: "Acme", kind: .standard, limit: 2))
        #expect(Policy.checkUserLimit(org: org, kind: .service, systemRole: .standard, headcount: full) == .orgUserLimit(org: "Acme", kind: .service, limit: 0))
        #expect(Policy.checkUserLimit(org: org, kind: .readOnly, systemRole: .readOnly, headcount: full) == nil)
        #expect(Policy.checkUserLimit(org: org, kind: .standard, systemRole: .readOnly, headcount: full) == nil)
        #expect(Policy.checkUserLimit(org: org, kind: .standard, systemRole: .standard, headcount: OrgHeadcount(standard: 1)) == nil)
    }

    @Test("only administrators change system settings")
    func settings() {
        #expect(Policy.checkSettingsChange(by: Self.actor(.administrator)) == nil)
        #expect(Policy.checkSettingsChange(by: Self.actor(.operationsAdmin)) == .administratorsOnly("change system settings"))
    }
}
