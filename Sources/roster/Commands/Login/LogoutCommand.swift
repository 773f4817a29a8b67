import ArgumentParser
import Foundation
import RosterCore

struct LogoutCommand: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "logout", abstract: "End your session on this database.")

    @OptionGroup var database: DatabaseOptions

    func execute() throws {
        let path = database.resolvedPath()
        let file = SessionFile()
        guard let token = try file.token(for: path) else {
            Output.line("Not signed in to \(path).")
            return
        }
        if FileManager.default.fileExists(atPath: path) {
            try? Context(database).roster.auth.signOut(token: token)
        }
        try file.remove(for: path)
        Output.line("Signed out.")
    }
}
