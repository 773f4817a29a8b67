import ArgumentParser
import Foundation
import RosterCore

struct DeleteGroup: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Delete a group; its members stay in the org.")
    @OptionGroup var target: GroupTarget
    @OptionGroup var confirmation: Confirmation

    func execute() throws {
        try target.perform(confirmation) { roster, actor, group in
            try roster.groups.delete(group.id, by: actor)
            return "Deleted group \(group.name)."
        }
    }
}
