import Foundation
import Testing
@testable import RosterCore

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("two admins racing to remove each other, the last two administrators: exactly one succeeds",
          arguments: Backend.all, 0..<50)
    func racingLastAdmins(_ backend: Backend, round: Int) async throws {
        // Two handles on one database, as two roster processes (or hosts) would have.
        let (a, b, cleanup) = try Fixture.pair(backend)
        defer { cleanup() }
        let alice = try a.user("alice@example.com", .administrator)
        let bob = try a.user("bob@example.com", .administrator)
        let aliceActor = try a.actor(alice), bobActor = try b.actor(bob)
        try a.approvalsOff()

        // Alternate the attack: deactivation and demotion race the same way.
        let demote = round % 2 == 1
        async let first: Bool = Self.attempt {
            if demote { _ = try a.roster.users.changeRole(bob.id, to: .standard, by: aliceActor) }
            else { _ = try a.roster.users.deactivate(bob.id, by: aliceActor) }
        }
        async let second: Bool = Self.attempt {
            if demote { _ = try b.roster.users.changeRole(alice.id, to: .standard, by: bobActor) }
            else { _ = try b.roster.users.deactivate(alice.id, by: bobActor) }
        }
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 }.count == 1, "outcomes: \(outcomes)")
        let activeAdmins = try a.roster.stores.read { tx in try tx.users.countActiveAdministrators() }
        #expect(activeAdmins == 1)
        // Two users created, the two-person rule turned off, one change and one refusal.
        #expect(try a.roster.audit.verify() == .intact(rows: 5))
    }

    /// True if the change went through; false if it was refused as the last administrator, or because
    /// the actor had just lost their own role (the winner demoted them first).
    static func attempt(_ body: @escaping @Sendable () throws -> Void) async -> Bool {
        await Task.detached {
            do {
                try body()
                return true
            } catch Denial.lastAdministrator {
                return false
            } catch Denial.actorUnavailable {
                return false
            } catch RosterError.alreadyInitialized {
                return false
            } catch Denial.outranked {
                return false
            } catch RosterError.userNotFound {
                // Demoted by the winner first, the loser no longer sees the other administrator.
                return false
            } catch {
                Issue.record("unexpected error: \(error)")
                return false
            }
        }.value
    }

    @Test("two inits racing on one new database make one administrator; the other is refused", arguments: Backend.all, 0..<5)
    func racingInits(_ backend: Backend, round: Int) async throws {
        let (a, b, cleanup) = try Fixture.pair(backend)
        defer { cleanup() }
        async let first: Bool = Self.attempt {
            _ = try a.roster.bootstrap.initialize(email: "a@example.com", firstName: "A", lastName: "Admin", ip: nil)
        }
        async let second: Bool = Self.attempt {
            _ = try b.roster.bootstrap.initialize(email: "b@example.com", firstName: "B", lastName: "Admin", ip: nil)
        }
        let outcomes = await [first, second]
        #expect(outcomes.filter { $0 }.count == 1, "outcomes: \(outcomes)")
        #expect(try a.roster.users.count(matching: nil) == 1)
    }
}
