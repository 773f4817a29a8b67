import Foundation
import RosterTestSupport
import Testing
@testable import RosterCore

/// One libpq connection as the stores use it: a statement sent ahead, writes sent ahead in
/// pipeline mode, statements sent unprepared, and a COMMIT that must not pass for a
/// transaction that had failed.
@Suite("A PostgreSQL connection", .enabled(if: PostgresServer.isInstalled, Comment(rawValue: PostgresServer.missing)))
struct PGConnectionTests {
    static func connect() throws -> PGConnection {
        let connection = try PGConnection(PostgresAddress(PostgresTemplate.newDatabase()))
        try connection.execute("CREATE TABLE t (x integer PRIMARY KEY)")
        return connection
    }

    static func rows(_ connection: PGConnection) throws -> Int {
        try connection.execute("SELECT count(*) FROM t").int(0, 0) ?? -1
    }

    @Test("opening libpq leaves the environment as it was: GnuTLS's set-up switch reaches no child process")
    func libraryLeavesEnvironment() throws {
        _ = try PostgresAddress("host=/nonexistent dbname=roster")
        #expect(getenv("GNUTLS_NO_IMPLICIT_INIT") == nil)
        #expect(ProcessInfo.processInfo.environment["GNUTLS_NO_IMPLICIT_INIT"] == nil)
    }

    @Test("a statement sent ahead is answered when asked, or read before the next statement runs")
    func sentAhead() throws {
        let connection = try Self.connect()
        try connection.send("SELECT $1::integer + 1", [41])
        #expect(try connection.answer().int(0, 0) == 42)
        try connection.send("SELECT $1::integer + 1", [1])
        #expect(try connection.execute("SELECT 7").int(0, 0) == 7, "the answer owed is read first, then this runs")
        #expect(throws: PGError.self) { try connection.answer() }
        #expect(connection.isUsable)
    }

    @Test("a COMMIT after a failed statement throws and writes nothing, and the connection goes on")
    func failedCommit() throws {
        let connection = try Self.connect()
        try connection.execute("BEGIN")
        try connection.execute("INSERT INTO t VALUES ($1)", [1])
        #expect(throws: PGError.self) { try connection.execute("INSERT INTO t VALUES ($1)", [1]) }
        #expect(throws: PGError.self) { try connection.commit() }
        #expect(try Self.rows(connection) == 0)
        #expect(connection.isUsable)
    }

    @Test("a statement sent ahead that fails, its answer never read, fails the COMMIT")
    func failedAhead() throws {
        let connection = try Self.connect()
        try connection.execute("BEGIN")
        try connection.execute("INSERT INTO t VALUES ($1)", [1])
        try connection.send("INSERT INTO t VALUES ($1)", [1])
        #expect(throws: PGError.self) { try connection.commit() }
        #expect(try Self.rows(connection) == 0)
    }

    @Test("writes sent ahead all run, in order: a read between them waits for them, and the end for the rest")
    func writingAhead() throws {
        let connection = try Self.connect()
        try connection.execute("BEGIN")
        try connection.writingAhead {
            #expect(connection.isWritingAhead)
            for x in 1...3 * PGConnection.answersAhead { try connection.queue("INSERT INTO t VALUES ($1)", [x]) }
            #expect(try Self.rows(connection) == 3 * PGConnection.answersAhead)
            // Unprepared, and one with no parameter at all: PQexec is not allowed in pipeline mode.
            try connection.queue("INSERT INTO t VALUES ($1), ($2)", [1_000, 1_001], prepare: false)
            try connection.queue("UPDATE t SET x = -x WHERE x = 1000", [])
        }
        #expect(!connection.isWritingAhead)
        try connection.commit()
        #expect(try Self.rows(connection) == 3 * PGConnection.answersAhead + 2)
        #expect(try connection.execute("SELECT count(*) FROM t WHERE x = -1000").int(0, 0) == 1, "the UPDATE ran after the INSERT")
        #expect(connection.isUsable)
    }

    @Test("a write sent ahead that fails is thrown, the rest are skipped, and the connection goes on")
    func failedWritingAhead() throws {
        let connection = try Self.connect()
        let first = "INSERT INTO t VALUES ($1 + 100)"
        try connection.execute("BEGIN")
        #expect {
            try connection.writingAhead {
                try connection.queue("INSERT INTO t VALUES ($1)", [1])
                try connection.queue("INSERT INTO t VALUES ($1)", [1])
                // Prepared for the first time after the failure: the server skipped it.
                try connection.queue(first, [1])
            }
        } throws: { ($0 as? PGError)?.sqlState == "23505" }
        try connection.execute("ROLLBACK")
        #expect(connection.isUsable)
        try connection.execute(first, [2])
        #expect(try connection.execute("SELECT x FROM t").int(0, 0) == 102, "a statement whose preparing was skipped is prepared again")
    }

    @Test("a failure among writes sent ahead is thrown by a later write once that many answers are owed, not only at the end")
    func failureThrownByQueue() throws {
        let connection = try Self.connect()
        try connection.execute("BEGIN")
        var sentAfterFailure = 0
        #expect {
            try connection.writingAhead {
                try connection.queue("INSERT INTO t VALUES ($1)", [1])
                try connection.queue("INSERT INTO t VALUES ($1)", [1])
                for x in 2...40 {
                    try connection.queue("INSERT INTO t VALUES ($1)", [x])
                    sentAfterFailure += 1
                }
            }
        } throws: { ($0 as? PGError)?.sqlState == "23505" }
        #expect(sentAfterFailure < PGConnection.answersAhead, "the failure stopped the body")
        try connection.execute("ROLLBACK")
        #expect(try Self.rows(connection) == 0)
    }

    struct Stop: Error {}

    @Test("the caller stopping with writes still owed leaves the connection as before: out of pipeline mode, statements prepared")
    func stoppedWithWritesOwed() throws {
        let connection = try Self.connect()
        try connection.execute("BEGIN")
        #expect(throws: Stop.self) {
            try connection.writingAhead {
                for x in 1...5 { try connection.queue("INSERT INTO t VALUES ($1)", [x]) }
                throw Stop()
            }
        }
        try connection.execute("ROLLBACK")
        #expect(connection.isUsable)
        try connection.queue("INSERT INTO t VALUES ($1)", [7])
        #expect(try Self.rows(connection) == 1)
    }

    @Test("outside a transaction nothing is sent ahead: each write would be committed at the next wait")
    func onlyInTransactions() throws {
        let connection = try Self.connect()
        try connection.writingAhead {
            #expect(!connection.isWritingAhead)
            try connection.queue("INSERT INTO t VALUES ($1)", [1])
            #expect(throws: PGError.self) { try connection.queue("INSERT INTO t VALUES ($1)", [1]) }
        }
        #expect(try Self.rows(connection) == 1)
    }

    @Test("texts sent as one array parameter arrive as they were: quotes, backslashes, commas, braces, NULL, empty")
    func textArray() throws {
        let connection = try Self.connect()
        let texts = ["plain", "with \"quotes\"", "back\\slash\\", "a,b", "{braces}", "NULL", "", " spaced ", "王 ø 😀"]
        let result = try connection.execute("SELECT t FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n", [PGTextArray(texts)])
        #expect((0..<result.count).map { result.text($0, 0) } == texts)
    }

    @Test("statements run unprepared leave nothing prepared on the server; others are prepared once")
    func unprepared() throws {
        let connection = try Self.connect()
        func prepared() throws -> Int { try connection.execute("SELECT count(*) FROM pg_prepared_statements").int(0, 0) ?? -1 }
        let before = try prepared()
        for count in 1...5 {
            let marks = (1...count).map { "($\($0))" }.joined(separator: ", ")
            try connection.execute("INSERT INTO t VALUES \(marks) ON CONFLICT DO NOTHING", Array(1...count), prepare: false)
        }
        #expect(try prepared() == before)
        #expect(try Self.rows(connection) == 5)
        try connection.execute("SELECT $1::integer", [1])
        try connection.execute("SELECT $1::integer", [2])
        #expect(try prepared() == before + 1)
    }
}
