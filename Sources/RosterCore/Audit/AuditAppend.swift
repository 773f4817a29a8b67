import Crypto
import Foundation

/// What every backend's audit store does the same way: shape a new row, link and sign it
/// after the newest one, refuse to continue a trail whose newest row doesn't hold, and show
/// scoped readers only what they may read of each row's details.
enum AuditAppend {
    /// The row for `event` by `actor`, not yet linked (see `link`).
    static func entry(for event: AuditEvent, by actor: Actor, at: Date) -> AuditEntry {
        var details = event.details
        // What an SSH session does names the key it came in with, beside its address.
        if let key = actor.sshKey { details["sshKey"] = key }
        return AuditEntry(
            id: 0, at: AuditChain.storedTime(at), actorId: actor.userId, actor: actor.label,
            actorIP: actor.ip, action: event.action, targetId: event.targetId, target: event.target, orgId: event.orgId,
            org: event.org, outcome: event.outcome, details: json(details), previousHash: "", hash: "",
            chain: AuditChain.currentVersion)
    }

    /// Gives `entry` the next id, its link to `previous` (or genesis) and its MAC.
    static func link(_ entry: inout AuditEntry, after previous: (id: Int64, hash: String)?, key: SymmetricKey) {
        entry.id = (previous?.id ?? 0) + 1
        entry.previousHash = previous?.hash ?? AuditChain.genesis
        entry.hash = AuditChain.keyedHash(of: entry, previousHash: entry.previousHash, key: key)
    }

    /// The newest row, once it has shown it is a keyed row whose MAC holds. Appends only ever
    /// continue a sound keyed chain: a trail ending in old, unkeyed rows is continued by the
    /// one-time upgrade alone, or someone able to edit the data could swap the whole trail for
    /// forged old rows and have the next write vouch for them. `entry` is nil when the newest
    /// row (`id`) is damaged.
    static func checkedTip(_ entry: AuditEntry?, id: Int64, key: SymmetricKey) throws -> AuditEntry {
        guard let entry else {
            throw RosterError.database(.auditTrailBroken(row: id, reason: "the newest row is damaged (a field is not the type it should be)"))
        }
        guard entry.chain == AuditChain.currentVersion else {
            throw RosterError.database(.auditTrailBroken(
                row: id, reason: "the newest row is in the old, unkeyed chain, which only the one-time upgrade may continue (rows were rewritten)"))
        }
        guard AuditChain.keyedHash(of: entry, previousHash: entry.previousHash, key: key) == entry.hash else {
            throw RosterError.database(.auditTrailBroken(
                row: id, reason: "the newest row does not match its keyed hash (it was edited, or this is not the database's key file)"))
        }
        return entry
    }

    /// The rows whose MAC this key made: what a dry run may write again for real. Anything
    /// else in the range (written by a trigger someone planted, say) must not get the key's
    /// signature by riding along.
    static func signed(_ rows: [AuditEntry], key: SymmetricKey) -> [AuditEntry] {
        rows.filter { AuditChain.keyedHash(of: $0, previousHash: $0.previousHash, key: key) == $0.hash }
    }

    /// Scoped readers (org admins and everyone below accounts admins) read each row's details
    /// without system roles, other orgs or denial wording (`Policy.auditDetailsForScopedReader`).
    static func shown(_ rows: [AuditEntry], to visibility: AuditVisibility) -> [AuditEntry] {
        guard case .scoped = visibility else { return rows }
        return rows.map { row in
            guard let details = try? JSONDecoder().decode([String: String].self, from: Data(row.details.utf8)) else { return row }
            var shown = row
            shown.details = json(Policy.auditDetailsForScopedReader(details, action: row.action))
            return shown
        }
    }

    /// The details as a JSON object, keys sorted, byte for byte what `JSONEncoder` writes with
    /// `.sortedKeys` and `.withoutEscapingSlashes` (a test holds the two together), written
    /// directly: the encoder cost an import a twentieth of its time, one audit row a user.
    static func json(_ details: [String: String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "{")]
        for (index, key) in details.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            appendString(key, to: &out)
            out.append(UInt8(ascii: ":"))
            appendString(details[key] ?? "", to: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    private static func appendString(_ text: String, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x08: out += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: out += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case 0x0A: out += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: out += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: out += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20: out += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
