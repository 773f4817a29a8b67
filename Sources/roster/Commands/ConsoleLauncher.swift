import ArgumentParser
import CMalloc
import Foundation
import RosterConsole
import RosterCore
import RosterCurses
import RosterTerminal

/// Opens the full-screen console on a database, optionally already signed in (`token`:
/// a session the caller opened). Quitting ends the session row.
enum ConsoleLauncher {
    /// `closesWithSession`: over SSH, where the key chose the account, the console closes when
    /// its session ends instead of returning to the sign-in screen.
    static func run(context: Context, token: String?, demo: DemoCredentials?, closesWithSession: Bool = false, readOnly: Bool = false) throws {
        let session = ConsoleSession(token: token)
        var environment = ConsoleEnvironment.live(context.roster, ip: context.ip, session: session,
                                                  timeZone: CommandEnvironment.current.timeZone, database: context.databaseName)
        if readOnly { environment.makeReadOnly() }
        if closesWithSession {
            // Over SSH, files on the server are neither read nor written with the service
            // account's rights, in the console as in commands (OutputFile, InputFile).
            environment.readAvatar = { _ in
                throw CLIError("Over SSH, files on the server are not read: run ssh roster@HOST users set-avatar EMAIL - < picture.png")
            }
            environment.exportUsers = { _, _ in
                throw CLIError("Over SSH, files on the server are not written: run ssh roster@HOST users export … > users.csv")
            }
        }
        // However the console ends (q, Ctrl-C, SIGTERM, an error), its session row ends too.
        defer { environment.signOut() }
        let signedIn = try token.map { token in
            let actor = try context.roster.auth.actor(forToken: token, ip: context.ip)
            return Operator(actor, pendingSteps: try context.roster.auth.pendingSteps(by: actor))
        }
        // A bad config file is said in one line before the terminal is touched.
        let config = try ConsoleConfig.load()
        KeyRebinding.install(config.keys)
        var terminalEnvironment = ProcessInfo.processInfo.environment
        if config.theme == .monochrome { terminalEnvironment["NO_COLOR"] = "1" }
        SignalTrap.install()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal(environment: terminalEnvironment)
        } catch let problem as TerminalProblem {
            throw CLIError(problem.description)
        }
        defer { terminal.close() }
        let hint = demo.map { "Demo database: sign in as \($0.email) with password \($0.password)" }
        var state = ConsoleState(size: terminal.size, screen: .signIn(SignInState(email: demo?.email ?? "", demoHint: hint)),
                                 ascii: terminal.glyphs == .ascii)
        state.closesWithSession = closesWithSession
        state.readOnly = readOnly
        var effects: [Effect] = []
        if let signedIn {
            // As after typing a password: a pending step first, else the users table.
            effects = ConsoleReducer.reduce(&state, .signedIn(.success(signedIn)))
        }
        let runtime = ConsoleRuntime(state: state, terminal: terminal, environment: environment)
        // Freed heap back to the system while the console waits on a person: glibc keeps what
        // a filter's pages and counts freed for reuse, a few hundred KB of every idle console.
        runtime.whenQuiet = { malloc_trim(0) }
        runtime.start(effects)
        runtime.run { SignalTrap.pending != nil }
        terminal.close()
        if let farewell = runtime.state.farewell {
            // Closed because the session ended (key removed, account deactivated, idle): as
            // for a refused sign-in, so `ssh` reports it to whoever scripted the connection.
            Output.line(farewell)
            throw ExitCode(4)
        }
        if let signal = SignalTrap.pending {
            environment.signOut()
            exit(128 + signal)
        }
    }
}
