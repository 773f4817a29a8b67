import Foundation
import RosterTerminal
import Synchronization

/// Everything the CLI prints goes through here: data is sanitized, times are shown in the
/// operator's time zone, tables line up by display width.
enum Output {
    static func line(_ text: String) {
        CommandEnvironment.current.write(TextSanitizer.sanitize(text) + "\n")
    }

    static func error(_ text: String) {
        CommandEnvironment.current.write("roster: " + TextSanitizer.sanitize(text) + "\n", to: .error)
    }

    /// Prints a value as pretty JSON with stable key order. JSON escapes controls itself.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        CommandEnvironment.current.write(safeJSON(try encoder.encode(value)) + "\n")
    }

    /// JSON text safe on a terminal. JSONEncoder leaves C1 controls, bidi overrides and
    /// zero-width characters raw; they can only occur inside strings, where a \u escape is the
    /// same data and safe to print.
    static func safeJSON(_ data: Data) -> String {
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { $0.value > 0x7F }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if TextSanitizer.escape(for: scalar) != nil, scalar.value > 0x7F {
                out.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// A table. On a terminal: header, then rows, columns two spaces apart, sized to the
    /// window (the widest columns give way first, ending in …). Piped or redirected: tab-
    /// separated lines with the header first, whole values, for `cut` and `awk`.
    static func table(_ header: [String], _ rows: [[String]], maxColumnWidth: Int = 40) {
        // Tabs and newlines inside a value would break the columns; the sanitizer shows them escaped.
        let clean = rows.map { $0.map(TextSanitizer.sanitize) }
        let environment = CommandEnvironment.current
        guard environment.isTerminal(.output) else {
            environment.write(([header] + clean).map { $0.joined(separator: "\t") + "\n" }.joined())
            return
        }
        var widths = header.map(DisplayWidth.of)
        for row in clean {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = min(maxColumnWidth, max(widths[i], DisplayWidth.of(cell)))
            }
        }
        widths = fit(widths, into: terminalColumns())
        func render(_ cells: [String]) -> String {
            var line = cells.enumerated().map { i, cell in
                DisplayWidth.pad(cell, to: widths[min(i, widths.count - 1)])
            }.joined(separator: "  ")
            // Trailing white space scalars only: a space carrying a combining mark stays.
            while let last = line.unicodeScalars.last, last.properties.isWhitespace { line.unicodeScalars.removeLast() }
            return line
        }
        environment.write(([header] + clean).map { render($0) + "\n" }.joined())
    }

    /// Narrows the widest columns one step at a time until the row fits `total` (never below 6).
    static func fit(_ widths: [Int], into total: Int) -> [Int] {
        var widths = widths
        let gaps = 2 * max(0, widths.count - 1)
        while widths.reduce(0, +) + gaps > total, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 {
            widths[widest] -= 1
        }
        return widths
    }

    static func terminalColumns() -> Int {
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return Int(CommandEnvironment.current.variables["COLUMNS"] ?? "") ?? 80
    }

    /// "2026-12-04 14:03" in the operator's time zone; "never" for no date.
    static func time(_ date: Date?) -> String {
        guard let date else { return "never" }
        return CommandEnvironment.current.timeZone.local(date).minute16
    }
}
