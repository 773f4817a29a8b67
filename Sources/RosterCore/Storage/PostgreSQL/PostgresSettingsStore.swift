import Foundation

/// `SettingsStore` over PostgreSQL.
struct PostgresSettingsStore: SettingsStore {
    let db: PGConnection

    func value(for key: String) throws -> String? {
        try db.execute("SELECT value FROM setting WHERE key = $1", [key]).text(0, 0)
    }

    func all() throws -> [String: String] {
        let result = try db.execute("SELECT key, value FROM setting")
        var values: [String: String] = [:]
        for row in 0..<result.count {
            if let key = result.text(row, 0) { values[key] = result.text(row, 1) ?? "" }
        }
        return values
    }

    func set(_ value: String, for key: String) throws {
        try db.execute("INSERT INTO setting (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [key, value])
    }
}
