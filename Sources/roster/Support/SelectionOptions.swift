import ArgumentParser
import RosterCore

/// The filters `users list`, `users export` and bulk commands share; every one given must hold.
struct SelectionOptions: ParsableArguments {
    @Option(help: "Name or email contains this text (case-insensitive).") var filter: String?
    @Option(help: "Members of this organization (name or id).", completion: .custom(Completions.orgs)) var org: String?
    @Option(help: "This system role.") var role: SystemRole?
    @Option(help: "active or deactivated.") var status: AccountStatus?
    @Option(help: "This account kind.") var kind: AccountKind?
    @Flag(inversion: .prefixedNo, help: "Locked by an admin or after failed sign-ins (--no-locked: neither).") var locked: Bool?
    @Option(help: "MFA on or off.") var mfa: Switch?
    @Option(help: ArgumentHelp("No sign-in for this many days (never-used accounts count from creation).", valueName: "days"))
    var noSignInFor: Int?

    func validate() throws {
        // Nothing that can change how a terminal shows text: the filter is echoed and audited.
        if let filter, filter.unicodeScalars.contains(where: { [.control, .format].contains($0.properties.generalCategory) }) {
            throw ValidationError("--filter holds a control or formatting character; type the text you are looking for.")
        }
        if let days = noSignInFor, !(1...36_500).contains(days) {
            throw ValidationError("--no-sign-in-for takes a number of days from 1 to 36500.")
        }
    }

    /// True when a filter beyond `--filter` is given (the plain list has its own fast path for text).
    var narrowsBeyondText: Bool {
        org != nil || role != nil || status != nil || kind != nil || locked != nil || mfa != nil || noSignInFor != nil
    }

    /// The selection, with the org looked up as `actor` may see it.
    func selection(in roster: Roster, by actor: Actor) throws -> UserSelection {
        let orgID = try org.map { try roster.orgs.find($0, by: actor).id }
        return UserSelection(text: filter, org: orgID, role: role, status: status, kind: kind, locked: locked,
                             mfa: mfa?.isOn, noSignInForDays: noSignInFor)
    }
}
