import Foundation
import Testing
@testable import RosterCore

@Suite("Organizations and groups")
struct OrgTests {
    @Test("org names are unique regardless of case", arguments: Backend.all)
    func uniqueNames(_ backend: Backend) throws {
        let f = try Fixture(backend)
        _ = try f.roster.orgs.create(name: "Acme", by: f.root)
        #expect(throws: RosterError.duplicateOrgName("ACME")) { try f.roster.orgs.create(name: "ACME", by: f.root) }
    }

    @Test("only operations admins and administrators create orgs or set limits", arguments: Backend.all)
    func whoManagesOrgs(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acc = try f.actor(f.user("acc@example.com", .accountsAdmin))
        #expect(throws: Denial.orgNotPermitted(.create)) { try f.roster.orgs.create(name: "X", by: acc) }
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        #expect(throws: Denial.orgNotPermitted(.setLimits)) { try f.roster.orgs.setLimits(org.id, standard: 1, service: nil, by: acc) }
    }

    @Test("a full org refuses another standard member but takes read-only ones", arguments: Backend.all)
    func limits(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        _ = try f.roster.orgs.setLimits(org.id, standard: 1, service: 0, by: f.root)
        try f.user("one@example.com", .standard, org: org.id)
        let two = try f.user("two@example.com", .standard)
        #expect(throws: Denial.orgUserLimit(org: "Acme", kind: .standard, limit: 1)) {
            try f.roster.orgs.addMember(two.id, to: org.id, role: .member, by: f.root)
        }
        #expect(throws: Denial.orgUserLimit(org: "Acme", kind: .standard, limit: 1)) {
            try f.user("three@example.com", .standard, org: org.id)
        }
        try f.user("ro@example.com", .readOnly, kind: .readOnly, org: org.id)
        #expect(throws: Denial.orgUserLimit(org: "Acme", kind: .service, limit: 0)) {
            try f.user("bot@example.com", .standard, kind: .service, org: org.id)
        }
        #expect(try f.roster.orgs.headcount(of: org.id) == OrgHeadcount(standard: 1, service: 0, readOnly: 1))
    }

    @Test("the last active org admin can't be removed, demoted, deactivated or deleted", arguments: Backend.all)
    func lastOrgAdmin(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        let boss = try f.user("boss@example.com", .standard, org: org.id, orgRole: .orgAdmin)
        #expect(throws: Denial.lastOrgAdmin(org: "Acme")) { try f.roster.orgs.removeMember(boss.id, from: org.id, by: f.root) }
        #expect(throws: Denial.lastOrgAdmin(org: "Acme")) { try f.roster.orgs.changeOrgRole(boss.id, in: org.id, to: .member, by: f.root) }
        #expect(throws: Denial.lastOrgAdmin(org: "Acme")) { try f.roster.users.deactivate(boss.id, by: f.root) }
        #expect(throws: Denial.lastOrgAdmin(org: "Acme")) { try f.roster.users.delete(boss.id, by: f.root) }
        let deputy = try f.user("deputy@example.com", .standard, org: org.id, orgRole: .orgAdmin)
        try f.roster.orgs.removeMember(boss.id, from: org.id, by: f.actor(deputy))
        #expect(try f.roster.users.memberships(of: boss.id).isEmpty)
    }

    @Test("an org admin manages their own org's members and nobody else's", arguments: Backend.all)
    func orgAdminScope(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root)
        let other = try f.roster.orgs.create(name: "Other", by: f.root)
        let boss = try f.actor(f.user("boss@example.com", .standard, org: acme.id, orgRole: .orgAdmin))
        let mine = try f.user("mine@example.com", .standard, org: acme.id)
        let theirs = try f.user("theirs@example.com", .standard, org: other.id)
        #expect(try f.roster.users.lock(mine.id, by: boss).lockedByAdmin)
        #expect(throws: RosterError.userNotFound(String(theirs.id.rawValue))) { try f.roster.users.lock(theirs.id, by: boss) }
        #expect(throws: RosterError.orgNotFound(String(other.id.rawValue))) { try f.roster.orgs.removeMember(theirs.id, from: other.id, by: boss) }
        let created = try f.roster.users.create(NewUser(email: "new@example.com", firstName: "N", lastName: "U", org: acme.id), by: boss)
        #expect(try f.roster.users.memberships(of: created.user.id).map(\.orgName) == ["Acme"])
    }

    @Test("a locked org can't be changed until unlocked", arguments: Backend.all)
    func lockedOrg(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        let user = try f.user("u@example.com", .standard)
        _ = try f.roster.orgs.setLocked(org.id, true, by: f.root)
        #expect(throws: Denial.orgLocked("Acme")) { try f.roster.orgs.addMember(user.id, to: org.id, role: .member, by: f.root) }
        #expect(throws: Denial.orgLocked("Acme")) { try f.roster.orgs.rename(org.id, to: "Acme 2", by: f.root) }
        _ = try f.roster.orgs.setLocked(org.id, false, by: f.root)
        #expect(try f.roster.orgs.addMember(user.id, to: org.id, role: .member, by: f.root).role == .member)
    }

    @Test("groups hold members of their org only, and go when the org goes", arguments: Backend.all)
    func groups(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        let member = try f.user("m@example.com", .standard, org: org.id)
        let outsider = try f.user("o@example.com", .standard)
        let group = try f.roster.groups.create(name: "On call", in: org.id, by: f.root)
        #expect(throws: RosterError.duplicateGroupName("on call")) { try f.roster.groups.create(name: "on call", in: org.id, by: f.root) }
        try f.roster.groups.addMember(member.id, to: group.id, by: f.root)
        #expect(throws: RosterError.notAMember(user: "o@example.com", org: "Acme")) { try f.roster.groups.addMember(outsider.id, to: group.id, by: f.root) }
        #expect(try f.roster.groups.members(of: group.id) == [member.id])
        #expect(try f.roster.groups.rename(group.id, to: "Night shift", by: f.root).name == "Night shift")
        try f.roster.orgs.removeMember(member.id, from: org.id, by: f.root)
        #expect(try f.roster.groups.members(of: group.id).isEmpty)
        _ = try f.roster.orgs.delete(org.id, by: f.root)
        #expect(try f.roster.groups.all(in: nil).isEmpty)
    }

    @Test("a stale org edit is refused", arguments: Backend.all)
    func staleOrg(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let org = try f.roster.orgs.create(name: "Acme", by: f.root)
        _ = try f.roster.orgs.rename(org.id, to: "Acme Corp", expectedVersion: org.version, by: f.root)
        #expect(throws: RosterError.changedBySomeoneElse("Organization Acme Corp")) {
            try f.roster.orgs.setMFARequired(org.id, true, expectedVersion: org.version, by: f.root)
        }
    }
}
