import Foundation
import RosterConsole
import RosterCore
import RosterCurses
import RosterTerminal

/// Opens the full-screen console on a database, optionally already signed in.
enum ConsoleLauncher {
    static func run(context: Context, signedIn: Operator?, demo: DemoCredentials?) throws {
        let environment = ConsoleEnvironment.live(context.roster, ip: context.ip)
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
        if let signal = SignalTrap.pending { exit(128 + signal) }
    }
}
