import ArgumentParser
import Foundation
import RosterConsole
import RosterCore

struct DemoCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Create (or reuse) a demo database and open the console on it, signed in as its administrator.",
        discussion: "The demo database is --db PATH, else $XDG_DATA_HOME/roster/demo.sqlite; ROSTER_DB is not used, "
            + "so a demo never lands in the real database. Bulk demo users have no password; only the demo administrator signs in.")

    // The same option group as the root command's, so `--db` lands here wherever it is typed.
    // ROSTER_DB is deliberately ignored: a demo must never be seeded into the real database.
    @OptionGroup var database: DatabaseOptions
    @Option(help: "How many demo users to create (a new database only).") var users = 2000
    @Flag(help: "Create the database and exit without opening the console.") var noConsole = false

    func validate() throws {
        guard (0...5_000_000).contains(users) else { throw ValidationError("--users must be between 0 and 5,000,000.") }
    }

    func execute() throws {
        var options = DatabaseOptions()
        options.path = database.path ?? DatabaseOptions.dataHome() + "/roster/demo.sqlite"
        let existed = FileManager.default.fileExists(atPath: options.resolvedPath())
        let context = try Context(options, create: true)
        try KeyFile.create(at: context.keyFile, randomBytes: context.roster.environment.randomBytes)
        let seeder = DemoSeeder(roster: context.roster)
        let credentials: DemoCredentials
        if let stored = try seeder.credentials() {
            credentials = stored
            if !existed || noConsole { Output.line("Reusing the demo database \(context.databaseName).") }
        } else {
            if existed, try context.roster.users.count(matching: nil, by: .system("demo")) > 0 {
                throw CLIError("\(context.databaseName) is not a demo database; choose another path with --db.")
            }
            let start = Date()
            CommandEnvironment.current.write("Creating a demo database with \(Formatting.count(users)) users…\n", to: .error)
            credentials = try seeder.seed(users: users) { written in
                if written % 200_000 == 0 { CommandEnvironment.current.write("  \(Formatting.count(written))\n", to: .error) }
            }
            CommandEnvironment.current.write(String(format: "Done in %.1f s: %@\n", Date().timeIntervalSince(start), context.databaseName), to: .error)
        }
        if noConsole {
            Output.line("Demo administrator: \(credentials.email) / \(credentials.password)")
            return
        }
        let signIn = try context.roster.auth.signIn(email: credentials.email, password: credentials.password, ip: context.ip, client: "roster-demo")
        try ConsoleLauncher.run(context: context, token: signIn.token, demo: credentials)
    }
}
