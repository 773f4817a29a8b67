import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

/// The console acts through a real session row, re-read at every keystroke (issue: security model).
@Suite("Console session")
struct ConsoleSessionTests {
    let system = Actor.system("test")

    func demoAdministrator(_ h: Harness) throws -> UserProfile {
        try h.roster.users.find("admin@demo.example", by: system)
    }

    @Test("signing in opens a session row for the console, and signing out ends it")
    func sessionRow() throws {
        let h = try Harness(users: 50)
        let admin = try demoAdministrator(h)
        let sessions = try h.roster.auth.sessions(of: admin.id, by: system)
        #expect(sessions.contains { $0.client == "roster-console" })
        h.environment.signOut()
        #expect(try h.roster.auth.sessions(of: admin.id, by: system).allSatisfy { $0.client != "roster-console" })
        #expect(h.session.current == nil)
    }

    @Test("an operator locked elsewhere is signed out at their next key, and told why")
    func lockedAtNextKey() throws {
        var h = try Harness(users: 50)
        // A second administrator, so the demo one isn't the last and can be locked.
        _ = try h.roster.users.create(NewUser(email: "second@example.com", firstName: "Second", lastName: "Admin",
                                              systemRole: .administrator, password: .none), by: system)
        _ = try h.roster.users.lock(try demoAdministrator(h).id, by: system)
        h.press("j")
        guard case .signIn(let form) = h.state.screen else { Issue.record("still on the users table"); return }
        #expect(h.state.signedIn == nil)
        #expect(form.message == SessionEndReason.accountUnavailable.message)
        #expect(h.screen().text.contains("deactivated or locked"))
    }

    @Test("a session ended by an administrator ends the console at the next key")
    func endedElsewhere() throws {
        var h = try Harness(users: 50)
        _ = try h.roster.auth.endAllSessions(of: try demoAdministrator(h).id, by: system)
        h.press("j")
        guard case .signIn(let form) = h.state.screen else { Issue.record("still on the users table"); return }
        #expect(form.message == SessionEndReason.ended.message)
    }

    @Test("a demoted operator's table is read again with what they may now see: no Role column")
    func demotedAtNextKey() throws {
        var h = try Harness(users: 50, size: Size(width: 120, height: 40))
        #expect(h.screen().text.contains("Role"))
        _ = try h.roster.users.create(NewUser(email: "second@example.com", firstName: "Second", lastName: "Admin",
                                              systemRole: .administrator, password: .none), by: system)
        _ = try h.roster.users.changeRole(try demoAdministrator(h).id, to: .accountsAdmin, by: system)
        h.press("j")
        #expect(h.state.signedIn?.role == .accountsAdmin && h.state.signedIn?.seesSystemRoles == false)
        #expect(!h.screen().text.contains("Role"), "an accounts admin doesn't see the System Role column")
        #expect(h.users.rows.allSatisfy { $0.systemRole == nil })
        // Sorting cycles past the role column it may not see.
        h.press("s", "s")
        #expect(h.users.sort.column == .status)
    }
}
