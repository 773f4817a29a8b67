import ArgumentParser
import Foundation
import RosterCore

struct Sessions: RosterCommand {
    static let configuration = CommandConfiguration(commandName: "sessions", abstract: "List a user's open sessions.")
    @OptionGroup var target: UserReference
    @OptionGroup var output: OutputOptions

    struct SessionJSON: Encodable { var id: Int64; var createdAt, lastSeenAt: Date; var ip, client: String? }

    func execute() throws {
        let (user, sessions) = try target.read { roster, actor, user in (user, try roster.auth.sessions(of: user.id, by: actor)) }
        try output.print(columns: ["ID", "CREATED", "LAST SEEN", "IP", "CLIENT"], rows: sessions.map {
            [String($0.id.rawValue), Output.time($0.createdAt), Output.time($0.lastSeenAt), $0.ip ?? "-", $0.client ?? "-"]
        }, json: sessions.map { SessionJSON(id: $0.id.rawValue, createdAt: $0.createdAt, lastSeenAt: $0.lastSeenAt, ip: $0.ip, client: $0.client) },
           empty: "\(user.email) has no open sessions.")
    }
}
