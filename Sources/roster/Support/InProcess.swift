import ArgumentParser

/// Runs a command line in this process as `main` would (the same rewriting, parsing, messages
/// and exit codes) but in `environment` and without exiting: how most CLI tests run commands.
enum InProcess {
    static func run(_ arguments: [String], in environment: CommandEnvironment) -> Int32 {
        CommandEnvironment.$current.withValue(environment) {
            do {
                var command = try RosterCLI.parseAsRoot(LegacySpellings.rewritten(GlobalOptions.hoisted(arguments)))
                try command.run()
                return 0
            } catch {
                let code = RosterCLI.exitCode(for: error)
                let message = RosterCLI.fullMessage(for: error)
                if !message.isEmpty { environment.write(message + "\n", to: code == .success ? .output : .error) }
                return code.rawValue
            }
        }
    }
}
