import ArgumentParser
import Foundation
import RosterCore

struct OrgsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orgs",
        abstract: "Organizations, their limits and their members.",
        subcommands: [
            ListOrgs.self, CreateOrg.self, RenameOrg.self, LockOrg.self, UnlockOrg.self, SetOrgLimits.self, RequireOrgMFA.self,
            DeleteOrg.self, OrgMembers.self, AddMember.self, SetMemberRole.self, RemoveMember.self,
        ])
}
