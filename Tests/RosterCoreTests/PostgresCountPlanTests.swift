import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// On PostgreSQL, a filter of four or more characters without three ASCII letters or digits
/// in a row has no trigram for the trigram index; counting it read every user. A rare one is
/// counted through the character index instead, a common one still by reading the users.
@Suite("Counts of filters the trigram index can't serve (PostgreSQL)",
       .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct PostgresCountPlanTests {
    /// The count of `filter`, and how many times the character index was read for it, in one
    /// transaction with plain scans priced out (a few rows would otherwise always be read one
    /// by one, or through another index from end to end).
    static func count(_ f: Fixture, _ filter: String) throws -> (users: Int, characterIndexScans: Int) {
        try f.roster.stores.read { tx in
            guard let users = tx.users as? PostgresUserStore else { throw RosterError.database(.other("not PostgreSQL")) }
            try users.db.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off")
            let before = try users.db.execute("SELECT pg_stat_get_xact_numscans('users_grams'::regclass)").int(0, 0) ?? -1
            let counted = try tx.users.count(matching: filter, visibleTo: .everyone, limit: nil)
            let after = try users.db.execute("SELECT pg_stat_get_xact_numscans('users_grams'::regclass)").int(0, 0) ?? -1
            return (counted, after - before)
        }
    }

    @Test("a rare one is counted through the character index, a common one by reading the users; both exactly")
    func rareAndCommon() throws {
        let f = try Fixture(.postgres)
        try SearchDomainTests.load(f, 40, "Ana", "Lima") { "ana.\($0)@example.com" }
        try SearchDomainTests.load(f, 3, "Søren", "Kierkegaard") { "s\($0)@example.dk" }
        let (_, texts) = try SearchDomainTests.table(f)
        let rare = try Self.count(f, "SØRE")
        #expect(rare.users == 3 && rare.users == SearchGramTests.holding("søre", texts))
        #expect(rare.characterIndexScans > 0, "3 of 43 users hold its rarest string")
        let common = try Self.count(f, "a li")
        #expect(common.users == 40 && common.users == SearchGramTests.holding("a li", texts))
        #expect(common.characterIndexScans == 0, "every Ana Lima holds it: reading the users is cheaper")
        let none = try Self.count(f, "ø.zz")
        #expect(none.users == 0)
    }
}
