import ArgumentParser
import Foundation
import RosterCore

/// `roster users ssh-keys add|list|remove`: the public keys that let a person in over SSH.
struct SSHKeys: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh-keys",
        abstract: "SSH public keys that sign a user in through OpenSSH (see `roster ssh setup`).",
        discussion: "Accepted: Ed25519, ECDSA, and RSA of 3072 bits or more. A key belongs to one account at most.",
        subcommands: [Add.self, List.self, Remove.self])

    struct Add: RosterCommand {
        static let configuration = CommandConfiguration(abstract: "Register a public key (a .pub file, or - for standard input).")
        @OptionGroup var target: UserTarget
        @Argument(help: "The public key file, such as ~/.ssh/id_ed25519.pub, or - to read it from standard input.") var file: String

        func execute() throws {
            let line = try InputFile.text(file, limit: 20_000, what: "public key")
            let (user, key) = try target.read { roster, actor, user in (user, try roster.sshKeys.add(line, to: user.id, by: actor)) }
            if target.json { try Output.json(SSHKeyJSON(key)); return }
            Output.line("Registered \(key.typeLabel) key \(key.fingerprint) for \(user.email) (key \(key.id ?? 0)).")
        }
    }

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

    struct Remove: RosterCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove an SSH key; consoles and commands that came in with it end at once.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "The key's id, from `roster users ssh-keys list`.") var key: Int64
        @OptionGroup var confirmation: Confirmation

        func execute() throws {
            let context = try Context(database, dryRun: confirmation.dryRun)
            let actor = try context.actor()
            try confirmation.confirm("Remove SSH key \(key)? Consoles and commands that came in with it end at once.")
            let removed = try context.roster.sshKeys.remove(key, by: actor)
            Output.line(confirmation.report("Removed \(removed.typeLabel) key \(removed.fingerprint) (key \(key))."))
        }
    }
}

/// An SSH key as `--json` prints it.
struct SSHKeyJSON: Encodable {
    var id: Int64
    var fingerprint: String
    var type: String
    var bits: Int
    var comment: String
    var createdAt: Date
    var createdBy: String
    var lastUsedAt: Date?

    init(_ key: SSHKey) {
        id = key.id ?? 0
        fingerprint = key.fingerprint
        type = key.type
        bits = key.bits
        comment = key.comment
        createdAt = key.createdAt
        createdBy = key.createdBy
        lastUsedAt = key.lastUsedAt
    }
}
