import Foundation
import Testing
@testable import RosterCore

/// Every column of a users list row is read into its own field, on both backends (PostgreSQL
/// reads them by position).
@Suite("Users list rows")
struct UserRowReadingTests {
    @Test("a row shows each field as the user has it", arguments: Backend.all)
    func fields(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let admin = try f.user("admin@example.com", .administrator)
        let actor = try f.actor(admin)
        let locked = try f.user("locked@example.com", .readOnly, kind: .readOnly)
        _ = try f.roster.users.lock(locked.id, by: actor)
        let gone = try f.user("gone@example.com", .standard)
        _ = try f.roster.users.deactivate(gone.id, by: actor)
        _ = try f.roster.auth.signIn(email: "admin@example.com", password: "correct horse battery", ip: nil, client: "test")
        let rows = try f.roster.users.list(UserQuery(sort: UserSort(.email), limit: 10), by: f.root).rows
        #expect(rows.count == 3)
        for row in rows {
            let user = try #require(try f.roster.stores.read { try $0.users.find(row.id) })
            #expect(row.email == user.email)
            #expect(row.name == user.fullName)
            #expect(row.kind == user.kind)
            #expect(row.systemRole == user.systemRole)
            #expect(row.status == user.status)
            #expect(row.lockedByAdmin == user.lockedByAdmin)
            #expect(row.lockedUntil == user.lockedUntil)
            #expect(row.mfaEnabled == user.mfaEnabled)
            #expect(row.createdAt == user.createdAt)
            #expect(row.lastSignInAt == user.lastSignInAt)
            #expect(row.version == user.version)
        }
        #expect(rows.map(\.lockedByAdmin) == [false, false, true], "admin, gone, locked")
        #expect(rows.map(\.status) == [.active, .deactivated, .active])
        #expect(rows.map(\.kind) == [.standard, .standard, .readOnly])
        #expect(rows.map(\.version).contains { $0 > 1 }, "a lock and a deactivation count as versions")
        #expect(rows.map { $0.lastSignInAt != nil } == [true, false, false], "the admin signed in")
    }
}
