import Testing
@testable import RosterTerminal

/// The widgets RosterTerminal owns, drawn onto a cell grid: what a person sees of a dialog,
/// a picker, a table's columns and a footer at the sizes a terminal really has.
@Suite("Widgets")
struct WidgetTests {
    static func lines(_ grid: CellGrid) -> [String] {
        grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The first cell whose character starts `text` on some line, and that line's index.
    static func find(_ text: String, in grid: CellGrid) -> (x: Int, y: Int)? {
        for (y, line) in lines(grid).enumerated() {
            if let range = line.range(of: text) { return (line.distance(from: line.startIndex, to: range.lowerBound), y) }
        }
        return nil
    }

    @Test("a dialog is centred, wraps its text inside its frame, and draws the focused button selected, a dangerous one in danger style")
    func dialog() throws {
        var grid = CellGrid(size: Size(width: 80, height: 24))
        let message = ["Deactivate Ana Souza? Their sessions end, their API keys are revoked and their IP rules removed; reactivating doesn't bring those back."]
        var box = DialogBox(title: "Deactivate Ana", message: message, buttons: ["Cancel", "Deactivate"], focused: 1, dangerous: true)
        box.draw(on: &grid, glyphs: .unicode)
        let rect = box.rect(in: grid.size)
        #expect(rect.size.width == 64 && rect.minX == 8, "centred, 64 wide at 80 columns")
        let lines = Self.lines(grid)
        let inside = lines[(rect.minY + 1)..<(rect.maxY - 1)].map { line in String(Array(line)[(rect.minX + 1)..<(rect.maxX - 1)]) }
        #expect(inside.joined(separator: " ").contains("reactivating"), "the whole message, wrapped")
        let button = try #require(Self.find("[ Deactivate ]", in: grid))
        #expect(grid[button.x + 2, button.y].style == .danger)
        let cancel = try #require(Self.find("[ Cancel ]", in: grid))
        #expect(grid[cancel.x + 2, cancel.y].style == .normal)
        box.dangerous = false
        var plain = CellGrid(size: Size(width: 80, height: 24))
        box.draw(on: &plain, glyphs: .unicode)
        #expect(plain[button.x + 2, button.y].style == .selected)
    }

    @Test("a dialog at 40x12 stays on screen, and a long word doesn't widen it past the screen")
    func smallDialog() {
        let box = DialogBox(title: "Link", message: ["https://roster.example/reset/" + String(repeating: "x", count: 90)], buttons: ["Close"])
        let rect = box.rect(in: Size(width: 40, height: 12))
        #expect(rect.minX >= 0 && rect.maxX <= 40 && rect.minY >= 1 && rect.maxY <= 12, "\(rect)")
    }

    @Test("a picker lists its items under the typed line, dims the ones that can't be taken, and says why under the list")
    func picker() throws {
        var grid = CellGrid(size: Size(width: 80, height: 24))
        let picker = PickerBox(title: "Commands", query: "lock", items: [
            PickerBox.Item(label: "lock/unlock", hint: "L", enabled: false),
            PickerBox.Item(label: "Users: lock marked users", hint: "L"),
        ], selected: 0, detail: "You may not lock your own account.")
        picker.draw(on: &grid, glyphs: .unicode)
        #expect(Self.find("> lock", in: grid) != nil)
        let dim = try #require(Self.find("lock/unlock", in: grid))
        let lit = try #require(Self.find("Users: lock marked users", in: grid))
        #expect(dim.y < lit.y)
        #expect(grid[dim.x, dim.y].style != grid[lit.x, lit.y].style, "the refused one is drawn apart")
        let why = try #require(Self.find("You may not lock your own account.", in: grid))
        #expect(why.y > lit.y && grid[why.x, why.y].style == .warning)
        #expect(grid.cursor?.y == Self.find("> lock", in: grid)?.y, "the cursor sits on the typed line")
    }

    @Test("a table drops its least important columns first when narrow, and shares spare room by flex", arguments: [
        (120, [true, true, true, true]), (49, [true, true, true, true]), (45, [true, true, true, false]), (30, [true, true, false, false]),
    ] as [(Int, [Bool])])
    func tableLayout(width: Int, kept: [Bool]) {
        let columns = [
            TableColumn("Name", min: 10, preferred: 20, priority: 10, flex: 2),
            TableColumn("Email", min: 12, preferred: 24, priority: 9, flex: 1),
            TableColumn("Status", min: 8, preferred: 10, priority: 5),
            TableColumn("Last sign-in", min: 16, preferred: 16, priority: 1),
        ]
        let widths = TableLayout.widths(for: columns, available: width)
        #expect(widths.map { $0 != nil } == kept, "\(widths)")
        let used = widths.compactMap { $0 }.reduce(0, +) + (widths.compactMap { $0 }.count - 1) * TableLayout.gap
        #expect(used <= width, "never wider than the screen: \(used) of \(width)")
        for (column, width) in zip(columns, widths) {
            if let width { #expect(width >= column.minWidth) }
        }
        if width == 120, let name = widths[0], let email = widths[1] {
            #expect(name > 20 && email > 24 && name - 20 >= email - 24, "spare room shared 2:1 by flex")
        }
    }

    @Test("a table a panel covers at times keeps the columns beside the panel where they are, open or closed")
    func tableLayoutBesideAPanel() {
        let columns = [
            TableColumn("Name", min: 10, preferred: 20, priority: 10, flex: 2),
            TableColumn("Status", min: 8, preferred: 8, priority: 5),
            TableColumn("Orgs", min: 8, preferred: 18, priority: 4, flex: 1),
            TableColumn("Last sign-in", min: 16, preferred: 16, priority: 1),
        ]
        let covered = TableLayout.widths(for: columns, available: 100, panelEdge: 40, beside: 2)
        let beside = TableLayout.widths(for: Array(columns.prefix(2)), available: 40)
        #expect(Array(covered.prefix(2)) == beside, "Name and Status as they are beside the panel")
        #expect(covered[0].map { $0 + TableLayout.gap + (covered[1] ?? 0) } == 40, "they fill the room up to its edge")
        let all = covered.compactMap { $0 }
        #expect(all.count == 4 && all.reduce(0, +) + 3 * TableLayout.gap == 100, "the rest fill the screen")
        #expect(TableLayout.widths(for: columns, available: 100, panelEdge: 15, beside: 2) == TableLayout.widths(for: columns, available: 100),
                "no room beside the panel for both: the ordinary layout")
    }

    @Test("a footer shows as many whole hints as fit, keys lit when usable and dim when not, never half a hint")
    func footer() throws {
        var grid = CellGrid(size: Size(width: 30, height: 1))
        KeyHints([KeyHint(keys: "j/↓", label: "down"), KeyHint(keys: "L", label: "lock", enabled: false),
                  KeyHint(keys: "/", label: "filter"), KeyHint(keys: "?", label: "help")])
            .draw(at: Point(x: 0, y: 0), width: 30, on: &grid)
        let line = Self.lines(grid)[0]
        #expect(line.hasPrefix("j/↓ down  L lock  / filter"))
        #expect(!line.contains("help") && !line.contains("? "), "the last hint doesn't fit and is left out whole: \(line)")
        let down = try #require(Self.find("j/↓", in: grid))
        #expect(grid[down.x, 0].style == .accent)
        let lock = try #require(Self.find("L lock", in: grid))
        #expect(grid[lock.x, 0].style == .dim)
    }
}
