import ArgumentParser
import Foundation
import RosterCore

struct EndSession: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "end-session", abstract: "End one session (its id from `users sessions`).")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Session id.") var session: Int64

    func execute() throws {
        let context = try Context(database)
        try context.roster.auth.endSession(SessionID(rawValue: session), by: try context.actor())
        Output.line("Ended session \(session).")
    }
}
