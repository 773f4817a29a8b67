import Foundation
import GRDB
import Testing
@testable import RosterCore

@Suite("Users")
struct UserServiceTests {
    @Test("creating a user generates a password once, stores only its hash, and audits the creation", arguments: Backend.all)
    func createWithGeneratedPassword(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let created = try f.roster.users.create(NewUser(email: "Ada@Example.com", firstName: "Ada", lastName: "Lovelace"), by: f.root)
        let password = try #require(created.generatedPassword)
        #expect(password.count == 20)
        #expect(created.user.email.value == "ada@example.com")
        #expect(created.user.passwordHash?.hasPrefix("$scrypt$ln=4,r=8,p=1$") == true)
        #expect(created.user.passwordHash?.contains(password) == false)
        #expect(created.user.passwordChangeRequired, "password change at first sign-in: on by default")
        #expect(created.user.termsAcceptanceRequired, "terms acceptance: on by default while the system setting is on")
        let audit = try f.lastAudit()
        #expect(audit.action == "user.create" && audit.outcome == .success && audit.target == "ada@example.com")
        #expect(audit.details.contains("\"passwordSource\":\"generated\""))
    }

    @Test("the store itself refuses a second account with an email, as a duplicate email, and the transaction goes on",
          arguments: Backend.all)
    func storeRefusesDuplicate(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let sam = try f.user("sam@example.com", .standard)
        let added = try f.roster.stores.write { tx in
            #expect(throws: RosterError.duplicateEmail("sam@example.com")) { try tx.users.insert(sam) }
            var other = sam
            other.email = try Email("tom@example.com")
            return try tx.users.insert(other)
        }
        #expect(try f.roster.users.count(matching: nil) == 2 && added.id != sam.id)
    }

    @Test("emails are unique regardless of case, and a duplicate writes nothing", arguments: Backend.all)
    func duplicateEmail(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("sam@example.com", .standard)
        let before = try f.auditCount()
        #expect(throws: RosterError.duplicateEmail("sam@example.com")) {
            try f.roster.users.create(NewUser(email: "SAM@example.COM", firstName: "S", lastName: "T"), by: f.root)
        }
        #expect(try f.auditCount() == before)
        #expect(try f.roster.users.count(matching: nil) == 1)
    }

    @Test("bad input is refused with a clear error and nothing written", arguments: [
        ("not-an-email", "A", "B", RosterError.invalidEmail("not-an-email")),
        ("a@b", "A", "B", RosterError.invalidEmail("a@b")),
        ("x\u{1b}[2J@example.com", "A", "B", RosterError.invalidEmail("x\u{1b}[2J@example.com")),
        ("ok@example.com", "  ", "B", RosterError.emptyField("First name")),
        ("ok@example.com", "A", "", RosterError.emptyField("Last name")),
    ])
    func badInput(email: String, first: String, last: String, error: RosterError) throws {
        let f = try Fixture()
        #expect(throws: error) { try f.roster.users.create(NewUser(email: email, firstName: first, lastName: last), by: f.root) }
        #expect(try f.auditCount() == 0)
    }

    @Test("a typed password must meet the policy", arguments: Backend.all)
    func weakPassword(_ backend: Backend) throws {
        let f = try Fixture(backend)
        #expect(throws: RosterError.weakPassword("use at least 12 characters (a few words make a good passphrase).")) {
            try f.roster.users.create(NewUser(email: "kim@example.com", firstName: "K", lastName: "L", password: .typed("short")), by: f.root)
        }
        #expect(throws: RosterError.weakPassword("it must not contain the email's name part.")) {
            try f.roster.users.create(NewUser(email: "kimberly@example.com", firstName: "K", lastName: "L", password: .typed("my kimberly password")), by: f.root)
        }
    }

    @Test("the email can't change, but names can; a stale version is refused and writes nothing", arguments: Backend.all)
    func staleEdit(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("lee@example.com", .standard)
        let edited = try f.roster.users.updateProfile(user.id, ProfileChange(firstName: "Li"), expectedVersion: user.version, by: admin)
        #expect(edited.firstName == "Li" && edited.version == user.version + 1)
        let rows = try f.auditCount()
        #expect(throws: RosterError.changedBySomeoneElse("User lee@example.com")) {
            try f.roster.users.updateProfile(user.id, ProfileChange(lastName: "Old"), expectedVersion: user.version, by: admin)
        }
        #expect(try f.roster.users.user(user.id).lastName == user.lastName)
        #expect(try f.auditCount() == rows)
    }

    @Test("an accounts admin can't deactivate an administrator, and the denial is audited", arguments: Backend.all)
    func accountsAdminCannotDeactivateAdministrator(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("root@example.com", .administrator)
        let accounts = try f.actor(f.user("acc@example.com", .accountsAdmin))
        #expect(throws: Denial.outranked(target: nil), "an accounts admin may not see system roles, so none is named") {
            try f.roster.users.deactivate(admin.id, by: accounts)
        }
        let audit = try f.lastAudit()
        #expect(audit.outcome == .denied && audit.action == "user.deactivate" && audit.actor == "acc@example.com")
        #expect(audit.actorIP == "192.0.2.7")
        #expect(try f.roster.users.user(admin.id).status == .active)
    }

    @Test("deactivating a user ends all their sessions and removes their IP rules", arguments: Backend.all)
    func deactivationEndsSessions(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("dev@example.com", .standard)
        _ = try f.roster.auth.signIn(email: "dev@example.com", password: "correct horse battery", ip: "198.51.100.1", client: "test")
        _ = try f.roster.auth.signIn(email: "dev@example.com", password: "correct horse battery", ip: "198.51.100.2", client: "test")
        _ = try f.roster.auth.addIPRule("198.51.100.0/24", for: user.id, by: admin)
        let result = try f.roster.users.deactivate(user.id, by: admin)
        #expect(result.sessionsEnded == 2 && result.ipRulesRemoved == 1)
        #expect(try f.roster.auth.sessions(of: user.id).isEmpty)
        #expect(try f.roster.auth.ipRules(of: user.id).isEmpty)
        #expect(throws: RosterError.signInFailed) {
            try f.roster.auth.signIn(email: "dev@example.com", password: "correct horse battery", ip: nil, client: nil)
        }
        #expect(try f.lastAudit().details.contains("\"reason\":\"deactivated\""))
    }

    @Test("the last active administrator can't be deactivated, demoted or deleted", arguments: Backend.all)
    func lastAdministrator(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let only = try f.user("root@example.com", .administrator)
        let ops = try f.actor(f.user("ops@example.com", .operationsAdmin))
        _ = ops
        #expect(throws: Denial.lastAdministrator) { try f.roster.users.deactivate(only.id, by: f.root) }
        #expect(throws: Denial.lastAdministrator) { try f.roster.users.changeRole(only.id, to: .standard, by: f.root) }
        #expect(throws: Denial.lastAdministrator) { try f.roster.users.delete(only.id, by: f.root) }
        let second = try f.user("second@example.com", .administrator)
        #expect(try f.roster.users.deactivate(only.id, by: f.actor(second)).user.status == .deactivated)
    }

    @Test("nobody deactivates or demotes themselves", arguments: Backend.all)
    func selfProtection(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let me = try f.user("root@example.com", .administrator)
        try f.user("other@example.com", .administrator)
        #expect(throws: Denial.selfChange(.deactivate)) { try f.roster.users.deactivate(me.id, by: f.actor(me)) }
        #expect(throws: Denial.selfChange(.changeSystemRole)) { try f.roster.users.changeRole(me.id, to: .standard, by: f.actor(me)) }
    }

    @Test("an operations admin can't grant administrator", arguments: Backend.all)
    func grantAbove(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ops = try f.actor(f.user("ops@example.com", .operationsAdmin))
        let user = try f.user("u@example.com", .standard)
        #expect(throws: Denial.cannotGrantAbove(.administrator)) { try f.roster.users.changeRole(user.id, to: .administrator, by: ops) }
        #expect(try f.roster.users.changeRole(user.id, to: .operationsAdmin, by: ops).systemRole == .operationsAdmin)
    }

    @Test("a demoted operator loses their powers at once, even with an old actor", arguments: Backend.all)
    func actorIsReloaded(_ backend: Backend) throws {
        let f = try Fixture(backend)
        try f.user("root@example.com", .administrator)
        let acc = try f.user("acc@example.com", .accountsAdmin)
        let staleActor = try f.actor(acc)
        let target = try f.user("t@example.com", .standard)
        _ = try f.roster.users.changeRole(acc.id, to: .standard, by: f.root)
        // Now a standard user, they no longer see the target at all: it is as if it did not exist.
        #expect(throws: RosterError.userNotFound(String(target.id.rawValue))) { try f.roster.users.lock(target.id, by: staleActor) }
    }

    @Test("deleting a user keeps their audit rows readable", arguments: Backend.all)
    func deleteKeepsAudit(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("gone@example.com", .standard)
        _ = try f.roster.users.delete(user.id, by: admin)
        #expect(throws: RosterError.userNotFound("gone@example.com")) { try f.roster.users.find("gone@example.com") }
        let rows = try f.roster.audit.recent(limit: 10, about: user.id)
        #expect(rows.map(\.action) == ["user.delete", "user.create"])
        #expect(rows.allSatisfy { $0.target == "gone@example.com" })
        #expect(try f.roster.audit.verify() == .intact(rows: 3))
    }

    @Test("locking ends sessions and blocks sign-in; unlocking restores it", arguments: Backend.all)
    func lockAndUnlock(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.actor(f.user("root@example.com", .administrator))
        let user = try f.user("l@example.com", .standard)
        _ = try f.roster.auth.signIn(email: "l@example.com", password: "correct horse battery", ip: nil, client: nil)
        _ = try f.roster.users.lock(user.id, by: admin)
        #expect(try f.roster.auth.sessions(of: user.id).isEmpty)
        #expect(throws: RosterError.signInFailed) { try f.roster.auth.signIn(email: "l@example.com", password: "correct horse battery", ip: nil, client: nil) }
        _ = try f.roster.users.unlock(user.id, by: admin)
        #expect(try f.roster.auth.signIn(email: "l@example.com", password: "correct horse battery", ip: nil, client: nil).user.id == user.id)
    }

    @Test("read-only users change nothing, not even their own profile", arguments: Backend.all)
    func readOnlyChangesNothing(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ro = try f.user("ro@example.com", .readOnly, kind: .readOnly)
        #expect(throws: Denial.readOnlyActor) { try f.roster.users.updateProfile(ro.id, ProfileChange(firstName: "X"), by: f.actor(ro)) }
    }
}
