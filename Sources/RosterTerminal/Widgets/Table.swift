/// A column of a table: how wide it likes to be and how important it is when space runs out.
public struct TableColumn: Equatable, Sendable {
    public var title: String
    /// Narrowest useful width; below it the column is dropped instead.
    public var minWidth: Int
    /// Width it grows to when there is room.
    public var preferredWidth: Int
    /// Columns with the lowest priority are dropped first at narrow widths.
    public var priority: Int
    /// Share of space left over after every column has its preferred width.
    public var flex: Int
    public var alignRight: Bool

    public init(_ title: String, min: Int, preferred: Int, priority: Int, flex: Int = 0, alignRight: Bool = false) {
        self.title = title
        self.minWidth = min
        self.preferredWidth = max(min, preferred)
        self.priority = priority
        self.flex = flex
        self.alignRight = alignRight
    }
}

/// One cell of a table row.
public struct TableCell: Equatable, Sendable {
    public var text: String
    /// Nil uses the row's style.
    public var style: Style?

    public init(_ text: String, style: Style? = nil) {
        self.text = text
        self.style = style
    }
}

/// Decides column widths: drop the least important columns until the rest fit at their
/// minimum, then grow them towards their preferred widths, then share what's left by flex.
public enum TableLayout {
    public static let gap = 1

    /// One width per column; nil for a dropped column.
    public static func widths(for columns: [TableColumn], available: Int) -> [Int?] {
        var kept = Array(columns.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + columns[$1].minWidth } + max(0, indices.count - 1) * gap
        }
        while needed(kept) > available, kept.count > 1,
              let drop = kept.min(by: { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }) {
            kept.removeAll { $0 == drop }
        }
        var widths = [Int?](repeating: nil, count: columns.count)
        for i in kept { widths[i] = columns[i].minWidth }
        var spare = available - needed(kept)
        // Grow towards preferred widths a column at a time, most important first, so
        // neighbours share the room instead of the first one taking it all.
        let byPriority = kept.sorted { columns[$0].priority > columns[$1].priority }
        var growing = true
        while spare > 0 && growing {
            growing = false
            for i in byPriority where spare > 0 && (widths[i] ?? 0) < columns[i].preferredWidth {
                widths[i] = (widths[i] ?? 0) + 1
                spare -= 1
                growing = true
            }
        }
        let flexTotal = kept.reduce(0) { $0 + columns[$1].flex }
        if spare > 0, flexTotal > 0 {
            var given = 0
            for i in kept where columns[i].flex > 0 {
                let share = spare * columns[i].flex / flexTotal
                widths[i] = (widths[i] ?? 0) + share
                given += share
            }
            // Rounding leftovers go to the first flexible column.
            if let first = kept.first(where: { columns[$0].flex > 0 }) { widths[first] = (widths[first] ?? 0) + spare - given }
        }
        if kept.count == 1, let only = kept.first { widths[only] = min(widths[only] ?? 0, available) }
        return widths
    }

    /// Widths for a table whose right part a panel covers at times, from column `edge`: the
    /// first `beside` columns are laid out in the room left of it, the others in the rest.
    /// Opening or closing the panel then leaves the columns beside it where they are, so the
    /// screen redraws only what the panel covers. When those columns don't fit beside it, or
    /// no column is left for the rest, it is the ordinary layout.
    public static func widths(for columns: [TableColumn], available: Int, panelEdge edge: Int, beside: Int) -> [Int?] {
        guard edge > 0, edge + gap < available, beside > 0, beside < columns.count else { return widths(for: columns, available: available) }
        var leading = widths(for: Array(columns[..<beside]), available: edge)
        guard !leading.contains(nil) else { return widths(for: columns, available: available) }
        // The columns beside the panel fill its room exactly, so the others start past its edge
        // (the gap after the last of them lies under the edge).
        let used = leading.reduce(0) { $0 + ($1 ?? 0) } + (beside - 1) * gap
        if used < edge, let last = leading.indices.last { leading[last] = (leading[last] ?? 0) + edge - used }
        return leading + widths(for: Array(columns[beside...]), available: available - edge - gap)
    }
}

/// Draws a table: a header with the sort indicator, then rows, the selected one highlighted.
public struct TableView {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    /// Index into `rows` of the highlighted row.
    public var selectedRow: Int?
    public var sortColumn: Int?
    public var sortAscending: Bool
    public var glyphs: Glyphs
    /// Where a panel covers the table at times, and how many leading columns stay beside it
    /// in the same places either way (`TableLayout.widths(for:available:panelEdge:beside:)`).
    public var panel: (edge: Int, beside: Int)?

    public init(columns: [TableColumn], rows: [[TableCell]], selectedRow: Int?, sortColumn: Int?, sortAscending: Bool, glyphs: Glyphs) {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.sortColumn = sortColumn
        self.sortAscending = sortAscending
        self.glyphs = glyphs
    }

    /// Draws into `rect`: the header on its first line, rows below, clipped to its height.
    /// Inlinable so it is specialized for the caller's canvas: a frame puts a few hundred cells.
    @inlinable
    public func draw(in rect: Rect, on canvas: inout some Canvas) {
        let widths = panel.map { TableLayout.widths(for: columns, available: rect.size.width, panelEdge: $0.edge - rect.minX, beside: $0.beside) }
            ?? TableLayout.widths(for: columns, available: rect.size.width)
        canvas.fill(Rect(x: rect.minX, y: rect.minY, width: rect.size.width, height: 1), style: .header)
        var x = rect.minX
        for (i, column) in columns.enumerated() {
            guard let width = widths[i] else { continue }
            var title = column.title
            if i == sortColumn { title += sortAscending ? glyphs.ascending : glyphs.descending }
            canvas.put(title, at: Point(x: x, y: rect.minY), width: width, style: .header, alignRight: column.alignRight, glyphs: glyphs)
            x += width + TableLayout.gap
        }
        for (r, row) in rows.enumerated() {
            let y = rect.minY + 1 + r
            guard y < rect.maxY else { break }
            let selected = r == selectedRow
            let rowStyle: Style = selected ? .selected : .normal
            canvas.fill(Rect(x: rect.minX, y: y, width: rect.size.width, height: 1), style: rowStyle)
            var x = rect.minX
            for (i, column) in columns.enumerated() {
                guard let width = widths[i] else { continue }
                let cell = i < row.count ? row[i] : TableCell("")
                // The selection bar wins over cell colors so the row reads as one.
                let style = selected ? rowStyle : (cell.style ?? rowStyle)
                canvas.put(cell.text, at: Point(x: x, y: y), width: width, style: style, alignRight: column.alignRight, glyphs: glyphs)
                x += width + TableLayout.gap
            }
        }
    }
}
