import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Secrets shown once, links mailed, and the API key form", .serialized)
struct SecretConsoleTests {
    @Test("T gives a temporary password after a confirmation, shows it once, and it works; closed, it is gone from the state")
    func temporaryPassword() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("T")
        #expect(h.users.drawer?.dialog?.focus == .cancel)
        h.press(.tab, .enter)
        let secret = try #require(h.users.drawer?.secret)
        #expect(h.screen().text.contains(secret.secret))
        #expect(h.screen().text.contains("Copy it now"))
        // The password is real: it signs in, and must be changed.
        let signIn = try h.roster.auth.signIn(email: row.email.value, password: secret.secret, ip: nil, client: "test")
        #expect(!signIn.token.isEmpty)
        #expect(try h.roster.users.profile(row.id, by: .system("test")).passwordChangeRequired)
        // Keys other than closing do nothing while it is shown (no accidental quit with q).
        h.press("q")
        #expect(!h.state.quitting && h.users.drawer?.secret != nil)
        h.press(.enter)
        #expect(h.users.drawer?.secret == nil)
        #expect(!h.screen().text.contains(secret.secret))
        #expect(!"\(h.state)".contains(secret.secret), "nothing keeps the secret once closed")
        #expect(h.users.drawer?.notice == "Closed; it can't be shown again.")
    }

    @Test("W mails a reset link: queued in the outbox, said on the status line, audited")
    func resetLink() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("W", .tab, .enter)
        #expect(h.users.drawer?.notice?.hasPrefix("Reset link for \(row.email.value) queued") == true, "\(String(describing: h.users.drawer?.notice))")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "password.reset-link")
    }

    @Test("K opens the API key form: problems show beside the fields and Enter sends nothing until they are fixed")
    func apiKeyFormValidates() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        let before = try h.roster.apiKeys.keys(of: row.id, by: .system("test")).count
        h.press("K")
        let form = try #require(h.users.drawer?.form)
        #expect(form.fields.first?.problem == "Give the key a name.")
        h.press(.tab, .tab)
        h.type("ten")
        #expect(h.users.drawer?.form?.fields[2].problem == "A whole number of days, 0 to 3650.")
        h.press(.enter)
        #expect(h.users.drawer?.form?.refusedSubmit == true && h.users.drawer?.form?.focus == 0, "back to the first problem")
        try assertGolden(h.screen().text, named: "form-api-key-errors-80x24")
        #expect(try h.roster.apiKeys.keys(of: row.id, by: .system("test")).count == before)
        // Ctrl-C cancels the form, not the console.
        h.press(.control("c"))
        #expect(h.users.drawer?.form == nil && !h.state.quitting)
    }

    @Test("a new API key: form, confirmation, the key shown once; it authenticates as the user with the chosen scope")
    func apiKeyShownOnce() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("K")
        h.type("billing sync")
        h.press(.tab, .right, .tab)
        h.type("30")
        h.press(.enter)
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.joined().contains("read-write API key “billing sync”"), "\(dialog.message)")
        #expect(dialog.message.joined().contains("expiring in 30 days"))
        h.press(.tab, .enter)
        let secret = try #require(h.users.drawer?.secret)
        #expect(secret.secret.hasPrefix("rst_"))
        try assertGolden(h.screen().text.replacingOccurrences(of: secret.secret, with: "rst_<secret>"), named: "secret-api-key-80x24")
        let actor = try h.roster.apiKeys.authenticate(secret.secret, ip: nil)
        #expect(actor.label.contains(row.email.value) || "\(actor.identity)".contains(row.email.value))
        let stored = try #require(try h.roster.apiKeys.keys(of: row.id, by: .system("test")).first { $0.name == "billing sync" })
        #expect(stored.scope == .readWrite)
        h.press(.escape)
        #expect(h.users.drawer?.secret == nil)
    }

    @Test("on one's own account the password and key actions say why not, without a dialog or form")
    func ownAccount() throws {
        var h = try PaletteConsoleTests.drawerOnSelf()
        h.press("T")
        #expect(h.users.drawer?.dialog == nil && h.users.drawer?.noticeRefused == true)
    }

    @Test("V revokes one API key chosen from a list, after a confirmation; S ends one session; none says so")
    func revokeOneKeyEndOneSession() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("V")
        #expect(h.users.drawer?.notice == "They have no API key in use.")
        let created = try h.roster.apiKeys.create(for: row.id, name: "nightly export", scope: .read, expiresInDays: 30, by: .system("test"))
        h.press("r", "V")
        #expect(h.users.drawer?.itemPicker?.items.first?.label.hasPrefix("nightly export") == true)
        h.press(.enter)
        #expect(h.users.drawer?.dialog?.title == "Revoke API key")
        h.press(.tab, .enter)
        #expect(h.users.drawer?.notice == "Revoked the API key “nightly export” (\(created.key.prefix)).")
        #expect(throws: RosterError.apiKeyInvalid) { try h.roster.apiKeys.authenticate(created.secret, ip: nil) }
        // A session to end: Liam signs in with a temporary password.
        let password = try h.roster.passwords.setTemporaryPassword(row.id, by: .system("test"))
        let signIn = try h.roster.auth.signIn(email: row.email.value, password: password, ip: "198.51.100.9", client: "laptop")
        h.press("r", "S")
        #expect(h.users.drawer?.itemPicker?.items.first?.label == "laptop from 198.51.100.9")
        h.press(.enter, .tab, .enter)
        #expect(h.users.drawer?.notice == "Ended that session; they are signed out there.")
        #expect(throws: RosterError.sessionEnded(.ended)) { try h.roster.auth.actor(forToken: signIn.token, ip: "198.51.100.9") }
    }
}

