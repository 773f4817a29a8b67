import Crypto
import Foundation
import GRDB

/// A row that an auditor recorded elsewhere (`roster audit head`): its id and hash.
public struct AuditHead: Sendable, Equatable {
    public var id: Int64
    public var hash: String

    public init(id: Int64, hash: String) {
        self.id = id
        self.hash = hash
    }

    /// Parses `ID:HASH`, as `roster audit head` prints it.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let id = Int64(parts[0]), id > 0, parts[1].count == 64,
              parts[1].allSatisfy(\.isHexDigit) else { return nil }
        self.init(id: id, hash: parts[1].lowercased())
    }

    public var text: String { "\(id):\(hash)" }
}

/// Walks the whole trail in id order, in constant memory, and reports the first row that
/// doesn't hold. Rows are read as raw values, so a damaged one (a timestamp that isn't a
/// time, a text in a number column) is reported as broken, never a crash.
struct AuditVerifier {
    var key: () throws -> SymmetricKey

    func verify(_ db: Database, head: AuditHead?) throws -> AuditVerification {
        // Columns named, as the file has them: one from before migration v6 has no `chain`.
        let hasChain = try db.columns(in: "auditEntry").contains { $0.name == "chain" }
        let columns = "id, at, actorId, actor, actorIP, action, targetId, target, orgId, org, outcome, details, previousHash, hash"
            + (hasChain ? ", chain" : "")
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM auditEntry ORDER BY id")
        var expectedPrevious = AuditChain.genesis
        var expectedId: Int64 = 1
        var checked = 0
        // Rows of the old chain so far: allowed only as the trail's first rows, and then only
        // when the first keyed row is the upgrade row vouching for exactly them.
        var legacyRows = 0
        var keyed = false
        var headSeen = head == nil
        var chainKey: SymmetricKey?
        while let row = try cursor.next() {
            let id: Int64 = (row["id"] as Int64?) ?? -1
            func broken(_ reason: String) -> AuditVerification { .broken(rowId: id, reason: reason, rowsChecked: checked) }
            guard let entry = Self.entry(row) else { return broken("a field is damaged (not the type it should be)") }
            if entry.id != expectedId { return broken("row \(expectedId) is missing before it (a row was removed)") }
            if entry.previousHash != expectedPrevious {
                return broken("its link to the previous row does not match (a row was removed, inserted or edited before it)")
            }
            switch entry.chain {
            case 1:
                // The old chain ends for good where the keyed one begins.
                if keyed { return broken("it uses the old, unkeyed chain after the keyed one began (rows were rewritten)") }
                if AuditChain.hash(of: entry, previousHash: expectedPrevious) != entry.hash {
                    return broken("its content does not match its hash (the row was edited)")
                }
                legacyRows += 1
            case AuditChain.currentVersion:
                if chainKey == nil { chainKey = try key() }
                guard let chainKey, AuditChain.keyedHash(of: entry, previousHash: expectedPrevious, key: chainKey) == entry.hash else {
                    return broken("its content does not match its keyed hash (the row was edited, or this is not its database's key file)")
                }
                if !keyed, legacyRows > 0, !AuditChain.vouches(entry, forLegacyRows: legacyRows, endingIn: expectedPrevious) {
                    return broken("the keyed chain begins here without the upgrade row that vouches for the \(legacyRows) old, unkeyed row(s) before it (rows were rewritten)")
                }
                keyed = true
            default:
                return broken("it names an unknown chain version \(entry.chain)")
            }
            if let head, entry.id == head.id {
                guard entry.hash == head.hash else { return broken("it is not the row recorded as the head (\(head.text))") }
                headSeen = true
            }
            expectedPrevious = entry.hash
            expectedId += 1
            checked += 1
        }
        if let head, !headSeen {
            return .broken(rowId: head.id, reason: "the recorded head row is gone: rows from it on were removed", rowsChecked: checked)
        }
        // Old rows prove nothing against someone who can write the file: only the keyed upgrade
        // row, written once when the database was upgraded, vouches for them. Old rows with no
        // keyed row after them were written (or rewritten) by someone without the key.
        if legacyRows > 0, !keyed {
            let upgraded = try db.tableExists("grdb_migrations")
                && (try Bool.fetchOne(db, sql: "SELECT 1 FROM grdb_migrations WHERE identifier = 'v11-audit-chain-start'") ?? false)
            if !upgraded {
                return .broken(rowId: 1, reason: "rows 1–\(legacyRows) are in the old, unkeyed chain and this file was never opened by this version of roster, which starts the keyed chain; open it once with `roster` beside its key file, then verify again", rowsChecked: 0)
            }
            return .broken(rowId: 1, reason: "rows 1–\(legacyRows) are in the old, unkeyed chain and no keyed upgrade row vouches for them, so anyone able to write the file could have written them; restore the database from a backup", rowsChecked: 0)
        }
        return .intact(rows: checked)
    }

    /// The row's values, or nil when one isn't what its column should hold.
    static func entry(_ row: Row) -> AuditEntry? {
        guard let id = row["id"] as Int64?, let atText = row["at"] as String?, let at = Date.fromDatabaseValue(atText.databaseValue),
              let actor = row["actor"] as String?, let action = row["action"] as String?,
              let outcome = (row["outcome"] as String?).flatMap(AuditOutcome.init(rawValue:)),
              let details = row["details"] as String?, let previousHash = row["previousHash"] as String?,
              let hash = row["hash"] as String?,
              // A file from before migration v6 has no chain column: all its rows are version 1.
              let chain = row.hasColumn("chain") ? row["chain"] as Int? : 1 else { return nil }
        return AuditEntry(
            id: id, at: at, actorId: (row["actorId"] as Int64?).map(UserID.init(rawValue:)), actor: actor,
            actorIP: row["actorIP"], action: action, targetId: (row["targetId"] as Int64?).map(UserID.init(rawValue:)),
            target: row["target"], orgId: (row["orgId"] as Int64?).map(OrgID.init(rawValue:)), org: row["org"],
            outcome: outcome, details: details, previousHash: previousHash, hash: hash, chain: chain)
    }
}
