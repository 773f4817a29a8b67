import GRDB

/// `SettingsStore` over SQLite.
struct SQLiteSettingsStore: SettingsStore {
    let db: Database

    func value(for key: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key])
    }

    func all() throws -> [String: String] {
        var values: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") { values[row["key"]] = row["value"] }
        return values
    }

    func set(_ value: String, for key: String) throws {
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       arguments: [key, value])
    }
}
