import CSV
import Foundation

/// The formats `users export` writes and `users import` reads.
public enum TransferFormat: String, CaseIterable, Sendable {
    case csv, json, jsonl
}

/// Reads an import file into records, each with the line it starts on, or the reasons it
/// can't be read. Nothing here asks the database.
public enum ImportFileReader {
    /// Files over this are refused before parsing: an import is checked whole in memory.
    public static let maximumBytes = 64 << 20

    /// Lines that can't be read, and the records that could (checked further, so one run lists every bad line).
    public struct Unreadable: Error {
        public var problems: [ImportProblem]
        public var records: [ImportRecord] = []
    }

    public static func records(_ data: Data, format: TransferFormat) throws -> [ImportRecord] {
        guard !data.isEmpty else {
            throw Unreadable(problems: [ImportProblem(line: 1, reason:
                "the file is empty; its first line must be the header \(UserColumns.header.joined(separator: ","))")])
        }
        if String(validating: data, as: UTF8.self) == nil {
            throw Unreadable(problems: [ImportProblem(line: firstLineNotUTF8(data), reason:
                "this line is not UTF-8 text; save the file as UTF-8 (nothing was read)")])
        }
        switch format {
        case .csv: return try csv(data)
        case .json: return try json(data)
        case .jsonl: return try jsonLines(data)
        }
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    static func firstLineNotUTF8(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        while start < data.endIndex {
            let end = data[start...].firstIndex(of: 0x0A) ?? data.endIndex
            if String(validating: data[start..<end], as: UTF8.self) == nil { return line }
            line += 1
            start = end < data.endIndex ? data.index(after: end) : end
        }
        return line
    }

    // MARK: CSV

    static func csv(_ data: Data) throws -> [ImportRecord] {
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: InputStream(data: data), hasHeaderRow: true)
        } catch {
            throw Unreadable(problems: [ImportProblem(line: 1, reason: "the header line can't be read (is the file UTF-8 CSV?)")])
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        var problems = headerProblems(header)
        guard problems.isEmpty else { throw Unreadable(problems: problems) }
        var records: [ImportRecord] = []
        var line = 2
        while let fields = reader.next() {
            let start = line
            // A quoted value may hold line breaks: the next record starts that many lines further on.
            line += 1 + fields.reduce(0) { $0 + lineBreaks(in: $1) }
            if fields.allSatisfy(\.isEmpty) { continue }
            guard fields.count == header.count else {
                problems.append(ImportProblem(line: start, reason:
                    "\(fields.count) value\(fields.count == 1 ? "" : "s") where the header has \(header.count) (a value with a comma needs \"quotes\")"))
                continue
            }
            var values: [String: String] = [:]
            for (name, value) in zip(header, fields) { values[name] = UserColumns.unprotect(value) }
            records.append(record(values, line: start))
        }
        if reader.error != nil {
            problems.append(ImportProblem(line: line, reason: "the file is not UTF-8 text from here on; save it as UTF-8 CSV"))
        }
        guard problems.isEmpty else { throw Unreadable(problems: problems, records: records) }
        return records
    }

    static func headerProblems(_ header: [String]) -> [ImportProblem] {
        var problems: [ImportProblem] = []
        for name in header where !UserColumns.header.contains(name) {
            problems.append(ImportProblem(line: 1, reason: "unknown column “\(name)”; the columns are \(UserColumns.header.joined(separator: ","))"))
        }
        for name in Set(header) where header.count(where: { $0 == name }) > 1 {
            problems.append(ImportProblem(line: 1, reason: "the column “\(name)” appears twice"))
        }
        for name in UserColumns.required where !header.contains(name) {
            problems.append(ImportProblem(line: 1, reason: "the header lacks the required column “\(name)” (required: \(UserColumns.required.joined(separator: ", ")))"))
        }
        return problems
    }

    static func lineBreaks(in value: String) -> Int {
        // "\r\n" is one grapheme in Swift, so counting characters counts each break once.
        value.count { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
    }

    static func record(_ values: [String: String], line: Int) -> ImportRecord {
        ImportRecord(line: line, email: values["email"] ?? "", firstName: values["first_name"] ?? "", lastName: values["last_name"] ?? "",
                     kind: values["kind"], role: values["role"], org: values["org"], orgRole: values["org_role"])
    }

    // MARK: JSON

    static func json(_ data: Data) throws -> [ImportRecord] {
        guard let array = try? JSONSerialization.jsonObject(with: data) as? [Any] else {
            throw Unreadable(problems: [ImportProblem(line: 1, reason:
                "the file is not a JSON array of objects; write [{\"email\": …, \"firstName\": …, \"lastName\": …}, …] or use --format jsonl")])
        }
        var records: [ImportRecord] = []
        var problems: [ImportProblem] = []
        for (index, element) in array.enumerated() {
            do { records += try objectRecords(element, line: index + 1) } catch let unreadable as Unreadable { problems += unreadable.problems }
        }
        guard problems.isEmpty else { throw Unreadable(problems: problems, records: records) }
        return records
    }

    static func jsonLines(_ data: Data) throws -> [ImportRecord] {
        var records: [ImportRecord] = []
        var problems: [ImportProblem] = []
        // Lines end at LF (a CR before it is trimmed), as editors number them: splitting on every
        // Unicode line break (vertical tab, U+2028…) would name lines the person can't find.
        for (index, bytes) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            guard let line = String(data: bytes, encoding: .utf8) else {
                problems.append(ImportProblem(line: index + 1, reason: "this line is not UTF-8 text"))
                continue
            }
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)) else {
                problems.append(ImportProblem(line: index + 1, reason: "not a JSON object"))
                continue
            }
            do { records += try objectRecords(object, line: index + 1) } catch let unreadable as Unreadable { problems += unreadable.problems }
        }
        guard problems.isEmpty else { throw Unreadable(problems: problems, records: records) }
        return records
    }

    /// One object: the export's shape (`firstName`, `memberships: [{org, role}]`) or the
    /// CSV's column names (`first_name`, `org`, `org_role`). Other keys (id, status…) are ignored.
    static func objectRecords(_ element: Any, line: Int) throws -> [ImportRecord] {
        guard let object = element as? [String: Any] else {
            throw Unreadable(problems: [ImportProblem(line: line, reason: "not a JSON object")])
        }
        func text(_ keys: String...) throws -> String? {
            for key in keys {
                guard let value = object[key], !(value is NSNull) else { continue }
                guard let string = value as? String else {
                    throw Unreadable(problems: [ImportProblem(line: line, reason: "“\(key)” must be a string")])
                }
                return string
            }
            return nil
        }
        let base = ImportRecord(line: line, email: try text("email") ?? "", firstName: try text("firstName", "first_name") ?? "",
                                lastName: try text("lastName", "last_name") ?? "", kind: try text("kind"), role: try text("role"),
                                org: try text("org"), orgRole: try text("orgRole", "org_role"))
        guard let memberships = object["memberships"] else { return [base] }
        guard let list = memberships as? [[String: Any]] else {
            throw Unreadable(problems: [ImportProblem(line: line, reason: "“memberships” must be an array of {\"org\": …, \"role\": …}")])
        }
        if list.isEmpty { return [base] }
        return list.map { membership in
            var record = base
            record.org = membership["org"] as? String
            record.orgRole = membership["role"] as? String
            return record
        }
    }
}
