import Foundation
import RosterConsole
import RosterCore
import RosterCurses
import RosterTerminal

/// Opens the full-screen console on a database, optionally already signed in (`token`:
/// a session the caller opened). Quitting ends the session row.
enum ConsoleLauncher {
    static func run(context: Context, token: String?, demo: DemoCredentials?) throws {
        let session = ConsoleSession(token: token)
        let environment = ConsoleEnvironment.live(context.roster, ip: context.ip, session: session)
        // However the console ends (q, Ctrl-C, SIGTERM, an error), its session row ends too.
        defer { environment.signOut() }
        let signedIn = try token.map { Operator(try context.roster.auth.actor(forToken: $0, ip: context.ip)) }
        SignalTrap.install()
        let terminal: CursesTerminal
        do {
            terminal = try CursesTerminal()
        } catch let problem as TerminalProblem {
            throw CLIError(problem.description)
        }
        defer { terminal.close() }
        let hint = demo.map { "Demo database: sign in as \($0.email) with password \($0.password)" }
        var state = ConsoleState(size: terminal.size, screen: .signIn(SignInState(email: demo?.email ?? "", demoHint: hint)),
                                 ascii: terminal.glyphs == .ascii)
        var effects: [Effect] = []
        if let signedIn {
            state.signedIn = signedIn
            effects = ConsoleReducer.startUsers(&state)
        }
        let runtime = ConsoleRuntime(state: state, terminal: terminal, environment: environment)
        runtime.start(effects)
        runtime.run { SignalTrap.pending != nil }
        terminal.close()
        if let signal = SignalTrap.pending {
            environment.signOut()
            exit(128 + signal)
        }
    }
}
