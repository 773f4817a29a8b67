import ArgumentParser
import RosterCore

struct CreateUser: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create a user. Without --password-stdin a password is generated and shown once.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "Email; the login, unique and unchangeable.") var email: String
    @Option(name: .customLong("first"), help: "First name.") var firstName: String
    @Option(name: .customLong("last"), help: "Last name.") var lastName: String
    @Option(help: "System role. Default by kind.") var role: SystemRole?
    @Option(help: "Account kind (service: API-only, no password).") var kind = AccountKind.standard
    @Option(help: "Add the user to this organization (name or id). Org admins must name one of theirs.") var org: String?
    @Option(help: "Org role with --org.") var orgRole = OrgRole.member
    @Option(help: "IANA time zone, such as Europe/Paris.") var timeZone: String?
    @Flag(help: "Read the password from the first line of standard input instead of generating one.") var passwordStdin = false
    @Flag(help: "Mail the account info (login and a link to set a password, valid 24 hours) instead of generating a password.")
    var sendLink = false
    @Flag(help: "Don't require a password change at first sign-in.") var noPasswordChange = false
    @Flag(help: "Don't require terms of service acceptance.") var noTerms = false
    @Flag(help: "Require MFA enrollment at next sign-in.") var requireMfa = false
    @Flag(help: "Create the account deactivated.") var inactive = false
    @Flag(help: "Print JSON.") var json = false

    func execute() throws {
        if passwordStdin, kind == .service { throw CLIError("API service accounts have no password; drop --password-stdin.") }
        if sendLink, passwordStdin || kind == .service {
            throw CLIError("--send-link is for accounts that set their own password; drop it, or --password-stdin.")
        }
        let password: NewUser.Password = passwordStdin ? .typed(try Prompt.stdinLine())
            : sendLink ? .accountInfoLink : (kind == .service ? .none : .generated)
        let context = try Context(database)
        let actor = try context.actor()
        let orgID = try org.map { try context.roster.orgs.find($0, by: actor).id }
        let input = NewUser(
            email: email, firstName: firstName, lastName: lastName, kind: kind, systemRole: role,
            status: inactive ? .deactivated : .active, password: password, passwordChangeRequired: !noPasswordChange,
            mfaEnrollmentRequired: requireMfa, termsAcceptanceRequired: noTerms ? false : nil, timeZone: timeZone,
            org: orgID, orgRole: orgRole)
        let created = try context.roster.users.create(input, by: actor)
        if json {
            struct Created: Encodable { var user: UserDetailJSON; var generatedPassword: String? }
            let profile = try context.roster.users.profile(created.user.id, by: actor)
            try Output.json(Created(user: UserDetailJSON(profile), generatedPassword: created.generatedPassword))
            return
        }
        Output.line("Created \(created.user.email) (id \(created.user.id), \(created.user.systemRole.title)).")
        if let generated = created.generatedPassword {
            Output.line("Password: \(generated)")
            Output.line("Shown once. \(created.user.passwordChangeRequired ? "It must be changed at first sign-in." : "")")
        }
        if sendLink { Output.line("Account info with a set-password link queued in the outbox (roster mail list).") }
    }
}
