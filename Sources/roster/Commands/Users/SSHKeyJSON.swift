import ArgumentParser
import Foundation
import RosterCore

/// An SSH key as `--json` prints it.
struct SSHKeyJSON: Encodable {
    var id: Int64
    var fingerprint: String
    var type: String
    var bits: Int
    var comment: String
    var createdAt: Date
    var createdBy: String
    var lastUsedAt: Date?

    init(_ key: SSHKey) {
        id = key.id ?? 0
        fingerprint = key.fingerprint
        type = key.type
        bits = key.bits
        comment = key.comment
        createdAt = key.createdAt
        createdBy = key.createdBy
        lastUsedAt = key.lastUsedAt
    }
}
