import ArgumentParser

struct UsersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "List, create and change user accounts.",
        subcommands: [
            ListUsers.self, ShowUser.self, CreateUser.self, EditUser.self, SetRole.self,
            Deactivate.self, Reactivate.self, Lock.self, Unlock.self, RequirePasswordChange.self,
            ResetPassword.self, SendAccountInfo.self, ResetMFA.self, Sessions.self, EndSession.self, EndSessions.self, DeleteUser.self,
            SetAvatar.self, ClearAvatar.self, IPRules.self, SSHKeys.self, BulkUsers.self, ImportUsers.self, ExportUsers.self,
            Elevate.self, ListElevations.self, EndElevation.self,
        ])
}
