import Foundation
import RosterCore

/// The edit-profile form, filled with the profile as read; only what changed is sent.
enum ProfileForm {
    static func form(_ profile: UserProfile) -> FormState {
        var form = FormState(title: "Edit \(profile.fullName)", fields: [
            .init(id: "first", label: "First name", value: .text(profile.firstName), hint: "As the person writes it."),
            .init(id: "last", label: "Last name", value: .text(profile.lastName), hint: "As the person writes it."),
            .init(id: "timeZone", label: "Time zone", value: .text(profile.timeZone ?? ""),
                  hint: "An IANA name such as Europe/Paris; empty uses the server's."),
            .init(id: "logOut", label: "Log out after", value: .text(profile.logOutAfterMinutes.map(String.init) ?? ""),
                  hint: "Idle minutes before sign-out; empty: the system's limit. Never longer than it."),
            .init(id: "mfa", label: "Require MFA", value: .choice(["no", "yes"], index: profile.mfaEnrollmentRequired ? 1 : 0),
                  hint: "Ask them to enroll at next sign-in."),
        ])
        validate(&form, profile)
        return form
    }

    static func validate(_ form: inout FormState, _ profile: UserProfile) {
        for id in ["first", "last"] {
            let name = form.text(id).trimmingCharacters(in: .whitespaces)
            form.setProblem(id, name.isEmpty ? "Required." : name.count > 100 ? "100 characters at most." : nil)
        }
        let zone = form.text("timeZone").trimmingCharacters(in: .whitespaces)
        form.setProblem("timeZone", zone.isEmpty
            ? (profile.timeZone == nil ? nil : "A time zone can't be cleared here; type one (such as UTC).")
            : ZoneRules.named(zone) == nil ? "Not a time zone name; try Europe/Paris or America/New_York." : nil)
        let minutes = form.text("logOut").trimmingCharacters(in: .whitespaces)
        form.setProblem("logOut", minutes.isEmpty || Int(minutes).map { (1...10080).contains($0) } == true
            ? nil : "Whole minutes, 1 to 10080, or empty for the system's limit.")
    }

    /// What changed, as the service takes it; nil when nothing did.
    static func change(_ form: FormState, _ profile: UserProfile) -> ProfileChange? {
        var change = ProfileChange()
        let first = form.text("first").trimmingCharacters(in: .whitespaces)
        let last = form.text("last").trimmingCharacters(in: .whitespaces)
        let zone = form.text("timeZone").trimmingCharacters(in: .whitespaces)
        let minutes = Int(form.text("logOut").trimmingCharacters(in: .whitespaces))
        if first != profile.firstName { change.firstName = first }
        if last != profile.lastName { change.lastName = last }
        if !zone.isEmpty, zone != profile.timeZone { change.timeZone = zone }
        if minutes != profile.logOutAfterMinutes { change.logOutAfterMinutes = minutes ?? 0 }
        let mfa = form.choice("mfa") == 1
        if mfa != profile.mfaEnrollmentRequired { change.mfaEnrollmentRequired = mfa }
        return change == ProfileChange() ? nil : change
    }

    /// The confirmation: each change, from and to.
    static func confirmation(_ change: ProfileChange, _ profile: UserProfile) -> ConfirmDialog<UserConfirmation> {
        var lines: [String] = []
        if let first = change.firstName { lines.append("First name: \(profile.firstName) → \(first)") }
        if let last = change.lastName { lines.append("Last name: \(profile.lastName) → \(last)") }
        if let zone = change.timeZone { lines.append("Time zone: \(profile.timeZone ?? "the server's") → \(zone)") }
        if let minutes = change.logOutAfterMinutes {
            lines.append("Log out after: \(profile.logOutAfterMinutes.map { "\($0) min" } ?? "the system's limit") → "
                + (minutes == 0 ? "the system's limit" : "\(minutes) min"))
        }
        if let mfa = change.mfaEnrollmentRequired { lines.append("Require MFA: \(mfa ? "yes" : "no")") }
        return ConfirmDialog(.edit(.profile(change), profile.id, expectedVersion: profile.version), title: "Save profile",
                             message: ["Save these changes to \(profile.fullName) (\(profile.email))?", ""] + lines, confirmLabel: "Save")
    }
}
