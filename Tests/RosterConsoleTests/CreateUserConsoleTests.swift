import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Creating a user from the console", .serialized)
struct CreateUserConsoleTests {
    /// Types into the focused field of the create form, then moves on.
    func fill(_ h: inout Harness, _ text: String) {
        h.type(text)
        h.press(.tab)
    }

    @Test("n opens a clean form; problems show beside a field once it is typed in, and a submit shows them all, sending nothing")
    func validatesAsTyped() throws {
        var h = try Harness()
        h.press("n")
        let form = try #require(h.users.creating?.form)
        #expect(!form.isValid)
        #expect(!h.screen().text.contains("Required."), "a fresh form is not a page of red")
        h.type("not-an-email")
        #expect(h.screen().text.contains("email"), "the email's problem shows as it is typed")
        #expect(h.users.creating?.form.fields[0].problem != nil)
        h.press(.enter)
        #expect(h.users.creating?.form.refusedSubmit == true)
        #expect(h.screen().text.contains("Required."))
        try assertGolden(h.screen().text, named: "form-create-user-errors-80x24")
        #expect(h.users.creating?.phase == .form, "nothing was sent")
        h.press(.escape)
        #expect(h.users.creating == nil)
    }

    @Test("a role above the operator's is said at once, from Policy, beside the field")
    func roleAboveRefused() throws {
        var h = try Harness()
        // An accounts admin may not grant Operations admin.
        h.press("n")
        var options = try #require(h.users.creating?.options)
        options.actor.systemRole = .accountsAdmin
        var form = CreateUserState(options: options).form
        guard case .choice(let roles, _) = form.fields[4].value, let operations = roles.firstIndex(of: SystemRole.operationsAdmin.title) else {
            Issue.record("no role field"); return
        }
        form.fields[4].value = .choice(roles, index: operations)
        CreateUserForm.validate(&form, options)
        #expect(form.fields[4].problem == Denial.cannotGrantAbove(.operationsAdmin).message)
    }

    @Test("created with a generated password: confirmed, shown once, the user signs in with it; audited")
    func createsWithGeneratedPassword() throws {
        var h = try Harness()
        h.press("n")
        fill(&h, "new.person@demo.example")
        fill(&h, "New")
        fill(&h, "Person")
        h.press(.enter)
        guard case .confirming(let dialog) = h.users.creating?.phase else { Issue.record("no confirmation"); return }
        #expect(dialog.message.joined(separator: " ").contains("Create New Person <new.person@demo.example> as Standard user"), "\(dialog.message)")
        #expect(dialog.focus == .cancel)
        h.press(.tab, .enter)
        guard case .created(let secret) = h.users.creating?.phase else { Issue.record("no password shown"); return }
        #expect(h.screen().text.contains(secret.secret))
        let signIn = try h.roster.auth.signIn(email: "new.person@demo.example", password: secret.secret, ip: nil, client: "test")
        #expect(!signIn.token.isEmpty)
        #expect(try h.roster.audit.recent(limit: 5, by: .system("test")).contains { $0.action == "user.create" && $0.target == "new.person@demo.example" })
        h.press(.enter)
        #expect(h.users.creating == nil && h.users.notice == "Closed; the password can't be shown again.")
    }

    @Test("a set-password link instead: the account info is queued in the same step, and no password is shown")
    func createsWithLink() throws {
        var h = try Harness()
        h.press("n")
        fill(&h, "linked@demo.example")
        fill(&h, "Lin")
        fill(&h, "Ked")
        // Kind, role, org, org role: as offered; the password choice: the link.
        h.press(.tab, .tab, .tab, .tab, .right, .enter, .tab, .enter)
        #expect(h.users.creating == nil)
        #expect(h.users.notice?.contains("set-password link queued") == true, "\(String(describing: h.users.notice))")
        let mail = try h.roster.mail.recent(by: .system("test"))
        #expect(mail.contains { $0.recipient == "linked@demo.example" })
    }

    @Test("a duplicate email is refused by the service; the form stays with everything typed and says why")
    func duplicateKeepsForm() throws {
        var h = try Harness()
        h.press("n")
        fill(&h, "admin@demo.example")
        fill(&h, "Twin")
        fill(&h, "Admin")
        h.press(.enter, .tab, .enter)
        #expect(h.users.creating?.phase == .form)
        #expect(h.users.creating?.form.text("first") == "Twin")
        #expect(h.users.creating?.form.error?.contains("admin@demo.example") == true, "\(String(describing: h.users.creating?.form.error))")
    }

    @Test("a typed password is checked against the policy as it is typed, and never drawn")
    func typedPasswordChecked() throws {
        var h = try Harness()
        h.press("n")
        fill(&h, "typed@demo.example")
        fill(&h, "Ty")
        fill(&h, "Ped")
        h.press(.tab, .tab, .tab, .tab, .right, .right, .tab)
        h.type("password1234")
        #expect(h.users.creating?.form.fields[8].problem != nil)
        #expect(!h.screen().text.contains("password1234"))
        h.press(.control("u"))
        h.type("quiet meadow under snow")
        #expect(h.users.creating?.form.fields[8].problem == nil)
    }
}

