import ArgumentParser
import Foundation
import RosterCore

/// The stable JSON shape of a group.
struct GroupJSON: Encodable {
    var id: Int64
    var name: String
    var createdAt: Date

    init(_ group: UserGroup) {
        id = group.id.rawValue
        name = group.name
        createdAt = group.createdAt
    }
}
