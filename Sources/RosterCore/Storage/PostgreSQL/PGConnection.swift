import CLibpq
import Foundation

/// An error PostgreSQL (or libpq) reported, with its SQLSTATE when the server sent one.
struct PGError: Error, CustomStringConvertible {
    var sqlState: String?
    var message: String
    /// The connection itself is gone (server down, failover, network): the transaction it was
    /// in did not commit, and the connection must not be reused.
    var connectionLost: Bool
    /// The constraint a row broke, and the server's detail ("Key (email)=(…) already exists.").
    var constraint: String?
    var detail: String?

    var description: String { message }

    /// SQLSTATE class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown,
    /// cannot connect now), and 25006 (read-only transaction: a standby, or a demoted primary).
    var isFailover: Bool {
        guard let state = sqlState else { return connectionLost }
        return connectionLost || state.hasPrefix("08") || state.hasPrefix("57P") || state == "25006"
    }
}

/// One libpq connection. Not thread-safe, as libpq's aren't: the pool hands each one to a
/// single transaction at a time (`PostgresStores`), which is what makes it `Sendable` here.
final class PGConnection: @unchecked Sendable {
    private let conn: OpaquePointer
    /// Statements with parameters are prepared once per connection and reused by name: an
    /// import runs the same few statements a hundred thousand times.
    private var prepared: [String: String] = [:]
    /// A statement `send` sent whose answer is not read yet.
    private var awaiting = false
    /// Statements named so far: names are never reused, even for one a failed pipeline dropped.
    private var named = 0
    /// Writes sent ahead whose answers are not read yet (`writingAhead`).
    private var ahead = Ahead()

    /// Connects with libpq, which reads the usual PG* variables, `.pgpass` and service files.
    /// Sessions run in UTC with ISO dates, so timestamps read back the way they were written.
    /// The address's own options come first; `fallback_application_name` names Roster in
    /// `pg_stat_activity` unless the address names itself, and a read pool's
    /// `target_session_attrs` overrides the address's.
    init(_ address: PostgresAddress) throws {
        try PostgresLibrary.load()
        var options = [("dbname", address.text), ("fallback_application_name", "roster")]
        if let attributes = address.sessionAttributes { options.append(("target_session_attrs", attributes)) }
        let connection = withCStrings(options.map { Optional($0.0) } + [nil]) { keywords in
            withCStrings(options.map { Optional($0.1) } + [nil]) { values in
                // expand_dbname: the first dbname is the whole address, URI or key=value pairs.
                roster_PQconnectdbParams(keywords, values, 1)
            }
        }
        guard let conn = connection else {
            throw RosterError.database(.unreachable(address.text, reason: "libpq could not allocate a connection"))
        }
        guard roster_PQstatus(conn) == CONNECTION_OK else {
            let reason = Self.oneLine(String(cString: roster_PQerrorMessage(conn)))
            roster_PQfinish(conn)
            throw RosterError.database(.unreachable(address.text, reason: reason))
        }
        self.conn = conn
        // Once every stored property is set, a throw here runs deinit, which finishes `conn`:
        // finishing it here as well freed it twice (a crash when the server went away
        // between the connection and this first statement).
        try execute("SET TimeZone = 'UTC'; SET DateStyle = 'ISO'; SET client_min_messages = 'warning'")
    }

    deinit { roster_PQfinish(conn) }

    /// libpq's multi-line, tab-indented messages as one line without a closing period.
    static func oneLine(_ message: String) -> String {
        let parts = message.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var line = parts.joined(separator: "; ")
        while line.hasSuffix(".") { line.removeLast() }
        return line
    }

    /// False once the server or the network dropped the connection.
    var isUsable: Bool { roster_PQstatus(conn) == CONNECTION_OK && roster_PQtransactionStatus(conn) == PQTRANS_IDLE }

    /// Runs one statement with `$1…` parameters sent apart from the SQL, as text. With
    /// `prepare: false` it is sent unprepared: a statement built for one batch's row count (a
    /// multi-row INSERT) would otherwise stay prepared on the server, and in `prepared`, for as
    /// long as the connection lives.
    @discardableResult
    func execute(_ sql: String, _ parameters: [any PGParameter] = [], prepare: Bool = true) throws -> PGResult {
        try catchUp()
        settle()
        let texts = parameters.map(\.pgText)
        guard !texts.isEmpty else { return try check(roster_PQexec(conn, sql)) }
        guard prepare else {
            return try check(withCStrings(texts) { pointers in
                roster_PQexecParams(conn, sql, Int32(pointers.count), nil, pointers, nil, nil, 0)
            })
        }
        let name = try statement(sql, parameters: Int32(texts.count))
        return try check(withCStrings(texts) { pointers in roster_PQexecPrepared(conn, name, Int32(pointers.count), pointers, nil, nil, 0) })
    }

    /// Ends the transaction; throws when the server ended it with a rollback instead (it had
    /// already failed: a statement's error was caught and the caller carried on).
    func commit() throws {
        let result = try execute("COMMIT")
        guard result.commandStatus == "COMMIT" else {
            throw PGError(sqlState: "25P02", message: "the transaction had failed and was rolled back; nothing was written",
                          connectionLost: false)
        }
    }

    /// Sends one statement and returns without waiting for the server; `answer()` waits for
    /// it. The caller works meanwhile (an export writes one page while the server reads the
    /// next one's memberships). One at a time: any other statement first waits for it and
    /// drops its answer.
    func send(_ sql: String, _ parameters: [any PGParameter]) throws {
        try catchUp()
        settle()
        let texts = parameters.map(\.pgText)
        let name = try statement(sql, parameters: Int32(texts.count))
        // libpq copies the parameters into its buffer before it returns.
        let sent = withCStrings(texts) { pointers in
            roster_PQsendQueryPrepared(conn, name, Int32(pointers.count), pointers, nil, nil, 0)
        }
        guard sent == 1 else { throw failure(nil) }
        awaiting = true
    }

    /// The answer to the statement `send` sent, waiting for it if need be.
    func answer() throws -> PGResult {
        guard awaiting else { throw PGError(sqlState: nil, message: "roster asked for an answer to nothing it sent", connectionLost: false) }
        awaiting = false
        var first: OpaquePointer?
        while let result = roster_PQgetResult(conn) {
            if first == nil { first = result } else { roster_PQclear(result) }
        }
        return try check(first)
    }

    /// Reads and drops the answer still owed to `send`, if any: libpq takes no new statement
    /// before it. A failure there failed the transaction too: every later statement fails,
    /// and `commit` throws.
    private func settle() {
        if awaiting { _ = try? answer() }
    }

    /// The prepared statement's name for `sql`, preparing it on first use.
    private func statement(_ sql: String, parameters: Int32) throws -> String {
        if let name = prepared[sql] { return name }
        let name = newStatementName()
        _ = try check(roster_PQprepare(conn, name, sql, parameters, nil))
        prepared[sql] = name
        return name
    }

    /// A name no statement on this connection has had.
    private func newStatementName() -> String {
        named += 1
        return "roster_\(named)"
    }

    /// `COPY … FROM STDIN` with rows in PostgreSQL's text format (see `PGCopy`).
    func copy(_ sql: String, data: String) throws {
        try copy(sql) { send in try send(data) }
    }

    /// `COPY … FROM STDIN`, streamed: `produce` hands chunks of rows to `send` as it makes
    /// them, so a million rows never sit in memory at once.
    func copy(_ sql: String, _ produce: (_ send: (String) throws -> Void) throws -> Void) throws {
        try catchUp()
        settle()
        _ = try check(roster_PQexec(conn, sql), accepting: PGRES_COPY_IN)
        var failed: (any Error)?
        do {
            try produce { chunk in
                let bytes = Array(chunk.utf8)
                guard !bytes.isEmpty else { return }
                let sent = bytes.withUnsafeBufferPointer { buffer in
                    buffer.baseAddress.map { base in
                        base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { roster_PQputCopyData(conn, $0, Int32(buffer.count)) }
                    } ?? 1
                }
                guard sent == 1 else { throw failure(nil) }
            }
        } catch {
            failed = error
        }
        // A failure while producing aborts the COPY (and so the transaction), never half-loads it.
        guard roster_PQputCopyEnd(conn, failed == nil ? nil : "roster stopped the copy") == 1 else { throw failure(nil) }
        var outcome: PGError?
        while let result = roster_PQgetResult(conn) {
            if roster_PQresultStatus(result) != PGRES_COMMAND_OK, outcome == nil { outcome = failure(result) }
            roster_PQclear(result)
        }
        if let failed { throw failed }
        if let outcome { throw outcome }
    }

    /// Notifications that arrived since the last call (LISTEN), without waiting for any.
    func drainNotifications() throws -> Int {
        try catchUp()
        settle()
        guard roster_PQconsumeInput(conn) == 1 else { throw failure(nil) }
        var count = 0
        while let notice = roster_PQnotifies(conn) {
            roster_PQfreemem(notice)
            count += 1
        }
        return count
    }

    // MARK: Writing ahead (libpq's pipeline mode)

    private struct Ahead {
        /// Inside `writingAhead`: `queue` sends without waiting.
        var active = false
        /// The connection is in libpq's pipeline mode, with `owed` answers still to read.
        var piped = false
        var owed = 0
        /// Statements prepared in this pipeline: forgotten if it fails, when some may not exist.
        var preparedHere: [String] = []
    }

    /// Answers left unread before `queue` reads the oldest. Each is a few dozen bytes, so the
    /// server never blocks writing them while this blocking connection is still sending: the
    /// deadlock libpq warns of for pipeline mode on a blocking connection can't happen.
    static let answersAhead = 8

    /// Runs `body`, a run of writes, letting `queue` send each without waiting for its answer:
    /// the caller makes its next batch while the server writes the last one (an import of
    /// 100,000 users took turns: 4 s of the client's work, then 9 s of the server's). A failure
    /// of a statement sent ahead is thrown by a later `queue`, by the next `execute` (which
    /// first waits for every statement sent ahead), or at the end; it fails the transaction.
    /// Only inside a transaction: each wait for the writes sent ahead ends with a Sync, which
    /// outside one would commit them. Elsewhere, or without pipeline mode (libpq before 14.5),
    /// `body` just runs.
    func writingAhead<T>(_ body: () throws -> T) throws -> T {
        guard !ahead.active, roster_libpq_has_pipeline() == 1, roster_PQtransactionStatus(conn) == PQTRANS_INTRANS else {
            return try body()
        }
        ahead.active = true
        defer { ahead.active = false }
        do {
            let value = try body()
            try catchUp()
            return value
        } catch {
            // The answers still owed are read and dropped, so the connection leaves pipeline
            // mode and the caller's ROLLBACK runs.
            try? catchUp()
            throw error
        }
    }

    /// Inside `writingAhead`.
    var isWritingAhead: Bool { ahead.active }

    /// Runs a statement whose answer the caller doesn't read (a write): inside `writingAhead`
    /// it returns once sent, elsewhere it is `execute`.
    func queue(_ sql: String, _ parameters: [any PGParameter], prepare: Bool = true) throws {
        guard ahead.active else {
            try execute(sql, parameters, prepare: prepare)
            return
        }
        if !ahead.piped {
            settle()
            guard roster_PQenterPipelineMode(conn) == 1 else { throw failure(nil) }
            ahead.piped = true
        }
        let texts = parameters.map(\.pgText)
        let sent: Int32
        if prepare, !texts.isEmpty {
            let name: String
            if let known = prepared[sql] {
                name = known
            } else {
                name = newStatementName()
                guard roster_PQsendPrepare(conn, name, sql, Int32(texts.count), nil) == 1 else { throw failure(nil) }
                prepared[sql] = name
                ahead.preparedHere.append(sql)
                ahead.owed += 1
            }
            sent = withCStrings(texts) { roster_PQsendQueryPrepared(conn, name, Int32($0.count), $0, nil, nil, 0) }
        } else {
            // The simple query protocol (PQexec) is not allowed in pipeline mode.
            sent = withCStrings(texts) { roster_PQsendQueryParams(conn, sql, Int32($0.count), nil, $0, nil, nil, 0) }
        }
        guard sent == 1 else { throw failure(nil) }
        ahead.owed += 1
        // Flush: the server starts at once and sends each answer when done, not at the end.
        guard roster_PQsendFlushRequest(conn) == 1, roster_PQflush(conn) == 0 else { throw failure(nil) }
        while ahead.owed > Self.answersAhead { try readOwed() }
    }

    /// Reads the oldest answer owed, waiting for it; throws when that statement failed.
    private func readOwed() throws {
        ahead.owed -= 1
        var problem: PGError?
        while let result = roster_PQgetResult(conn) {
            let status = roster_PQresultStatus(result)
            if Self.failed(status), problem == nil { problem = failure(result) }
            roster_PQclear(result)
        }
        if roster_PQstatus(conn) != CONNECTION_OK { throw failure(nil) }
        if let problem { throw problem }
    }

    /// Waits for every statement sent ahead and leaves pipeline mode; throws the first failure.
    /// The Sync sent first is what lets the server answer the statements a failure skipped.
    private func catchUp() throws {
        guard ahead.piped else { return }
        var problem: PGError?
        var ends = 0
        var synced = roster_PQpipelineSync(conn) == 1
        if !synced { problem = failure(nil) }
        while synced {
            guard let result = roster_PQgetResult(conn) else {
                // The end of one statement's answer. Ends in a row (libpq waits for the next
                // answer instead) mean the connection is gone: stop rather than spin.
                ends += 1
                if roster_PQstatus(conn) != CONNECTION_OK || ends > 2 {
                    problem = problem ?? failure(nil)
                    synced = false
                }
                continue
            }
            ends = 0
            let status = roster_PQresultStatus(result)
            defer { roster_PQclear(result) }
            if status == PGRES_PIPELINE_SYNC {
                // Every answer read: pipeline mode can be left, failure or not.
                if roster_PQexitPipelineMode(conn) != 1 { problem = problem ?? failure(nil) }
                break
            }
            if Self.failed(status), problem == nil { problem = failure(result) }
        }
        ahead.piped = false
        ahead.owed = 0
        if problem != nil { for sql in ahead.preparedHere { prepared[sql] = nil } }
        ahead.preparedHere = []
        if let problem { throw problem }
    }

    /// Anything but a command done or rows returned: an error, or a statement a failure skipped.
    private static func failed(_ status: ExecStatusType) -> Bool {
        status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK
    }

    private func check(_ result: OpaquePointer?, accepting extra: ExecStatusType = PGRES_EMPTY_QUERY) throws -> PGResult {
        guard let result else { throw failure(nil) }
        let status = roster_PQresultStatus(result)
        guard !Self.failed(status) || status == extra else {
            let error = failure(result)
            roster_PQclear(result)
            throw error
        }
        return PGResult(result)
    }

    private func failure(_ result: OpaquePointer?) -> PGError {
        var state: String?
        var message = String(cString: roster_PQerrorMessage(conn))
        if let result {
            if let code = roster_PQresultErrorField(result, Int32(UInt8(ascii: "C"))) { state = String(cString: code) }
            if let primary = roster_PQresultErrorField(result, Int32(UInt8(ascii: "M"))) { message = String(cString: primary) }
        }
        func field(_ code: Character) -> String? {
            guard let result, let ascii = code.asciiValue, let text = roster_PQresultErrorField(result, Int32(ascii)) else { return nil }
            return String(cString: text)
        }
        return PGError(sqlState: state, message: Self.oneLine(message),
                       connectionLost: roster_PQstatus(conn) != CONNECTION_OK, constraint: field("n"),
                       // Kept for a taken key only: other details quote whole rows (hashes, sealed tokens).
                       detail: state == "23505" ? field("D") : nil)
    }
}

/// Hands libpq an array of C strings (NULL for SQL NULL) that live for the call.
private func withCStrings<R>(_ texts: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
    let owned = texts.map { $0.flatMap { strdup($0) } }
    defer { for pointer in owned { free(pointer) } }
    return body(owned.map { $0.map { UnsafePointer($0) } })
}
