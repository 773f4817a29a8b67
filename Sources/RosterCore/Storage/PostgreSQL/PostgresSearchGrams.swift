extension PostgresMigrations {
    /// `searchGram`, as SQLite's (SearchGrams): users per string of one to three characters
    /// of their search text, kept by statement triggers over the rows each statement wrote, so
    /// a filter that short is counted in a lookup instead of a scan of every user.
    /// Existing users are counted in memory right after (`PostgresSearchGrams.fill`, 3.5 s at a
    /// million users): a set function of this shape took 60 µs a text (`roster_grams` before
    /// p4), so the triggers' own would take a minute or more.
    static let searchGrams = """
        CREATE TABLE searchGram (gram text COLLATE "C" PRIMARY KEY, users bigint NOT NULL);

        CREATE FUNCTION roster_short_grams(t text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
            \(SearchGrams.gramsSQL(of: "t", positions: "generate_series(1, least(length(t), \(SearchGrams.reach))) AS p(n)"))
        $$;
        -- An import or a bulk load logs the texts it writes in its session's gramLog instead
        -- (SET LOCAL roster.grams_deferred = 'on'), and counts them in memory at its end.
        CREATE FUNCTION roster_grams_deferred() RETURNS boolean LANGUAGE sql STABLE AS $$
            SELECT coalesce(current_setting('roster.grams_deferred', true), '') = 'on'
        $$;

        CREATE FUNCTION roster_grams_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF roster_grams_deferred() THEN
                INSERT INTO pg_temp.gramLog SELECT 1, searchText FROM new_users;
            ELSE
                INSERT INTO searchGram (gram, users)
                    SELECT g.gram, count(*) FROM new_users n CROSS JOIN LATERAL roster_short_grams(n.searchText) AS g(gram) GROUP BY g.gram
                    ON CONFLICT (gram) DO UPDATE SET users = searchGram.users + EXCLUDED.users;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_grams_added AFTER INSERT ON users REFERENCING NEW TABLE AS new_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_grams_added();

        CREATE FUNCTION roster_grams_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF roster_grams_deferred() THEN
                INSERT INTO pg_temp.gramLog SELECT -1, searchText FROM old_users;
            ELSE
                UPDATE searchGram s SET users = s.users - d.users
                    FROM (SELECT g.gram, count(*) AS users FROM old_users o CROSS JOIN LATERAL roster_short_grams(o.searchText) AS g(gram)
                          GROUP BY g.gram) AS d
                    WHERE s.gram = d.gram;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_grams_removed AFTER DELETE ON users REFERENCING OLD TABLE AS old_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_grams_removed();

        -- Every UPDATE of users runs it (transition tables can't go with a column list); most
        -- change no search text and find no row to count.
        CREATE FUNCTION roster_grams_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF roster_grams_deferred() THEN
                INSERT INTO pg_temp.gramLog SELECT c.change, c.searchText FROM old_users o JOIN new_users n ON n.id = o.id
                    CROSS JOIN LATERAL (VALUES (-1, o.searchText), (1, n.searchText)) AS c(change, searchText)
                    WHERE o.searchText IS DISTINCT FROM n.searchText;
            ELSE
                INSERT INTO searchGram (gram, users)
                    SELECT d.gram, sum(d.change) FROM (
                        SELECT g.gram, -1 AS change FROM old_users o JOIN new_users n ON n.id = o.id
                            CROSS JOIN LATERAL roster_short_grams(o.searchText) AS g(gram) WHERE o.searchText IS DISTINCT FROM n.searchText
                        UNION ALL
                        SELECT g.gram, 1 FROM old_users o JOIN new_users n ON n.id = o.id
                            CROSS JOIN LATERAL roster_short_grams(n.searchText) AS g(gram) WHERE o.searchText IS DISTINCT FROM n.searchText
                    ) AS d GROUP BY d.gram HAVING sum(d.change) <> 0
                    ON CONFLICT (gram) DO UPDATE SET users = searchGram.users + EXCLUDED.users;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_grams_changed AFTER UPDATE ON users REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_grams_changed();

        CREATE FUNCTION roster_grams_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF roster_grams_deferred() THEN
                DELETE FROM pg_temp.gramLog;
            END IF;
            DELETE FROM searchGram;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_grams_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION roster_grams_truncated();
        """
}

/// The PostgreSQL side of SearchGrams: counting existing users, deferred counting, the count.
enum PostgresSearchGrams {
    /// Counts every user into the new table, reading their search texts in id order a chunk
    /// at a time (a million users' texts at once would be a 100 MB result).
    static func fill(_ connection: PGConnection) throws {
        try add(tallyUsers(connection), connection)
    }

    private static func tallyUsers(_ connection: PGConnection) throws -> SearchGramTally {
        var tally = SearchGramTally()
        var after: Int64 = 0
        while true {
            let chunk = try connection.execute("SELECT id, searchText FROM users WHERE id > $1 ORDER BY id LIMIT 50000", [after])
            guard chunk.count > 0 else { break }
            for row in 0..<chunk.count { tally.add(chunk.text(row, 1) ?? "") }
            after = chunk.int64(chunk.count - 1, 0) ?? after
        }
        return tally
    }

    /// How many grams the table counts otherwise than the users' texts hold them: a restore
    /// or a replica whose writes skipped the triggers (`pg_restore --disable-triggers`).
    /// 0 outside UTF8, where the table is never asked.
    static func outOfStep(_ connection: PGConnection) throws -> Int {
        guard try connection.execute("SELECT current_setting('server_encoding')").text(0, 0) == "UTF8" else { return 0 }
        var expected = Dictionary(uniqueKeysWithValues: try tallyUsers(connection).counts.map { ($0.gram, $0.users) })
        let stored = try connection.execute("SELECT gram, users FROM searchGram WHERE users <> 0")
        var differing = 0
        for row in 0..<stored.count {
            let gram = stored.text(row, 0) ?? ""
            if expected.removeValue(forKey: gram) != stored.int(row, 1) { differing += 1 }
        }
        return differing + expected.count
    }

    /// Adds counted users to the table, in one statement.
    static func add(_ tally: SearchGramTally, _ connection: PGConnection) throws {
        var rows = PGCopy()
        for (gram, users) in tally.counts { rows.row([gram, String(users)]) }
        try connection.execute("CREATE TEMP TABLE IF NOT EXISTS gramDelta (gram text COLLATE \"C\", users bigint) ON COMMIT DELETE ROWS")
        try connection.copy("COPY gramDelta FROM STDIN", data: rows.text)
        try connection.execute("""
            INSERT INTO searchGram (gram, users) SELECT gram, users FROM gramDelta
                ON CONFLICT (gram) DO UPDATE SET users = searchGram.users + EXCLUDED.users;
            DELETE FROM gramDelta
            """)
    }

    /// Runs `body` (in the caller's transaction) with every user it writes logged rather than
    /// counted, then counts the log in memory (SQLiteSearchGrams.deferred, on PostgreSQL).
    /// `userOrder.version` stands still meanwhile (p11) and moves at the end: `body` must not
    /// ask counts or filters, which would be remembered under a version that doesn't cover it.
    static func deferred<T>(_ connection: PGConnection, _ body: () throws -> T) throws -> T {
        try connection.execute("CREATE TEMP TABLE IF NOT EXISTS gramLog (change integer, searchText text) ON COMMIT DELETE ROWS")
        try connection.execute("SET LOCAL roster.grams_deferred = 'on'")
        let result = try body()
        try connection.execute("SET LOCAL roster.grams_deferred = 'off'")
        // The order triggers were still while deferred (p11): the users changed, so it moves, once.
        try connection.execute("UPDATE userOrder SET version = floor(random() * 9.0e18)::bigint WHERE id = 1")
        var tally = SearchGramTally()
        // A chunk at a time: `migrate-to` logs every user of the copy.
        try connection.execute("DECLARE roster_gram_log NO SCROLL CURSOR FOR SELECT change, searchText FROM gramLog")
        while true {
            let logged = try connection.execute("FETCH 50000 FROM roster_gram_log")
            guard logged.count > 0 else { break }
            for row in 0..<logged.count { tally.add(logged.text(row, 1) ?? "", change: logged.int(row, 0) ?? 0) }
        }
        try connection.execute("CLOSE roster_gram_log")
        try add(tally, connection)
        try PostgresSearchDomains.addLogged(connection)
        try connection.execute("DELETE FROM gramLog")
        return result
    }

    /// How many users hold the rarest of a filter's strings of three characters, and how many
    /// users there are (every text holds the terminator): an estimate of its matches, for a
    /// filter longer than three characters; nil for a shorter one. Texts past the triggers'
    /// reach may hold more than it says.
    static func rarest(_ needle: String, _ connection: PGConnection) throws -> (holders: Int, users: Int)? {
        guard case .noneWithout(let grams) = SearchGrams.lookup(for: needle) else { return nil }
        var query = PGQuery()
        let total = query.bind("\u{1}")  // the terminator's character
        let list = grams.map { query.bind($0) }.joined(separator: ", ")
        let result = try connection.execute("""
            SELECT coalesce((SELECT min(users) FROM searchGram WHERE gram IN (\(list))), 0),
                (SELECT users FROM searchGram WHERE gram = \(total)), current_setting('server_encoding')
            """, query.parameters)
        // Elsewhere than in UTF8 the grams were cut in bytes, and no lookup would find one.
        guard result.text(0, 2) == "UTF8" else { return nil }
        return (result.int(0, 0) ?? 0, result.int(0, 1) ?? 0)
    }

    /// How many users hold `needle` (a folded filter), when the table can tell; nil otherwise.
    static func count(_ needle: String, _ connection: PGConnection) throws -> Int? {
        guard let lookup = SearchGrams.lookup(for: needle) else { return nil }
        let question = SearchGrams.question(lookup) { "$\($0)" }
        // Elsewhere than in UTF8, `substr` counts bytes, not the scalars the filter is cut in.
        let result = try connection.execute("SELECT asked.*, current_setting('server_encoding') FROM (\(question.sql)) AS asked",
                                            question.parameters)
        guard result.text(0, 2) == "UTF8" else { return nil }
        return SearchGrams.answer(lookup, overlong: result.int(0, 0), value: result.int(0, 1))
    }
}
