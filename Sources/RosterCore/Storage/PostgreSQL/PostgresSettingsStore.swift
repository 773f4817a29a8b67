import Foundation

/// `SettingsStore` over PostgreSQL. Services read every setting several times a call (an
/// import, three times a user); within one transaction the first read serves the rest, since
/// only this transaction can change them while it holds the write lock or its snapshot.
struct PostgresSettingsStore: SettingsStore {
    let db: PGConnection
    let cache = SettingsCache()

    func value(for key: String) throws -> String? {
        try all()[key]
    }

    func all() throws -> [String: String] {
        if let values = cache.values { return values }
        let result = try db.execute("SELECT key, value FROM setting")
        var values: [String: String] = [:]
        for row in 0..<result.count {
            if let key = result.text(row, 0) { values[key] = result.text(row, 1) ?? "" }
        }
        cache.values = values
        return values
    }

    func set(_ value: String, for key: String) throws {
        try db.execute("INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
        cache.values = nil
    }
}

/// The settings one transaction read (one transaction, one thread).
final class SettingsCache: @unchecked Sendable {
    var values: [String: String]?
}
