import Foundation
import RosterTerminal

/// Everything the CLI prints goes through here: data is sanitized, times are shown in the
/// operator's time zone, tables line up by display width.
enum Output {
    static func line(_ text: String) {
        print(TextSanitizer.sanitize(text))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("roster: " + TextSanitizer.sanitize(text) + "\n").utf8))
    }

    /// Prints a value as pretty JSON with stable key order. JSON escapes controls itself.
    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let text = String(decoding: try encoder.encode(value), as: UTF8.self)
        // JSONEncoder leaves C1 controls, bidi overrides and zero-width characters raw; they can
        // only occur inside strings, where a \u escape is the same data and safe to print.
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if TextSanitizer.escape(for: scalar) != nil, scalar.value > 0x7F {
                out.append(contentsOf: String(format: "\\u%04x", scalar.value).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        print(String(out))
    }

    /// A plain table: header, then rows, columns separated by two spaces, sized to fit.
    static func table(_ header: [String], _ rows: [[String]], maxColumnWidth: Int = 40) {
        let clean = rows.map { $0.map(TextSanitizer.sanitize) }
        var widths = header.map(DisplayWidth.of)
        for row in clean {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = min(maxColumnWidth, max(widths[i], DisplayWidth.of(cell)))
            }
        }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, cell in
                // The last column is printed whole: nothing follows it to misalign.
                i == cells.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[i])
            }.joined(separator: "  ")
        }
        print(render(header))
        for row in clean { print(render(row)) }
    }

    static let localTime: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone.current
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter
    }()

    static func time(_ date: Date?) -> String {
        date.map(localTime.string(from:)) ?? "never"
    }
}
