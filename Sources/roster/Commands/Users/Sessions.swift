import ArgumentParser
import Foundation
import RosterCore

struct Sessions: RosterCommand {
    static let configuration = CommandConfiguration(abstract: "List a user's open sessions.")
    @OptionGroup var target: UserTarget

    func execute() throws {
        let context = try Context(target.database)
        let actor = try context.actor()
        let user = try context.roster.users.find(target.user, by: actor)
        let sessions = try context.roster.auth.sessions(of: user.id, by: actor)
        if target.json {
            struct SessionJSON: Encodable { var id: Int64; var createdAt, lastSeenAt: Date; var ip, client: String? }
            try Output.json(sessions.map { SessionJSON(id: $0.id.rawValue, createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, ip: $0.ip, client: $0.client) })
            return
        }
        guard !sessions.isEmpty else { Output.line("\(user.email) has no open sessions."); return }
        Output.table(["ID", "CREATED", "LAST SEEN", "IP", "CLIENT"], sessions.map {
            [String($0.id.rawValue), Output.time($0.createdAt), Output.time($0.lastSeenAt), $0.ip ?? "-", $0.client ?? "-"]
        })
    }
}
