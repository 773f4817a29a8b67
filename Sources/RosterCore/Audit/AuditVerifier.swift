import Crypto
import Foundation

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

/// One row as a backend read it for verifying: its id, and its values, or nil when a field
/// is damaged (a timestamp that isn't a time, a text in a number column).
struct AuditRowRead {
    var id: Int64
    var entry: AuditEntry?
}

/// Walks the whole trail in id order, in constant memory, and reports the first row that
/// doesn't hold. Backends hand rows over as raw values read one at a time, so a damaged row is
/// reported as broken, never a crash.
struct AuditVerifier {
    var key: () throws -> SymmetricKey

    /// `next` gives the rows in id order, nil at the end; `upgradedOldRows` tells whether this
    /// version of roster ever opened the database (and so would have started the keyed chain).
    func verify(head: AuditHead?, rows next: () throws -> AuditRowRead?,
                upgradedOldRows: () throws -> Bool) throws -> AuditVerification {
        var expectedPrevious = AuditChain.genesis
        var expectedId: Int64 = 1
        var checked = 0
        // Rows of the old chain so far: allowed only as the trail's first rows, and then only
        // when the first keyed row is the upgrade row vouching for exactly them.
        var legacyRows = 0
        var keyed = false
        var headSeen = head == nil
        var chainKey: SymmetricKey?
        while let row = try next() {
            let id = row.id
            func broken(_ reason: String) -> AuditVerification { .broken(rowId: id, reason: reason, rowsChecked: checked) }
            guard let entry = row.entry else { return broken("a field is damaged (not the type it should be)") }
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
            if try !upgradedOldRows() {
                return .broken(rowId: 1, reason: "rows 1–\(legacyRows) are in the old, unkeyed chain and this file was never opened by this version of roster, which starts the keyed chain; open it once with `roster` beside its key file, then verify again", rowsChecked: 0)
            }
            return .broken(rowId: 1, reason: "rows 1–\(legacyRows) are in the old, unkeyed chain and no keyed upgrade row vouches for them, so anyone able to write the file could have written them; restore the database from a backup", rowsChecked: 0)
        }
        return .intact(rows: checked)
    }
}
