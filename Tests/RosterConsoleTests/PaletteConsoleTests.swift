import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Command palette, app-level keys and dimmed actions", .serialized)
struct PaletteConsoleTests {
    /// The drawer open on the signed-in administrator: changes to one's own account are refused.
    static func drawerOnSelf(size: Size = Size(width: 80, height: 24)) throws -> Harness {
        var h = try Harness(size: size)
        h.press("/")
        h.type("admin@demo")
        h.press(.enter, .enter)
        return h
    }

    /// The style of the first cell of `text` on the footer line.
    func footerStyle(of text: String, _ h: Harness) -> Style? {
        let grid = h.screen()
        let y = grid.size.height - 1
        let line = (0..<grid.size.width).map { String(grid[$0, y].character) }.joined()
        guard let range = line.range(of: text) else { return nil }
        return grid[line.distance(from: line.startIndex, to: range.lowerBound), y].style
    }

    @Test(": lists the screen's actions by name; typing narrows; Enter runs the chosen one as its key would")
    func paletteRunsAction() throws {
        var h = try Harness()
        h.press(":")
        let palette = try #require(h.state.palette)
        #expect(palette.matches.contains { $0.title == "reverse sort" && $0.keys == "S" })
        #expect(palette.matches.contains { $0.title == "help" }, "app-level keys are offered too")
        h.type("reverse")
        #expect(h.state.palette?.matches.map(\.title) == ["reverse sort"])
        let ascending = h.users.sort.ascending
        h.press(.enter)
        #expect(h.state.palette == nil)
        #expect(h.users.sort.ascending != ascending, "ran as S does")
    }

    @Test("in the palette, q is text and Ctrl-C closes it instead of quitting; an unmatched query says so")
    func paletteTakesText() throws {
        var h = try Harness()
        h.press(":", "q")
        #expect(!h.state.quitting && h.state.palette?.query == "q")
        h.type("zzzz")
        #expect(h.state.palette?.matches.isEmpty == true)
        #expect(h.screen().text.contains("No command matches"))
        h.press(.enter)
        #expect(h.state.palette != nil, "Enter with nothing chosen runs nothing")
        h.press(.control("c"))
        #expect(h.state.palette == nil && !h.state.quitting)
    }

    @Test("bulk actions with nobody to act on are listed dim with the reason, not hidden")
    func paletteShowsRefusals() throws {
        var h = try Harness()
        h.press("/")
        h.type("zzzzqqqq")
        h.press(.enter, ":")
        h.type("lock marked")
        let entry = try #require(h.state.palette?.matches.first)
        #expect(entry.refusal == "no user to act on")
        h.press(.enter)
        #expect(h.users.notice?.hasPrefix("No user to act on") == true, "running it says why, as the key does")
    }

    @Test("in the drawer on one's own account, lock and deactivate are dimmed in the footer and the palette says why")
    func drawerDims() throws {
        var h = try Self.drawerOnSelf()
        #expect(h.users.drawer?.detail != nil)
        #expect(footerStyle(of: "L lock", h) == .dim)
        #expect(footerStyle(of: "Esc close", h) == .accent)
        h.press(":")
        h.type("lock")
        let entry = try #require(h.state.palette?.matches.first)
        #expect(entry.refusal?.contains("own account") == true, "\(String(describing: entry.refusal))")
        try assertGolden(h.screen().text, named: "palette-drawer-80x24")
    }

    @Test("on another user the same keys are lit")
    func drawerLit() throws {
        var (h, _) = try DialogConsoleTests.drawerOnTanaka()
        #expect(footerStyle(of: "L lock", h) == .accent)
    }

    @Test("screens: the palette on the users table at 80x24 and 120x40, narrowed")
    func goldens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var h = try Harness(size: size)
            h.press(":")
            try assertGolden(h.screen().text, named: "palette-\(size.width)x\(size.height)")
        }
        var h = try Harness()
        h.press(":")
        h.type("sort")
        try assertGolden(h.screen().text, named: "palette-narrowed-80x24")
    }

    @Test("verbs find the drawer's actions from the table; running one opens the selected user's drawer and asks there")
    func verbsFromTheTable() throws {
        var h = try Harness(size: Size(width: 120, height: 40))
        h.press("/")
        h.type("tanaka")
        h.press(.enter)
        let row = try #require(h.users.selectedRow)
        h.press(":")
        h.type("deactivate")
        let titles = h.state.palette?.matches.map(\.title) ?? []
        #expect(titles.first == "deactivate marked users", "the screen's own first: \(titles)")
        let drawerEntry = try #require(titles.firstIndex(of: "\(row.name): (de)activate"), "\(titles)")
        try assertGolden(h.screen().text, named: "palette-deactivate-120x40")
        for _ in 0..<drawerEntry { h.press(.down) }
        h.press(.enter)
        #expect(h.state.palette == nil && h.users.drawer?.userId == row.id)
        #expect(h.users.drawer?.dialog != nil, "the drawer's own confirmation, as D there would ask")
    }

    @Test("in the drawer, deactivate, reactivate, lock and reset mfa find its keys first")
    func verbsInTheDrawer() throws {
        var (h, _) = try DialogConsoleTests.drawerOnTanaka()
        for (typed, key) in [("deactivate", "D"), ("reactivate", "D"), ("lock", "L"), ("reset mfa", "M"), ("sign out", "E")] {
            h.press(":")
            h.type(typed)
            #expect(h.state.palette?.matches.first?.key == Key.character(Character(key)), "\(typed)")
            h.press(.escape)
        }
    }

    @Test("a command of another screen goes there first: from Orgs, locking the selected user switches to the users table and asks")
    func otherScreen() throws {
        var h = try Harness()
        h.press("2")
        guard h.state.shown(OrgsFeature.self) != nil else { Issue.record("not on the orgs screen"); return }
        h.press(":")
        h.type("users: lock marked")
        #expect(h.state.palette?.matches.first?.title == "Users: lock marked users")
        h.press(.enter)
        guard case .users = h.state.screen else { Issue.record("not back on the users table"); return }
        guard case .confirming = h.users.bulk?.phase else { Issue.record("no confirmation"); return }
    }
}
