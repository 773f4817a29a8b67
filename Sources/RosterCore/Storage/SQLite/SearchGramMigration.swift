import GRDB

extension Migrations {
    /// v16: `searchGram`, users per string of one to three characters of their search text
    /// (SearchGrams), kept by triggers on `user`, so `*` on a filter that short counts in a
    /// lookup instead of reading every user. Existing users are counted in memory (a second or
    /// two at a million users).
    static func registerSearchGrams(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v16-search-grams") { db in
            try db.execute(sql: """
                CREATE TABLE searchGram (gram TEXT PRIMARY KEY, users INTEGER NOT NULL) WITHOUT ROWID;
                -- Positions 1 to \(SearchGrams.reach): SQL in a trigger can't count without a table.
                CREATE TABLE searchGramPosition (n INTEGER PRIMARY KEY);
                WITH RECURSIVE counter(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM counter WHERE n < \(SearchGrams.reach))
                INSERT INTO searchGramPosition SELECT n FROM counter;
                -- A row in searchGramDeferred (only ever inside one transaction) turns counting into
                -- logging each changed text in searchGramLog, counted in memory at the end: an
                -- import of 100,000 users then takes a second longer, not five.
                CREATE TABLE searchGramDeferred (deferred INTEGER NOT NULL);
                CREATE TABLE searchGramLog (change INTEGER NOT NULL, searchText TEXT NOT NULL);
                \(SQLiteSearchGrams.triggers)
                """)
            var tally = SearchGramTally()
            let texts = try String.fetchCursor(db, sql: "SELECT searchText FROM user")
            while let text = try texts.next() { tally.add(text) }
            try SQLiteSearchGrams.add(tally, db)
        }
    }
}

/// The SQLite side of SearchGrams: its triggers, deferred counting, and the count.
enum SQLiteSearchGrams {
    static let triggers = """
        CREATE TRIGGER user_gram_insert AFTER INSERT ON user WHEN NOT \(deferring) BEGIN
            \(increment(grams("new")))
        END;
        CREATE TRIGGER user_gram_delete AFTER DELETE ON user WHEN NOT \(deferring) BEGIN
            \(decrement(grams("old")))
        END;
        CREATE TRIGGER user_gram_update AFTER UPDATE OF searchText ON user
        WHEN old.searchText IS NOT new.searchText AND NOT \(deferring) BEGIN
            \(decrement(difference("old", "new")))
            \(increment(difference("new", "old")))
        END;
        CREATE TRIGGER user_gram_insert_deferred AFTER INSERT ON user WHEN \(deferring) BEGIN
            INSERT INTO searchGramLog VALUES (1, new.searchText);
        END;
        CREATE TRIGGER user_gram_delete_deferred AFTER DELETE ON user WHEN \(deferring) BEGIN
            INSERT INTO searchGramLog VALUES (-1, old.searchText);
        END;
        CREATE TRIGGER user_gram_update_deferred AFTER UPDATE OF searchText ON user
        WHEN old.searchText IS NOT new.searchText AND \(deferring) BEGIN
            INSERT INTO searchGramLog VALUES (-1, old.searchText), (1, new.searchText);
        END;
        """

    private static let deferring = "EXISTS (SELECT 1 FROM searchGramDeferred)"

    private static func grams(_ row: String) -> String {
        SearchGrams.gramsSQL(of: "\(row).searchText", positions: "searchGramPosition")
    }

    /// Grams of one row's text the other's lacks. Each side a subquery: compound operators
    /// bind left to right, so a bare EXCEPT would subtract from the last UNION alone.
    private static func difference(_ row: String, _ other: String) -> String {
        "SELECT gram FROM (\(grams(row))) EXCEPT SELECT gram FROM (\(grams(other)))"
    }

    private static func increment(_ grams: String) -> String {
        // `WHERE true` tells SQLite's parser the ON CONFLICT is the upsert's, not a join's.
        "INSERT INTO searchGram (gram, users) SELECT gram, 1 FROM (\(grams)) WHERE true ON CONFLICT (gram) DO UPDATE SET users = users + 1;"
    }

    private static func decrement(_ grams: String) -> String {
        "UPDATE searchGram SET users = users - 1 WHERE gram IN (\(grams));"
    }

    /// Adds counted users to the table (a migration, or what a deferred body logged).
    static func add(_ tally: SearchGramTally, _ db: Database) throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO searchGram (gram, users) VALUES (?, ?) ON CONFLICT (gram) DO UPDATE SET users = users + excluded.users
            """)
        for (gram, users) in tally.counts { try statement.execute(arguments: [gram, users]) }
    }

    /// Runs `body` (in the caller's transaction) with every user it writes logged rather than
    /// counted, then counts the log in memory. A body that throws leaves the transaction to
    /// roll back, the log and the flag with it.
    static func deferred<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "INSERT INTO searchGramDeferred VALUES (1)")
        let result = try body()
        var tally = SearchGramTally()
        let logged = try Row.fetchCursor(db, sql: "SELECT change, searchText FROM searchGramLog")
        while let row = try logged.next() { tally.add(row[1], change: row[0]) }
        try add(tally, db)
        try db.execute(sql: "DELETE FROM searchGramLog; DELETE FROM searchGramDeferred")
        return result
    }

    /// How many users hold `needle` (a folded filter), when the table can tell; nil otherwise.
    static func count(_ needle: String, _ db: Database) throws -> Int? {
        guard let lookup = SearchGrams.lookup(for: needle) else { return nil }
        let question = SearchGrams.question(lookup) { _ in "?" }
        guard let row = try Row.fetchOne(db, sql: question.sql, arguments: StatementArguments(question.parameters)) else { return nil }
        return SearchGrams.answer(lookup, overlong: row[0], value: row[1])
    }
}
