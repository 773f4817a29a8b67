import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Sudo mode: sensitive actions ask the operator to confirm it's them", .serialized)
struct ReauthConsoleTests {
    func demoPassword(_ h: Harness) throws -> String {
        try #require(try DemoSeeder(roster: h.roster).credentials()).password
    }

    func auditActions(_ h: Harness, _ count: Int) throws -> [String] {
        try h.roster.audit.recent(limit: count, by: .system("test")).map { "\($0.action):\($0.outcome)" }
    }

    @Test("within the window a sensitive action asks nothing more than its confirmation")
    func recentSignInIsEnough() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.clock.advance(minutes: 14)
        h.press("M", .tab, .enter)
        #expect(h.state.reauth == nil)
        #expect(h.users.drawer?.notice?.hasPrefix("MFA reset for \(row.email.value)") == true)
    }

    @Test("after the window: reset MFA waits for the password; a wrong one is refused and counted; the right one runs it")
    func asksAfterWindow() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        let password = try demoPassword(h)
        h.clock.advance(minutes: 16)
        h.press("M", .tab, .enter)
        let reauth = try #require(h.state.reauth)
        #expect(reauth.factor == .password)
        #expect(reauth.retry == .changeUser(.resetMFA, user: row.id, expectedVersion: h.users.drawer?.detail?.profile.version))
        #expect(try auditActions(h, 1) != ["mfa.reset:denied"], "asked before acting: no denial written")
        h.type("not it")
        #expect(h.screen().text.contains("••••••") && !h.screen().text.contains("not it"), "never echoed")
        h.press(.enter)
        #expect(h.state.reauth?.error?.hasPrefix("That wasn't right") == true)
        #expect(try auditActions(h, 1) == ["session.reauthenticate:failed"])
        // q is text here, not quit; Ctrl-U is not text.
        h.type(password)
        h.press(.enter)
        #expect(h.state.reauth == nil)
        #expect(h.users.drawer?.notice?.hasPrefix("MFA reset for \(row.email.value)") == true, "\(String(describing: h.users.drawer?.notice))")
        #expect(try auditActions(h, 2) == ["mfa.reset:success", "session.reauthenticate:success"])
        // Confirmed: the next sensitive action within the window asks nothing.
        h.press("T", .tab, .enter)
        #expect(h.state.reauth == nil && h.users.drawer?.secret != nil)
    }

    @Test("Esc cancels: nothing changes, the drawer says so and stays usable; Ctrl-C does not quit")
    func cancel() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.clock.advance(minutes: 20)
        h.press("X", .tab)
        h.type(row.email.value)
        h.press(.enter)
        #expect(h.state.reauth != nil)
        h.press(.control("c"))
        #expect(h.state.reauth == nil && !h.state.quitting)
        #expect(h.users.drawer?.notice == "Not confirmed; nothing was changed.")
        #expect(h.users.drawer?.changing == false)
        #expect((try? h.roster.users.profile(row.id, by: .system("test"))) != nil, "not deleted")
    }

    @Test("a bulk MFA reset asks once, before any user is touched")
    func bulkAsksOnce() throws {
        var h = try Harness()
        let password = try demoPassword(h)
        h.press("/")
        h.type("tanaka")
        h.press(.enter, " ", " ")
        h.clock.advance(minutes: 30)
        h.press("M", .tab, .enter)
        #expect(h.state.reauth != nil)
        h.type(password)
        h.press(.enter)
        guard case .finished(let lines, _) = h.users.bulk?.phase else { Issue.record("no report"); return }
        #expect(lines.first == "Reset MFA of 2 of 2 users.", "\(lines)")
        #expect(try auditActions(h, 3).filter { $0 == "mfa.reset:denied" }.isEmpty)
    }

    @Test("screen: the confirmation prompt at 80x24")
    func golden() throws {
        var (h, _) = try DialogConsoleTests.drawerOnTanaka()
        h.clock.advance(minutes: 16)
        h.press("M", .tab, .enter)
        h.type("secret")
        try assertGolden(h.screen().text, named: "reauth-80x24")
    }
}
