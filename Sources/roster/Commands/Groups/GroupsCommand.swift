import ArgumentParser
import Foundation
import RosterCore

struct GroupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "groups",
        abstract: "Groups of an organization's members (account admins and the org's admins).",
        subcommands: [ListGroups.self, CreateGroup.self, RenameGroup.self, DeleteGroup.self, GroupMembers.self,
                      AddGroupMember.self, RemoveGroupMember.self])
}
