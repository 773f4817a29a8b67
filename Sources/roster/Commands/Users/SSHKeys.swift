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
}
