extension PostgresMigrations {
    /// `userOrder.version` moves once for a bulk write, not once per statement of it. Every
    /// UPDATE of its one row leaves a row version the rest of the transaction steps over
    /// (none can be pruned before it commits), so a 100,000-user import that moved it per
    /// INSERT spent quadratic time on that row: 0.05 ms an update at first, 0.25 ms after
    /// 20,000. While `roster_grams_deferred()` (an import, a bulk load, `migrate-to`) the
    /// triggers leave it, and `PostgresSearchGrams.deferred` moves it once at the end.
    static let bulkOrderVersion = """
        CREATE OR REPLACE FUNCTION roster_user_order_moved() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT roster_grams_deferred() THEN
                UPDATE userOrder SET version = floor(random() * 9.0e18)::bigint WHERE id = 1;
            END IF;
            RETURN NULL;
        END $$;

        CREATE OR REPLACE FUNCTION roster_user_order_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NOT roster_grams_deferred() AND EXISTS (
                SELECT 1 FROM old_users o JOIN new_users n ON n.id = o.id
                WHERE o.nameKey IS DISTINCT FROM n.nameKey OR o.searchText IS DISTINCT FROM n.searchText) THEN
                UPDATE userOrder SET version = floor(random() * 9.0e18)::bigint WHERE id = 1;
            END IF;
            RETURN NULL;
        END $$;
        """
}
