import ArgumentParser
import Foundation
import RosterCore

/// `roster ssh session --key ID`: the forced command sshd runs for a registered key.
///
/// With a terminal and no command, the console, signed in as the key's account. With
/// `SSH_ORIGINAL_COMMAND` (`ssh roster@host users list --json`), that one command, parsed by
/// the CLI's own parser with no shell, acting as the key's account. Either way the session row
/// says "ssh" and carries the address sshd set and the key's fingerprint.
struct SSHSessionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "session",
        abstract: "The forced command for a registered SSH key: the console, or the command the client asked for.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The registered key's id, as `ssh authorized-keys` wrote it.") var key: Int64

    static let usage = """
        This is Roster over SSH. Open the console with a terminal:  ssh -t USER@HOST
        or run one command:  ssh USER@HOST users list --json   (ssh USER@HOST help lists them)
        """

    /// What the forced command keeps of its environment: what sshd sets, and the terminal's
    /// type. A client may send more (Debian's sshd accepts LANG and LC_*, and glibc would parse
    /// a locale file named by path); nothing a client sends may steer roster.
    static let keptEnvironment: Set<String> = [
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "MAIL", "TERM",
        "SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY", "SSH_ORIGINAL_COMMAND",
    ]

    /// A locale's name ("de_DE.UTF-8"), never a path: 1 to 40 of `A-Za-z0-9_.@-`.
    static func isLocaleName(_ value: String) -> Bool {
        (1...40).contains(value.utf8.count)
            && value.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || "_.@-".utf8.contains(byte)
            }
    }

    func run() throws {
        try Self.serve(database: database, key: key)
    }

    /// The forced command exactly as `ssh authorized-keys` writes it (`--db PATH ssh session
    /// --key ID`, after `GlobalOptions.hoisted`), so `main` can serve it without ArgumentParser
    /// building its command tree: about a tenth of the CPU a console's opening over SSH costs.
    /// Any other spelling is nil and goes through the parser as before.
    static func fastPath(_ arguments: [String]) -> (database: DatabaseOptions, key: Int64)? {
        guard arguments.count == 6, arguments[0] == "ssh", arguments[1] == "session", arguments[2] == "--key",
              arguments[3].utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }), let key = Int64(arguments[3]),
              arguments[4] == "--db", !arguments[5].isEmpty, !arguments[5].hasPrefix("-") else { return nil }
        return (DatabaseOptions(path: arguments[5]), key)
    }

    /// What `run` does, for the parsed command and for `fastPath` alike.
    static func serve(database: DatabaseOptions, key: Int64) throws {
        // A file path made absolute, or the PostgreSQL address as sshd's forced command gave it.
        let path = try database.resolvedAddress().description
        for (name, value) in ProcessInfo.processInfo.environment where !Self.keptEnvironment.contains(name) {
            // A locale by name ("de_DE.UTF-8") is the client's terminal talking; by path it is not.
            let locale = name == "LANG" || name.hasPrefix("LC_")
            if !locale || !Self.isLocaleName(value) { unsetenv(name) }
        }
        if getenv("LANG") == nil { setenv("LANG", "C.UTF-8", 1) }
        let database = DatabaseOptions(path: path)
        let requested = ProcessInfo.processInfo.environment["SSH_ORIGINAL_COMMAND"] ?? ""
        if !requested.trimmingCharacters(in: .whitespaces).isEmpty {
            try runCommand(requested, database: database, key: key)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandle.standardError.write(Data((Self.usage + "\n").utf8))
            throw ExitCode(64)
        }
        do {
            let context = try Context(database)
            let signIn = try Self.signIn(context, key: key, client: .console)
            try ConsoleLauncher.run(context: context, token: signIn.token, demo: nil, closesWithSession: true)
        } catch let error where !(error is ExitCode) {
            let code = Failure.report(error)
            if code != .success { throw code }
        }
    }

    /// Runs one command line as the key's account, then ends its session; never returns.
    private static func runCommand(_ line: String, database: DatabaseOptions, key: Int64) throws -> Never {
        let words: [String]
        do {
            words = try RemoteCommandLine.words(line)
            try RemoteCommandLine.check(words)
        } catch let refusal as RemoteCommandLine.Refusal {
            Output.error(refusal.description)
            // Every refused attempt is on the record, with the key it came in with.
            try? Context(database).roster.auth.recordRefusedSSHRequest(key: key, reason: refusal.description, ip: Roster.operatorIP())
            SSHSessionCommand.exit(withError: ExitCode(64))
        }
        let context: Context
        let token: String
        do {
            context = try Context(database)
            token = try Self.signIn(context, key: key, client: .command).token
        } catch {
            SSHSessionCommand.exit(withError: Failure.report(error))
        }
        let roster = context.roster, ip = context.ip
        RemoteSession.begin(token) { reason in try? roster.auth.recordRefusedSSHRequest(key: key, reason: reason, ip: ip) }
        // The inner command opens the same file; nothing from the connection may change which.
        setenv("ROSTER_DB", context.databaseName, 1)
        func runOnce() -> (any Error)? {
            do {
                var command = try RosterCLI.parseAsRoot(LegacySpellings.rewritten(words))
                try command.run()
                return nil
            } catch {
                return error
            }
        }
        var failure = runOnce()
        if let denial = failure as? Denial, denial.asksToConfirm {
            // A key alone doesn't confirm it's you: ask on the terminal, then run the command again.
            if let refused = Self.confirm(context, token: token) {
                failure = Failure.report(refused)
            } else {
                // Said, because a command that read its input will wait for it again.
                FileHandle.standardError.write(Data("Confirmed. Running the command again.\n".utf8))
                failure = runOnce()
            }
        }
        try? context.roster.auth.signOut(token: token)
        RosterCLI.exit(withError: failure)
    }

    /// Signs in with the key, asking on the terminal for what else the account needs.
    static func signIn(_ context: Context, key: Int64, client: SSHClient) throws -> SignIn {
        let auth = context.roster.auth
        switch try auth.sshSecondStep(forKey: key) {
        case nil:
            return try auth.signIn(sshKey: key, ip: context.ip, client: client)
        case .code:
            var attempts = 0
            while true {
                let code = try Self.ask("Authenticator code (or a recovery code)")
                do {
                    return try auth.signIn(sshKey: key, code: code, ip: context.ip, client: client)
                } catch RosterError.invalidCode where attempts < 2 {
                    attempts += 1
                    FileHandle.standardError.write(Data("That code is not valid; try the next one.\n".utf8))
                }
            }
        case .password:
            return try auth.signIn(sshKey: key, password: try Self.ask("Password"), ip: context.ip, client: client)
        }
    }

    /// Sudo mode over SSH: the password (or the code, with MFA) asked on the terminal; nil
    /// when confirmed, else why not. Without a terminal (`ssh` without `-t`) it can't ask.
    private static func confirm(_ context: Context, token: String) -> (any Error)? {
        do {
            let auth = context.roster.auth
            guard let factor = try auth.confirmationFactor(token: token) else { return RosterError.sessionExpired }
            switch factor {
            case .code:
                _ = try auth.reauthenticate(token: token, password: nil, code: try ask("Confirm it's you: authenticator code (or a recovery code)"),
                                            ip: context.ip)
            case .password:
                _ = try auth.reauthenticate(token: token, password: try ask("Confirm it's you: password"), code: nil, ip: context.ip)
            }
            return nil
        } catch is SSHSignInNeedsTerminal {
            return SSHConfirmationNeedsTerminal()
        } catch {
            return error
        }
    }

    private static func ask(_ label: String) throws -> String {
        let terminal = open("/dev/tty", O_RDWR)
        guard terminal >= 0 else { throw SSHSignInNeedsTerminal() }
        close(terminal)
        return try Prompt.secret(label)
    }
}

/// A sensitive command over SSH must be confirmed with the password or code, and there is no terminal to ask on.
struct SSHConfirmationNeedsTerminal: HumanReadableError {
    var message: String {
        "This command changes credentials or grants power, so it needs your password (or code) as well as your key: "
            + "run it again with `ssh -t` so roster can ask for it. Nothing was changed."
    }
}

/// The account needs a code or password and there is no terminal to ask on.
struct SSHSignInNeedsTerminal: HumanReadableError {
    var message: String {
        "This account must give a code or password as well as its key: connect with `ssh -t` so roster can ask for it."
    }
}
