import ArgumentParser
import Foundation

/// `roster ssh …`: what OpenSSH runs when Roster sits behind it for a team (README, "Run it
/// for a team over SSH"). sshd asks `authorized-keys` who a key belongs to and runs `session`
/// as the forced command; `setup` prints the sshd configuration and checks the files.
struct SSHCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ssh",
        abstract: "Serve Roster to a team through OpenSSH: keys mapped to accounts, no shell, no file access.",
        subcommands: [AuthorizedKeysCommand.self, SSHSessionCommand.self, SSHSetupCommand.self])
}

/// Where this very binary is, for the lines sshd runs: its real path, not how it was called.
enum Executable {
    static var path: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return DatabaseOptions.absolute(CommandLine.arguments.first ?? "roster")
    }

    /// Whether `path` can stand in an sshd command line unquoted and inside `command="…"`.
    static func isPlain(_ path: String) -> Bool {
        !path.isEmpty && path.unicodeScalars.allSatisfy { scalar in
            (scalar.value < 0x80 && (scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))))
                || "/._-+@:,".unicodeScalars.contains(scalar)
        }
    }
}
