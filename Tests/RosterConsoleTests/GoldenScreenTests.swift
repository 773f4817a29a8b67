import RosterConsole
import RosterTerminal
import Testing

@Suite("Golden screens", .serialized)
struct GoldenScreenTests {
    @Test("users table at 80x24 keeps Name, Email, Role and Status")
    func users80x24() throws {
        let h = try Harness()
        let grid = h.screen()
        try assertGolden(grid.text, named: "users-80x24")
        try assertGolden(grid.styleLayer, named: "users-80x24.style")
        #expect(grid.text.contains("Name") && grid.text.contains("Email") && grid.text.contains("Role") && grid.text.contains("Status"))
    }

    @Test("users table at 120x40 shows every column")
    func users120x40() throws {
        let h = try Harness(size: Size(width: 120, height: 40))
        try assertGolden(h.screen().text, named: "users-120x40")
    }

    @Test("filtered, then moved down")
    func filtered() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter, "j", "j")
        try assertGolden(h.screen().text, named: "users-filtered-80x24")
    }

    @Test("sorted by email, descending")
    func sorted() throws {
        var h = try Harness(size: Size(width: 120, height: 40))
        h.press("s", "S")
        try assertGolden(h.screen().text, named: "users-sorted-email-desc-120x40")
    }

    @Test("a filter that matches nobody")
    func empty() throws {
        var h = try Harness()
        h.press("/")
        h.type("zzqx")
        try assertGolden(h.screen().text, named: "users-empty-80x24")
    }

    @Test("help is generated from the keymaps; a long one turns pages with Space, and every binding is on one of them")
    func help() throws {
        var h = try Harness()
        h.press("?")
        try assertGolden(h.screen().text, named: "help-80x24")
        var seen = h.screen().text
        h.press(" ")
        #expect(h.state.showingHelp && h.state.helpPage == 1)
        try assertGolden(h.screen().text, named: "help-80x24-page2")
        seen += h.screen().text
        for help in UsersAction.keymap.bindings.map(\.help) + AppAction.keymap.bindings.map(\.help) + FilterAction.keymap.bindings.map(\.help) {
            #expect(seen.contains(help), "“\(help)” is on a help page")
        }
        h.press("x")
        #expect(!h.state.showingHelp && h.state.helpPage == 0)
    }

    @Test("sign-in shows the demo credentials")
    func signIn() throws {
        let h = try Harness(signedIn: false)
        try assertGolden(h.screen().text, named: "signin-80x24")
    }

    @Test("below 60x16 a message replaces the layout")
    func tooSmall() throws {
        var h = try Harness()
        h.send(.resize(Size(width: 50, height: 12)))
        try assertGolden(h.screen().text, named: "too-small-50x12")
    }

    @Test("monochrome tells selected, header, warnings apart with attributes alone")
    func monochrome() throws {
        var h = try Harness()
        h.press("j")
        try assertGolden(h.screen().attributeLayer(theme: .monochrome), named: "users-80x24.monochrome")
    }

    @Test("in the C locale only ASCII is drawn")
    func ascii() throws {
        let h = try Harness(ascii: true)
        let text = h.screen().text
        try assertGolden(text, named: "users-ascii-80x24")
        let hostileEscapesOnly = text.replacingOccurrences(of: "\\x1b", with: "")
        #expect(!hostileEscapesOnly.contains("…") && !hostileEscapesOnly.contains("▲"))
    }
}
