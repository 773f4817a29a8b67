import Foundation

/// A value sent to PostgreSQL as a statement parameter, in its text form (nil: SQL NULL).
protocol PGParameter {
    var pgText: String? { get }
}

extension String: PGParameter { var pgText: String? { self } }
extension Int: PGParameter { var pgText: String? { String(self) } }
extension Int64: PGParameter { var pgText: String? { String(self) } }
extension Bool: PGParameter { var pgText: String? { self ? "t" : "f" } }
extension Date: PGParameter { var pgText: String? { PGTime.format(self) } }
extension Data: PGParameter { var pgText: String? { "\\x" + hex } }
extension UserID: PGParameter { var pgText: String? { String(rawValue) } }
extension OrgID: PGParameter { var pgText: String? { String(rawValue) } }
extension GroupID: PGParameter { var pgText: String? { String(rawValue) } }
extension SessionID: PGParameter { var pgText: String? { String(rawValue) } }
extension ElevationID: PGParameter { var pgText: String? { String(rawValue) } }
extension ApprovalID: PGParameter { var pgText: String? { String(rawValue) } }
extension ReviewID: PGParameter { var pgText: String? { String(rawValue) } }
extension Email: PGParameter { var pgText: String? { value } }

extension Optional: PGParameter where Wrapped: PGParameter {
    var pgText: String? { self?.pgText }
}

/// A list of ids as one `bigint[]` parameter (`= ANY($1)`), however long.
struct PGIDArray: PGParameter {
    var ids: [Int64]
    var pgText: String? { "{" + ids.map(String.init).joined(separator: ",") + "}" }
}

/// Texts as one array parameter (`$1::text[]`), each element quoted.
struct PGTextArray: PGParameter {
    var texts: [String]
    init(_ texts: [String]) { self.texts = texts }
    var pgText: String? {
        "{" + texts.map { text in
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }
}

/// Timestamps as PostgreSQL's ISO text in UTC, to the millisecond, as the SQLite backend
/// stores them: audit hashes cover whole milliseconds, and both backends read back alike.
enum PGTime {
    static func format(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        // Digit by digit, as SQLite's dates are written, from 1970 to 9999: `String(format:)`
        // boxed every argument and was a fifth of an import's own time (a timestamp or three in
        // every row it writes).
        if (0..<253_402_300_800_000).contains(millis) { return StoredDate.text(milliseconds: millis) + "+00" }
        let seconds = millis.floorDivided(by: 1000)
        let fraction = millis - seconds * 1000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = CivilDate.civil(fromDays: days)
        return String(format: "%04lld-%02lld-%02lld %02lld:%02lld:%02lld.%03lld+00", year, month, day,
                      secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, fraction)
    }

    /// Reads `YYYY-MM-DD HH:MM:SS[.ffffff]+00` (what a UTC session with DateStyle ISO sends).
    static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard let fields = CivilDate.fields(bytes), fields.length == 19 else { return nil }
        var micros: Int64 = 0
        var index = 19
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var digits = 0
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                if digits < 6 { micros = micros * 10 + Int64(bytes[index] - 48); digits += 1 }
                index += 1
            }
            while digits < 6 { micros *= 10; digits += 1 }
        }
        // The UTC offset (`+00`, `-05`, `+05:30`): applied, not assumed, in case a pooler
        // dropped the session's time zone.
        var offset: Int64 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign: Int64 = bytes[index] == UInt8(ascii: "-") ? -1 : 1
            guard let hours = CivilDate.digits(bytes, from: index + 1, count: 2) else { return nil }
            var minutes: Int64 = 0
            if index + 6 <= bytes.count, bytes[index + 3] == UInt8(ascii: ":") {
                guard let value = CivilDate.digits(bytes, from: index + 4, count: 2) else { return nil }
                minutes = value
            }
            offset = sign * (hours * 3600 + minutes * 60)
        }
        return Date(timeIntervalSince1970: Double(fields.seconds - offset) + Double(micros) / 1_000_000)
    }
}

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format: tab-separated, `\N` for NULL,
/// and backslash, tab, newline and carriage return escaped.
struct PGCopy {
    private(set) var text = ""

    mutating func row(_ values: [String?]) {
        for (index, value) in values.enumerated() {
            if index > 0 { text.append("\t") }
            guard let value else { text.append("\\N"); continue }
            for character in value.unicodeScalars {
                switch character {
                case "\\": text.append("\\\\")
                case "\t": text.append("\\t")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                default: text.unicodeScalars.append(character)
                }
            }
        }
        text.append("\n")
    }
}
