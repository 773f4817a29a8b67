import ArgumentParser
import CMalloc
import Foundation
import RosterCore

/// `roster`: the console for user accounts, and every action as a subcommand for scripts.
@main
struct RosterCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: "Manage user accounts, organizations, roles, sessions and the audit trail.",
        discussion: """
            Exit codes: 0 done (or nothing to change), 1 error, 3 denied by policy, \
            4 not signed in or sign-in failed, 5 changed by someone else, 6 not found, 64 usage.
            """,
        version: Roster.version,
        subcommands: [
            DemoCommand.self, InitCommand.self, LoginCommand.self, LogoutCommand.self, SudoCommand.self, WhoAmICommand.self, PasswdCommand.self, MFACommand.self,
            UsersCommand.self, OrgsCommand.self, GroupsCommand.self, KeysCommand.self, ResetsCommand.self, AuthCommand.self, MailCommand.self,
            SettingsCommand.self, ConsoleKeysCommand.self, AuditCommand.self, BackupCommand.self, RestoreCheck.self, MigrateToCommand.self, RecoverCommand.self, TermsCommand.self, SSHCommand.self,
            ApprovalsCommand.self, ReviewsCommand.self,
        ])

    @OptionGroup var database: DatabaseOptions
    @Flag(help: "Open the console with every change turned off (the title bar says so). On PostgreSQL its reads go to a standby when the address names one.") var readOnly = false

    /// With no subcommand: the console, on the sign-in screen.
    func run() throws {
        do {
            let context = try Context(database, readsFromStandby: readOnly)
            let demo = try DemoSeeder(roster: context.roster).credentials()
            try ConsoleLauncher.run(context: context, token: nil, demo: demo, readOnly: readOnly)
        } catch let error where !(error is CleanExit) {
            let code = Failure.report(error)
            if code != .success { throw code }
        }
    }

    static func main() {
        // Everything this process creates (database, -wal, -shm, key, sessions, exports) is the owner's alone.
        umask(0o077)
        // One malloc arena for every thread, set before any thread starts: glibc gives threads
        // their own arenas, and a console's background threads (its counts, the name order, the
        // pages read off the main thread) each kept memory the others could not reuse, about
        // 0.7 MB of every console's private memory. Roster's threads rarely allocate at once.
        mallopt(M_ARENA_MAX, 1)
        let arguments = LegacySpellings.rewritten(GlobalOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
        if let status = AuthorizedKeysCommand.fastPath(arguments) { Foundation.exit(status) }
        if let session = SSHSessionCommand.fastPath(arguments) {
            do {
                try SSHSessionCommand.serve(database: session.database, key: session.key)
            } catch {
                SSHSessionCommand.exit(withError: error)
            }
            SSHSessionCommand.exit()
        }
        main(arguments)
    }
}

/// Lets `--db` come before the subcommand (`roster --db x.sqlite users list`), as people type it:
/// ArgumentParser only reads a subcommand's own options, so move it after the subcommand path.
enum GlobalOptions {
    static func hoisted(_ arguments: [String]) -> [String] {
        guard let firstWord = arguments.firstIndex(where: { !$0.hasPrefix("-") && !isValue(at: $0, in: arguments) }) else {
            return arguments
        }
        var leading = Array(arguments[..<firstWord])
        var moved: [String] = []
        var i = 0
        while i < leading.count {
            if leading[i] == "--db", i + 1 < leading.count {
                moved += leading[i...(i + 1)]
                leading.removeSubrange(i...(i + 1))
            } else if leading[i].hasPrefix("--db=") {
                moved.append(leading.remove(at: i))
            } else {
                i += 1
            }
        }
        guard !moved.isEmpty else { return arguments }
        return leading + Array(arguments[firstWord...]) + moved
    }

    /// True when `word` is the value of a preceding `--db`.
    private static func isValue(at word: String, in arguments: [String]) -> Bool {
        guard let index = arguments.firstIndex(of: word), index > 0 else { return false }
        return arguments[index - 1] == "--db"
    }
}
