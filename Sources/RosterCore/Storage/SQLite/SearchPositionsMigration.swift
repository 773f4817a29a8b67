import GRDB

extension Migrations {
    /// v17: the trigram index keeps where each trigram lies (`detail='full'`), so a filter of
    /// three characters or more is asked as the phrase of its trigrams and its hits are exactly
    /// the users holding it. Before, the index knew only which users hold each trigram: every
    /// hit of a longer filter was checked against its row, and a capped count of a common
    /// filter read ten thousand rows (17 ms at a million users; 3 ms from the index alone).
    /// The index grows by about 90 MB a million users; rebuilding it takes 15-20 s at that size.
    static func registerSearchPositions(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v17-search-positions") { db in
            // The triggers that keep the index write to it by name: they go on working.
            try db.execute(sql: """
                DROP TABLE userSearchTerms;
                DROP TABLE userSearch;
                CREATE VIRTUAL TABLE userSearch USING fts5(
                    searchText, content='user', content_rowid='id', tokenize='trigram case_sensitive 1', detail='full');
                INSERT INTO userSearch(userSearch) VALUES ('rebuild');
                CREATE VIRTUAL TABLE userSearchTerms USING fts5vocab(userSearch, 'row');
                """)
        }
    }
}
