import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Lending a role from the drawer", .serialized)
struct ElevationConsoleTests {
    /// The drawer on Liam Tanaka with Accounts admin lent for `for` because of `reason`.
    static func lent(size: Size = Size(width: 80, height: 24), for duration: String = "90m",
                     reason: String = "INC-7 cover") throws -> (Harness, UserRow) {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka(size: size)
        h.press("U")
        let form = try #require(h.users.drawer?.form)
        #expect(form.chosenTitle("role") == "Accounts admin", "the lowest role above theirs comes first")
        h.press(.tab, .control("u"))
        h.type(duration)
        h.press(.tab)
        h.type(reason)
        h.press(.enter)
        return (h, row)
    }

    @Test("U: choose the role, how long and why; the confirmation says it drops back; lent through the service, audited")
    func lend() throws {
        var (h, row) = try Self.lent()
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.joined().contains("Make Liam Tanaka accounts admin for 1 h 30 min?"), "\(dialog.message)")
        try assertGolden(h.screen().text, named: "dialog-elevate-80x24")
        h.press(.tab, .enter)
        #expect(h.users.drawer?.notice?.hasPrefix("Lent until") == true, "\(String(describing: h.users.drawer?.notice))")
        let audit = try #require(try h.roster.audit.recent(limit: 1, by: .system("test")).first)
        #expect(audit.action == "user.elevate" && audit.details.contains("INC-7 cover"))
        #expect(try h.roster.elevations.list(user: row.id, activeOnly: true, by: .system("test")).count == 1)
    }

    @Test("the drawer shows the lent role with the time left, and the table marks the row")
    func shown() throws {
        var (h, row) = try Self.lent(size: Size(width: 120, height: 40))
        h.press(.tab, .enter)
        h.press("r")
        let text = h.screen().text
        #expect(text.contains("Elevated         Accounts admin"), "\(text)")
        #expect(text.contains("1 h 30 min left") && text.contains("until 2026-11-18 12:36"), "\(text)")
        #expect(text.contains("by admin@demo.example") && text.contains("INC-7 cover"))
        try assertGolden(text, named: "drawer-elevated-120x40")
        h.press(.escape)
        #expect(h.users.rows.first { $0.id == row.id }?.elevatedUntil != nil)
        #expect(h.screen().text.contains("active ↑2h"), "the table rounds the time left up")
        var later = CellGrid(size: h.state.size)
        ConsoleView.draw(h.state, formatting: h.environment.formatting, now: Harness.now.addingTimeInterval(91 * 60), on: &later)
        #expect(!later.text.contains("↑"), "gone when the time is up, before any read")
    }

    @Test("a duration that can't be read or a missing reason keeps the form open and says why")
    func badForm() throws {
        var (h, _) = try Self.lent(for: "soon", reason: "")
        let form = try #require(h.users.drawer?.form)
        #expect(h.users.drawer?.dialog == nil)
        #expect(form.fields.first { $0.id == "for" }?.problem == "Hours and minutes, such as 2h, 90m or 1h30m.")
        #expect(form.fields.first { $0.id == "reason" }?.problem == "Say why.")
    }

    @Test("u ends it early after a yes; with none lent, it says so at once")
    func endEarly() throws {
        var (h, row) = try Self.lent()
        h.press(.tab, .enter, "r", "u")
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.joined().contains("End Liam Tanaka's lent role now (Accounts admin)?"))
        h.press(.tab, .enter)
        #expect(try h.roster.elevations.list(user: row.id, activeOnly: true, by: .system("test")).isEmpty)
        h.press("r", "u")
        #expect(h.users.drawer?.dialog == nil && h.users.drawer?.notice == "They hold no lent role; U lends one.")
    }

    @Test("U on one's own row is refused at once, with the reason")
    func notOwn() throws {
        var h = try Harness()
        h.press("/")
        h.type("admin@demo")
        h.press(.enter, .enter, "U")
        #expect(h.users.drawer?.form == nil)
        #expect(h.users.drawer?.notice == Denial.selfChange(.elevate).message)
    }
}
