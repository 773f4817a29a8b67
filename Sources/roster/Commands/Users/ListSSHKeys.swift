import ArgumentParser
import Foundation
import RosterCore

extension SSHKeys {
    struct List: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "List a user's SSH keys with their fingerprints.")
        @OptionGroup var target: UserTarget

        func execute() throws {
            let (user, keys) = try target.read { roster, actor, user in (user, try roster.sshKeys.keys(of: user.id, by: actor)) }
            if target.json { try Output.json(keys.map(SSHKeyJSON.init)); return }
            guard !keys.isEmpty else { Output.line("\(user.email) has no SSH keys."); return }
            Output.table(["ID", "FINGERPRINT", "TYPE", "COMMENT", "ADDED", "LAST USED"], keys.map {
                [String($0.id ?? 0), $0.fingerprint, "\($0.typeLabel) \($0.bits)", $0.comment, Output.time($0.createdAt), Output.time($0.lastUsedAt)]
            })
        }
    }
}
