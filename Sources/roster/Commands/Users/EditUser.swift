import ArgumentParser
import RosterCore

struct EditUser: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a user's name, time zone or sign-in flags. The email can't change.")

    @OptionGroup var target: UserTarget
    @Option(name: .customLong("first"), help: "New first name.") var firstName: String?
    @Option(name: .customLong("last"), help: "New last name.") var lastName: String?
    @Option(help: "IANA time zone, such as Asia/Tokyo.") var timeZone: String?
    @Option(help: "Sign out after this many idle minutes (0 = system default).") var logOutAfter: Int?
    @Flag(inversion: .prefixedNo, help: "Require MFA enrollment at their next sign-in (--no-require-mfa: stop requiring it).")
    var requireMfa: Bool?
    @Flag(inversion: .prefixedNo, help: "Require them to accept the terms of service (--no-require-terms: stop requiring it).")
    var requireTerms: Bool?
    @Option(help: "Refuse the change if the user's version is no longer this (from `users show --json`).") var expectVersion: Int?

    func execute() throws {
        let change = ProfileChange(firstName: firstName, lastName: lastName, timeZone: timeZone, logOutAfterMinutes: logOutAfter,
                                   mfaEnrollmentRequired: requireMfa, termsAcceptanceRequired: requireTerms)
        guard change != ProfileChange() else { throw CLIError("Nothing to change: pass --first, --last, --time-zone, --log-out-after, --[no-]require-mfa or --[no-]require-terms.") }
        try target.perform { roster, actor, user in
            let updated = try roster.users.updateProfile(user.id, change, expectedVersion: expectVersion, by: actor)
            return "Updated \(updated.email)."
        }
    }
}
