import Crypto
import Foundation

/// The hash chain over audit rows: each row's hash covers the previous row's hash and the
/// row's own canonical content, so editing, inserting or removing a row in the middle shows.
public enum AuditChain {
    /// The `previousHash` of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    /// The chain rows are written in now: HMAC-SHA256 under a key derived from the key file,
    /// over length-prefixed fields. Version 1 (plain SHA-256, rows written before migration v6)
    /// could be rebuilt by anyone able to edit the database; this can't without the key file.
    public static let currentVersion = 2

    /// The row that starts the keyed chain after rows of the old one, written once by the
    /// migration that upgrades a trail (never by an ordinary append): keyed itself, it names
    /// how many old rows there were and the hash of the last, so it vouches for exactly them.
    public static let upgradeAction = "audit.chain-upgrade"
    static let upgradeActor = "system:audit"

    /// Does `entry`, a keyed row whose MAC already held, vouch for `legacyRows` old rows ending
    /// in `lastLegacyHash`? Rows written by an earlier roster name only `fromRow` (the last old
    /// row's id); their link to that row's hash is covered by the MAC all the same.
    static func vouches(_ entry: AuditEntry, forLegacyRows legacyRows: Int, endingIn lastLegacyHash: String) -> Bool {
        guard entry.action == upgradeAction, entry.actorId == nil, entry.actor == upgradeActor,
              entry.previousHash == lastLegacyHash,
              let details = try? JSONDecoder().decode([String: String].self, from: Data(entry.details.utf8)) else { return false }
        let count = details["legacyRows"] ?? details["fromRow"]
        if let hash = details["lastLegacyHash"], hash != lastLegacyHash { return false }
        return count == String(legacyRows)
    }

    /// The MAC a version-2 row must carry, given the hash of the row before it.
    static func keyedHash(of entry: AuditEntry, previousHash: String, key: SymmetricKey) -> String {
        // One buffer and one MAC: a MAC update per field cost an import of 100,000 users a
        // twentieth of its time.
        var message: [UInt8] = []
        message.reserveCapacity(160 + previousHash.utf8.count + entry.details.utf8.count)
        appendField(previousHash, to: &message)
        for value in fields(entry) { appendField(value, to: &message) }
        return Data(HMAC<SHA256>.authenticationCode(for: message, using: key)).hex
    }

    /// Each field as a tag (0 absent, 1 present), then for a present one its length as 8
    /// big-endian bytes and its UTF-8 bytes: nothing can slide from one column into the next,
    /// and an absent value is not an empty one.
    static func appendField(_ value: String?, to message: inout [UInt8]) {
        guard let value else { return message.append(0) }
        message.append(1)
        let length = UInt64(value.utf8.count)
        for shift in stride(from: 56, through: 0, by: -8) { message.append(UInt8(truncatingIfNeeded: length >> UInt64(shift))) }
        message.append(contentsOf: value.utf8)
    }

    static func fields(_ entry: AuditEntry) -> [String?] {
        let millis = Int64((entry.at.timeIntervalSince1970 * 1000).rounded())
        return [
            String(entry.id), String(entry.chain), String(millis), entry.actorId.map { String($0.rawValue) }, entry.actor,
            entry.actorIP, entry.action, entry.targetId.map { String($0.rawValue) }, entry.target,
            entry.orgId.map { String($0.rawValue) }, entry.org, entry.outcome.rawValue, entry.details,
        ]
    }

    /// The version-1 hash: SHA-256 over the previous hash and the unit-separated fields.
    public static func hash(of entry: AuditEntry, previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data(canonical(entry).utf8))
        return hasher.finalize().hex
    }

    /// A stable text form of the row's content: fields in a fixed order, unit-separated,
    /// time as whole milliseconds so a database round trip can't change it.
    static func canonical(_ entry: AuditEntry) -> String {
        let millis = Int64((entry.at.timeIntervalSince1970 * 1000).rounded())
        let fields: [String] = [
            String(entry.id),
            String(millis),
            entry.actorId.map { String($0.rawValue) } ?? "",
            entry.actor,
            entry.actorIP ?? "",
            entry.action,
            entry.targetId.map { String($0.rawValue) } ?? "",
            entry.target ?? "",
            entry.orgId.map { String($0.rawValue) } ?? "",
            entry.org ?? "",
            entry.outcome.rawValue,
            entry.details,
        ]
        return fields.joined(separator: "\u{1F}")
    }

    /// Truncates to whole milliseconds, the precision the database keeps.
    static func storedTime(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }
}

/// The result of walking the chain.
public enum AuditVerification: Equatable, Sendable {
    case intact(rows: Int)
    /// The first row whose hash or link doesn't match.
    case broken(rowId: Int64, reason: String, rowsChecked: Int)
}
