import Crypto
import Foundation

/// The hash chain over audit rows: each row's hash covers the previous row's hash and the
/// row's own canonical content, so editing, inserting or removing a row in the middle shows.
public enum AuditChain {
    /// The `previousHash` of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    /// The hash a row must carry, given the hash of the row before it.
    public static func hash(of entry: AuditEntry, previousHash: String) -> String {
        var hasher = SHA256()
        hasher.update(data: Data(previousHash.utf8))
        hasher.update(data: Data(canonical(entry).utf8))
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
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
