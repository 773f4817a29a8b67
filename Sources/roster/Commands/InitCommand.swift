import ArgumentParser
import RosterCore

struct InitCommand: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database and its first administrator; prints the generated password once.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Email of the first administrator (the login).") var email: String?
    @Option(name: .customLong("first"), help: "First name.") var firstName: String?
    @Option(name: .customLong("last"), help: "Last name.") var lastName: String?
    @Option(help: ArgumentHelp("Register this SSH public key (a .pub file) for the administrator, to connect through OpenSSH (`roster ssh setup`).",
                               valueName: "file")) var sshKey: String?
    @Option(help: ArgumentHelp("The changes a second person must approve (the setting approval.required-for): all by default; "
                               + "`none` for a team with one administrator, who could never approve their own.", valueName: "list"))
    var approvalRequiredFor: String?

    func execute() throws {
        // Ask for what's missing before touching the disk, so a refusal leaves nothing behind.
        let email = try self.email ?? Prompt.line("Email", orFlag: "--email")
        _ = try Email(email)
        let first = try firstName ?? Prompt.line("First name", orFlag: "--first")
        let last = try lastName ?? Prompt.line("Last name", orFlag: "--last")
        let keyLine = try sshKey.map { try InputFile.text($0, limit: 20_000, what: "public key") }
        if let keyLine { _ = try SSHPublicKey(line: keyLine) }
        if let approvalRequiredFor {
            var settings = SystemSettings()
            try SettingKey.approvalRequiredFor.apply(approvalRequiredFor, to: &settings)
        }
        let context = try Context(database, create: true)
        try KeyFile.create(at: context.keyFile, randomBytes: context.roster.environment.randomBytes)
        let created = try context.roster.bootstrap.initialize(email: email, firstName: first, lastName: last, ip: context.ip)
        Output.line("Created \(context.databaseName)")
        Output.line("Key file \(context.keyFile) seals MFA secrets: back it up with the database, separately.")
        Output.line("Administrator: \(created.user.email)")
        if let approvalRequiredFor {
            let settings = try context.roster.settings.set(.approvalRequiredFor, to: approvalRequiredFor, by: .system("init", ip: context.ip))
            let kinds = SettingKey.approvalRequiredFor.value(in: settings)
            Output.line("Approvals:     \(kinds.isEmpty ? "none (one person may make every change)" : kinds)")
        }
        if let keyLine {
            let key = try context.roster.sshKeys.add(keyLine, to: created.user.id, by: .system("init", ip: context.ip))
            Output.line("SSH key:       \(key.typeLabel) \(key.fingerprint)")
        }
        if let password = created.generatedPassword {
            Output.line("Password:      \(password)")
            Output.line("This password is shown once and must be changed at first sign-in. Next: roster login --email \(created.user.email)")
        }
    }
}
