import Foundation

/// Reads and writes the domain's records (`User`, `Session`, …) by their Codable property
/// names, which are the tables' column names: the domain types stay free of storage code,
/// and a column added to a type and a table needs no mapping written by hand.
enum PGRecord {
    /// Every row of `result` as a `T`.
    static func decode<T: Decodable>(_ type: T.Type, from result: PGResult) throws -> [T] {
        try (0..<result.count).map { row in try T(from: RowDecoder(result: result, row: row)) }
    }

    /// Row `row` of `result` as a `T`.
    static func decode<T: Decodable>(_ type: T.Type, from result: PGResult, row: Int) throws -> T {
        try T(from: RowDecoder(result: result, row: row))
    }

    static func decodeFirst<T: Decodable>(_ type: T.Type, from result: PGResult) throws -> T? {
        result.count == 0 ? nil : try T(from: RowDecoder(result: result, row: 0))
    }

    /// The record's columns and values, in declaration order, optionals as NULL.
    static func encode<T: Encodable>(_ record: T) throws -> [(column: String, value: String?)] {
        let encoder = RowEncoder()
        try record.encode(to: encoder)
        return encoder.storage.values
    }

    /// `INSERT INTO table (columns) VALUES ($1…) [RETURNING id]`, leaving out `omitting` and
    /// adding `extra` columns (lower case) that the record doesn't carry.
    static func insert<T: Encodable>(_ record: T, into table: String, omitting: Set<String> = [],
                                     extra: [(column: String, value: String?)] = [],
                                     on connection: PGConnection, returningID: Bool = false) throws -> Int64? {
        let fields = try encode(record).filter { !omitting.contains($0.column) } + extra
        let columns = fields.map(\.column).joined(separator: ", ")
        let marks = (1...fields.count).map { "$\($0)" }.joined(separator: ", ")
        let result = try connection.execute(
            "INSERT INTO \(table) (\(columns)) VALUES (\(marks))\(returningID ? " RETURNING id" : "")",
            fields.map { PGText($0.value) })
        return returningID ? result.int64(0, 0) : nil
    }

    /// `UPDATE table SET every column but the key WHERE key = $n`.
    @discardableResult
    static func update<T: Encodable>(_ record: T, in table: String, key: String, omitting: Set<String> = [],
                                     extra: [(column: String, value: String?)] = [],
                                     on connection: PGConnection) throws -> Int {
        let fields = try encode(record).filter { !omitting.contains($0.column) } + extra
        guard let keyValue = fields.first(where: { $0.column == key }) else { return 0 }
        let set = fields.filter { $0.column != key }
        let assignments = set.enumerated().map { "\($0.element.column) = $\($0.offset + 1)" }.joined(separator: ", ")
        let result = try connection.execute("UPDATE \(table) SET \(assignments) WHERE \(key) = $\(set.count + 1)",
                                            set.map { PGText($0.value) } + [PGText(keyValue.value)])
        return result.affectedRows
    }
}

/// A parameter already in its text form.
struct PGText: PGParameter {
    var pgText: String?
    init(_ text: String?) { pgText = text }
}

// MARK: Decoding

private struct RowDecoder: Decoder {
    let result: PGResult
    let row: Int
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] = [:]

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer(result: result, row: row))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "rows are keyed"))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "rows are keyed"))
    }
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let result: PGResult
    let row: Int
    var codingPath: [any CodingKey] = []
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { result.column(key.stringValue) != nil }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let column = result.column(key.stringValue) else { return true }
        return result.isNull(row, column)
    }

    private func text(_ key: Key) throws -> String {
        guard let column = result.column(key.stringValue), let text = result.text(row, column) else {
            throw DecodingError.valueNotFound(String.self, .init(codingPath: codingPath + [key], debugDescription: "NULL or missing"))
        }
        return text
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ValueDecoder(text: try text(key), codingPath: codingPath + [key]).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "no nested values in a row"))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "no nested values in a row"))
    }

    func superDecoder() throws -> any Decoder { throw DecodingError.typeMismatch(Any.self, .init(codingPath: codingPath, debugDescription: "no super")) }
    func superDecoder(forKey key: Key) throws -> any Decoder { try superDecoder() }
}

/// One column's text, decoded as whatever the property is: numbers, booleans (`t`/`f`),
/// timestamps, `bytea` (`\x…`), and single-value wrappers (ids, emails, raw-value enums).
private struct ValueDecoder: Decoder, SingleValueDecodingContainer {
    let text: String
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw mismatch(Key.self)
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { throw mismatch([Any].self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    private func mismatch(_ type: Any.Type) -> DecodingError {
        .typeMismatch(type, .init(codingPath: codingPath, debugDescription: "column text “\(text.prefix(40))”"))
    }

    func decodeNil() -> Bool { false }
    func decode(_ type: Bool.Type) throws -> Bool {
        switch text { case "t", "true", "1": return true; case "f", "false", "0": return false; default: throw mismatch(type) }
    }
    func decode(_ type: String.Type) throws -> String { text }
    func decode(_ type: Double.Type) throws -> Double { guard let v = Double(text) else { throw mismatch(type) }; return v }
    func decode(_ type: Float.Type) throws -> Float { guard let v = Float(text) else { throw mismatch(type) }; return v }
    func decode(_ type: Int.Type) throws -> Int { guard let v = Int(text) else { throw mismatch(type) }; return v }
    func decode(_ type: Int8.Type) throws -> Int8 { guard let v = Int8(text) else { throw mismatch(type) }; return v }
    func decode(_ type: Int16.Type) throws -> Int16 { guard let v = Int16(text) else { throw mismatch(type) }; return v }
    func decode(_ type: Int32.Type) throws -> Int32 { guard let v = Int32(text) else { throw mismatch(type) }; return v }
    func decode(_ type: Int64.Type) throws -> Int64 { guard let v = Int64(text) else { throw mismatch(type) }; return v }
    func decode(_ type: UInt.Type) throws -> UInt { guard let v = UInt(text) else { throw mismatch(type) }; return v }
    func decode(_ type: UInt8.Type) throws -> UInt8 { guard let v = UInt8(text) else { throw mismatch(type) }; return v }
    func decode(_ type: UInt16.Type) throws -> UInt16 { guard let v = UInt16(text) else { throw mismatch(type) }; return v }
    func decode(_ type: UInt32.Type) throws -> UInt32 { guard let v = UInt32(text) else { throw mismatch(type) }; return v }
    func decode(_ type: UInt64.Type) throws -> UInt64 { guard let v = UInt64(text) else { throw mismatch(type) }; return v }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Date.self {
            guard let date = PGTime.parse(text) as? T else { throw mismatch(type) }
            return date
        }
        if type == Email.self {
            // As stored: checked and normalized when written, never refused on the way out.
            guard let email = Email(stored: text) as? T else { throw mismatch(type) }
            return email
        }
        if type == Data.self {
            guard text.hasPrefix("\\x"), let data = Data(hexString: String(text.dropFirst(2))) as? T else { throw mismatch(type) }
            return data
        }
        return try T(from: self)
    }
}

extension Data {
    /// Bytes from lowercase or uppercase hex digits; nil for anything else.
    init?(hexString: String) {
        let digits = Array(hexString.utf8)
        guard digits.count % 2 == 0 else { return nil }
        func value(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: byte - 48
            case 97...102: byte - 87
            case 65...70: byte - 55
            default: nil
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        self.init(bytes)
    }
}

// MARK: Encoding

private final class RowStorage {
    var values: [(column: String, value: String?)] = []
}

private struct RowEncoder: Encoder {
    let storage = RowStorage()
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(RowEncodingContainer(storage: storage))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("records encode keyed") }
    func singleValueContainer() -> any SingleValueEncodingContainer { preconditionFailure("records encode keyed") }
}

private struct RowEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let storage: RowStorage
    var codingPath: [any CodingKey] = []

    private func put(_ key: Key, _ value: String?) { storage.values.append((key.stringValue.lowercased(), value)) }

    mutating func encodeNil(forKey key: Key) throws { put(key, nil) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { put(key, try ValueEncoder.text(of: value)) }
    // Absent optionals are written as NULL: an update must clear a column, not skip it.
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        put(key, try value.flatMap { try ValueEncoder.text(of: $0) })
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { put(key, value?.pgText) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { put(key, value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { put(key, value?.pgText) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { put(key, value?.pgText) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    // The remaining number types, so none of them can fall back to the default that skips nil.
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { put(key, value.map { String($0) }) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { put(key, value.map { String($0) }) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("records have no nested values")
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { preconditionFailure("records have no nested values") }
    mutating func superEncoder() -> any Encoder { preconditionFailure("records have no super") }
    mutating func superEncoder(forKey key: Key) -> any Encoder { preconditionFailure("records have no super") }
}

/// One property's value as parameter text.
private final class ValueEncoder: Encoder, SingleValueEncodingContainer {
    var text: String?
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func text<T: Encodable>(of value: T) throws -> String? {
        if let parameter = value as? any PGParameter { return parameter.pgText }
        let encoder = ValueEncoder()
        try value.encode(to: encoder)
        return encoder.text
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { preconditionFailure("a column holds one value") }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("a column holds one value") }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { text = nil }
    func encode(_ value: Bool) throws { text = value.pgText }
    func encode(_ value: String) throws { text = value }
    func encode(_ value: Double) throws { text = String(value) }
    func encode(_ value: Float) throws { text = String(value) }
    func encode(_ value: Int) throws { text = String(value) }
    func encode(_ value: Int8) throws { text = String(value) }
    func encode(_ value: Int16) throws { text = String(value) }
    func encode(_ value: Int32) throws { text = String(value) }
    func encode(_ value: Int64) throws { text = String(value) }
    func encode(_ value: UInt) throws { text = String(value) }
    func encode(_ value: UInt8) throws { text = String(value) }
    func encode(_ value: UInt16) throws { text = String(value) }
    func encode(_ value: UInt32) throws { text = String(value) }
    func encode(_ value: UInt64) throws { text = String(value) }
    func encode<T: Encodable>(_ value: T) throws { text = try Self.text(of: value) }
}
