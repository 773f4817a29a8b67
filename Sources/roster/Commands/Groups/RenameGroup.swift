import ArgumentParser
import Foundation
import RosterCore

struct RenameGroup: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a group.")
    @OptionGroup var target: GroupTarget
    @Argument(help: "New name.") var name: String

    func execute() throws {
        try target.perform { roster, actor, group in "Renamed \(group.name) to \(try roster.groups.rename(group.id, to: name, by: actor).name)." }
    }
}
