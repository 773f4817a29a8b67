extension PostgresMigrations {
    /// `userOrder.version`, as SQLite's `userOrderVersion`: a new random number whenever a
    /// user is added or removed, or a user's name or search text changes, in the transaction
    /// that does it. What depends on nothing else (the whole directory's count per filter, a
    /// filter's matches in name order) is remembered while it stands still. Random rather than
    /// counted up, so a restored copy can't meet a process that remembers the same number for
    /// other rows. One row, updated by every such write: writes already queue on one advisory
    /// lock (`PostgresStores.writeLock`), so it makes none of them wait longer.
    static let orderVersion = """
        CREATE TABLE userOrder (id integer PRIMARY KEY CHECK (id = 1), version bigint NOT NULL);
        INSERT INTO userOrder VALUES (1, floor(random() * 9.0e18)::bigint);

        CREATE FUNCTION roster_user_order_moved() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE userOrder SET version = floor(random() * 9.0e18)::bigint WHERE id = 1;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_order_added AFTER INSERT ON users FOR EACH STATEMENT EXECUTE FUNCTION roster_user_order_moved();
        CREATE TRIGGER users_order_removed AFTER DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION roster_user_order_moved();
        CREATE TRIGGER users_order_truncated AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION roster_user_order_moved();

        -- Once per statement, not per row: an import renaming a hundred thousand users moves it once.
        CREATE FUNCTION roster_user_order_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF EXISTS (SELECT 1 FROM old_users o JOIN new_users n ON n.id = o.id
                       WHERE o.nameKey IS DISTINCT FROM n.nameKey OR o.searchText IS DISTINCT FROM n.searchText) THEN
                UPDATE userOrder SET version = floor(random() * 9.0e18)::bigint WHERE id = 1;
            END IF;
            RETURN NULL;
        END $$;
        CREATE TRIGGER users_order_renamed AFTER UPDATE ON users REFERENCING OLD TABLE AS old_users NEW TABLE AS new_users
            FOR EACH STATEMENT EXECUTE FUNCTION roster_user_order_renamed();
        """
}
