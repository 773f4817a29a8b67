import ArgumentParser
import Foundation
import RosterCore

extension SSHKeys {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a user's SSH keys with their fingerprints.")
        @OptionGroup var target: UserReference
        @OptionGroup var output: OutputOptions

        func execute() throws {
            let (user, keys) = try target.read { roster, actor, user in (user, try roster.sshKeys.keys(of: user.id, by: actor)) }
            try output.print(columns: ["ID", "FINGERPRINT", "TYPE", "COMMENT", "ADDED", "LAST USED"], rows: keys.map {
                [String($0.id ?? 0), $0.fingerprint, "\($0.typeLabel) \($0.bits)", $0.comment, Output.time($0.createdAt), Output.time($0.lastUsedAt)]
            }, json: keys.map(SSHKeyJSON.init), empty: "\(user.email) has no SSH keys.")
        }
    }
}
