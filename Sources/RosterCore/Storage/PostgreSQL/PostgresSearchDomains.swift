extension PostgresMigrations {
    /// `searchDomain`: users per email domain ("@" and what follows it in the search text;
    /// "" for a text without one), kept by statement triggers as `searchGram` is, with an
    /// index on the same expression. A filter that most users hold is nearly always in their
    /// domain ("example", "acme.com"), and counting it read every user (131–230 ms at a million
    /// users, on every first `*`); with the table, the users of the domains that hold it are
    /// counted in a lookup, and only those of the other domains are read (`PostgresSearchDomains`).
    ///
    /// While `roster_grams_deferred()` the triggers leave it, and `PostgresSearchGrams.deferred`
    /// counts the texts its log holds into it at the end. Existing users are counted here.
    static let searchDomains = """
        -- Writers on hosts not yet upgraded wait: a user they wrote between the count below
        -- and the triggers would be missing from the table for good.
        LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;
        SET LOCAL maintenance_work_mem = '256MB';
        CREATE FUNCTION roster_domain(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            RETURN coalesce(substring(t FROM '(@[^@\\x01]*)\\x01\\x01$'), '');
        CREATE TABLE searchDomain (domain text COLLATE "C" PRIMARY KEY, users bigint NOT NULL);
        INSERT INTO searchDomain (domain, users) SELECT roster_domain(searchText), count(*) FROM users GROUP BY 1;
        CREATE INDEX users_domain ON users (roster_domain(searchText));

        CREATE FUNCTION roster_domains_added() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT roster_grams_deferred() THEN
                INSERT INTO searchDomain (domain, users) SELECT roster_domain(searchText), count(*) FROM new_users GROUP BY 1
                    ON CONFLICT (domain) DO UPDATE SET users = searchDomain.users + EXCLUDED.users;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_domains_added AFTER INSERT ON users REFERENCING NEW TABLE AS new_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_domains_added();

        CREATE FUNCTION roster_domains_removed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT roster_grams_deferred() THEN
                UPDATE searchDomain s SET users = s.users - d.users
                    FROM (SELECT roster_domain(searchText) AS domain, count(*) AS users FROM old_users GROUP BY 1) AS d
                    WHERE s.domain = d.domain;
                -- A domain nobody is in any more goes: the table stays as small as the domains in use.
                DELETE FROM searchDomain WHERE users = 0 AND domain IN (SELECT roster_domain(searchText) FROM old_users);
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_domains_removed AFTER DELETE ON users REFERENCING OLD TABLE AS old_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_domains_removed();

        -- Every UPDATE of users runs it; most change no search text and find no row to count.
        CREATE FUNCTION roster_domains_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT roster_grams_deferred() THEN
                INSERT INTO searchDomain (domain, users)
                    SELECT d.domain, sum(d.change) FROM old_users o JOIN new_users n ON n.id = o.id
                        CROSS JOIN LATERAL (VALUES (roster_domain(o.searchText), -1), (roster_domain(n.searchText), 1)) AS d(domain, change)
                        WHERE o.searchText IS DISTINCT FROM n.searchText
                        GROUP BY d.domain HAVING sum(d.change) <> 0
                    ON CONFLICT (domain) DO UPDATE SET users = searchDomain.users + EXCLUDED.users;
                DELETE FROM searchDomain WHERE users = 0 AND domain IN (SELECT roster_domain(searchText) FROM old_users);
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_domains_changed AFTER UPDATE ON users REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_domains_changed();

        CREATE FUNCTION roster_domains_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            DELETE FROM searchDomain;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_domains_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION roster_domains_truncated();
        """
}

/// Exact counts of filters most users hold, from `searchDomain` (migration p12).
///
/// A user's domain is part of their search text, so every user of a domain holding the
/// filter holds it too; a user of another domain holds it only if the rest of their text
/// does. So the count is the table's users of the domains holding the filter, plus the
/// users of every other domain whose text holds it, read through `users_domain` between
/// the holding domains. That is exact for any filter; it pays when the holding domains have
/// most of the users, and otherwise the count is left to the trigram index.
enum PostgresSearchDomains {
    /// More domains than this and the table is not scanned for the ones holding a filter
    /// (as the planner last counted its rows): many distinct domains seldom share a filter.
    static let mostDomains = 50_000
    /// More holding domains than this and the ranges between them are too many to ask for.
    static let mostRanges = 32

    /// How many users hold `needle` (folded), up to `limit` as `count(matching:)` reports it;
    /// nil when the domains don't hold most of its users.
    static func count(_ needle: String, limit: Int?, _ connection: PGConnection) throws -> Int? {
        // One statement: the domains holding the needle and all users, from one snapshot.
        let held = try connection.execute("""
            SELECT domain, users, total FROM (SELECT domain, users, sum(users) OVER () AS total FROM searchDomain
                WHERE (SELECT reltuples FROM pg_class WHERE oid = 'searchdomain'::regclass) <= $2) AS d
                WHERE strpos(domain, $1) > 0 AND users > 0 ORDER BY domain LIMIT $3
            """, [needle, mostDomains, mostRanges + 1])
        guard held.count > 0, held.count <= mostRanges, let total = held.int(0, 2) else { return nil }
        let domains = (0..<held.count).compactMap { held.text($0, 0) }
        let inDomains = (0..<held.count).reduce(0) { $0 + (held.int($1, 1) ?? 0) }
        if let limit, inDomains > limit { return limit + 1 }
        let outside = total - inDomains
        if outside == 0 { return inDomains }
        guard inDomains >= outside, domains.count == held.count else { return nil }
        // Again in one statement (a writer's transaction reads each in its own snapshot): the
        // same domains' users, and everyone else's matches, between those domains in the index.
        // Unprepared: a generic plan, blind to the bounds, would read every user.
        var query = PGQuery()
        let bounds = domains.map { query.bind($0) }
        // In the index's order: `searchText` is COLLATE "C", and so is what the function returns.
        let key = "roster_domain(u.searchText)"
        var ranges = ["\(key) < \(bounds[0])"]
        for (low, high) in zip(bounds, bounds.dropFirst()) { ranges.append("(\(key) > \(low) AND \(key) < \(high))") }
        ranges.append("\(key) > \(bounds[bounds.count - 1])")
        let list = bounds.joined(separator: ", ")
        let matching = query.contains(needle, in: "u.searchText")
        let users = try connection.execute("""
            SELECT (SELECT coalesce(sum(users), 0) FROM searchDomain WHERE domain IN (\(list)))
                + (SELECT count(*) FROM users u WHERE (\(ranges.joined(separator: " OR "))) AND \(matching))
            """, query.parameters, prepare: false).int(0, 0) ?? 0
        return SearchGrams.capped(users, limit: limit)
    }

    /// How many domains the table counts otherwise than the users are in them (a restore or a
    /// replica whose writes skipped the triggers).
    static func outOfStep(_ connection: PGConnection) throws -> Int {
        try connection.execute("""
            SELECT count(*) FROM (SELECT roster_domain(searchText) AS domain, count(*) AS users FROM users GROUP BY 1) AS u
                FULL JOIN (SELECT domain, users FROM searchDomain WHERE users <> 0) AS d ON d.domain = u.domain
                WHERE u.users IS DISTINCT FROM d.users
            """).int(0, 0) ?? 0
    }

    /// Counts the texts an import or a bulk load logged (`pg_temp.gramLog`, change and text)
    /// into the table, as the triggers would have one statement at a time.
    static func addLogged(_ connection: PGConnection) throws {
        try connection.execute("""
            INSERT INTO searchDomain (domain, users)
                SELECT roster_domain(searchText), sum(change) FROM pg_temp.gramLog GROUP BY 1 HAVING sum(change) <> 0
                ON CONFLICT (domain) DO UPDATE SET users = searchDomain.users + EXCLUDED.users;
            DELETE FROM searchDomain WHERE users = 0
            """)
    }
}
