import Foundation
import RosterText

/// The texts Roster mails. Plain, short, and explicit about what to do and until when.
enum MailTemplates {
    static func resetLink(to user: User, token: String, expires: Date) -> (subject: String, body: String) {
        ("Reset your Roster password", """
        Hello \(TextSanitizer.sanitize(user.fullName)),

        An administrator asked for your Roster password to be reset.
        Choose a new password by running `roster auth redeem`
        and pasting this token when it asks:

            \(token)

        This works once and expires at \(iso(expires)) UTC.
        If you did not expect this, tell your administrator.
        """)
    }

    static func accountInfo(to user: User, token: String, expires: Date) -> (subject: String, body: String) {
        ("Your Roster account", """
        Hello \(TextSanitizer.sanitize(user.fullName)),

        An account was created for you.
        Login: \(user.email.value)

        Set your password by running `roster auth redeem`
        and pasting this token when it asks:

            \(token)

        This works once and expires at \(iso(expires)) UTC.
        """)
    }

    /// "2026-11-25 14:05" in UTC, by integer arithmetic (`ZoneRules`), not a `Calendar` or a
    /// `DateFormatter` (ICU's): an import of 100,000 users mails 100,000 expiry times, and a
    /// sign-in that locks an account mails one from the console.
    static func iso(_ date: Date) -> String {
        ZoneRules.utc.local(date).minute16
    }
}
