import ArgumentParser
import Foundation
import RosterCore

/// The stable JSON shape of an organization.
struct OrgJSON: Encodable {
    struct Headcount: Encodable { var standard: Int; var service: Int; var readOnly: Int }
    var id: Int64
    var name: String
    var locked: Bool
    var mfaRequired: Bool
    /// Null when unlimited.
    var standardUserLimit: Int?
    var serviceUserLimit: Int?
    var members: Headcount?
    var createdAt: Date
    var version: Int

    init(_ org: Org, headcount: OrgHeadcount? = nil) {
        id = org.id.rawValue
        name = org.name
        locked = org.locked
        mfaRequired = org.mfaRequired
        standardUserLimit = org.standardUserLimit
        serviceUserLimit = org.serviceUserLimit
        members = headcount.map { Headcount(standard: $0.standard, service: $0.service, readOnly: $0.readOnly) }
        createdAt = org.createdAt
        version = org.version
    }
}
