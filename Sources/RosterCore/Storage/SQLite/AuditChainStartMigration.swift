import Crypto
import Foundation
import GRDB

extension Migrations {
    /// v11: the one place the keyed audit chain starts after rows of the old, unkeyed one.
    ///
    /// A trail with old (SHA-256) rows and no keyed row after them gets one keyed
    /// `audit.chain-upgrade` row naming how many old rows there were and the last one's hash,
    /// so the key vouches for exactly that prefix. Ordinary appends never do this (they refuse
    /// a trail that ends in old rows): otherwise someone able to edit the file, without the
    /// key, could replace the whole trail with forged old rows and have the next write, even
    /// a failed sign-in, start a keyed chain on top of them.
    ///
    /// Nothing is written for a trail that is already keyed, already upgraded (an earlier
    /// roster wrote the row on its first append), or whose old rows don't hold together: that
    /// trail stays broken for `roster audit verify` to report, instead of being vouched for.
    static func registerAuditChainStart(_ migrator: inout DatabaseMigrator, auditKey: (@Sendable () throws -> SymmetricKey)?) {
        migrator.registerMigration("v11-audit-chain-start") { db in
            guard let legacy = try legacyPrefix(db) else { return }
            guard let auditKey else {
                throw RosterError.database(.other("this database's audit trail must be upgraded with its key file; open it with `roster` beside its .key file"))
            }
            var upgrade = AuditEntry(
                id: 0, at: AuditChain.storedTime(Date()), actorId: nil, actor: AuditChain.upgradeActor, actorIP: nil,
                action: AuditChain.upgradeAction, targetId: nil, target: nil, orgId: nil, org: nil, outcome: .success,
                details: AuditAppend.json([
                    "legacyRows": String(legacy.rows), "lastLegacyHash": legacy.lastHash, "chain": "hmac-sha256",
                ]),
                previousHash: "", hash: "", chain: AuditChain.currentVersion)
            upgrade.id = Int64(legacy.rows) + 1
            upgrade.previousHash = legacy.lastHash
            upgrade.hash = AuditChain.keyedHash(of: upgrade, previousHash: legacy.lastHash, key: try auditKey())
            try upgrade.insert(db)
        }
    }

    /// The old rows waiting for the upgrade row: rows 1…n all in the old chain, nothing after
    /// them, and every one's hash and link holding. Nil when there is nothing to vouch for.
    private static func legacyPrefix(_ db: Database) throws -> (rows: Int, lastHash: String)? {
        let keyedRows = try Int.fetchOne(db, sql: "SELECT count(*) FROM auditEntry WHERE chain != 1") ?? 0
        guard keyedRows == 0 else { return nil }
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(SQLiteAuditStore.columns) FROM auditEntry ORDER BY id")
        var previous = AuditChain.genesis
        var rows = 0
        while let row = try cursor.next() {
            guard let entry = SQLiteAuditStore.entry(row), entry.id == Int64(rows) + 1, entry.previousHash == previous,
                  AuditChain.hash(of: entry, previousHash: previous) == entry.hash else { return nil }
            previous = entry.hash
            rows += 1
        }
        return rows > 0 ? (rows, previous) : nil
    }
}
