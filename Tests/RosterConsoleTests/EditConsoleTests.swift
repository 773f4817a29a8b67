import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Editing a profile and a system role from the drawer", .serialized)
struct EditConsoleTests {
    @Test("e opens the profile filled in; the confirmation lists each change; saved through the service, audited")
    func editProfile() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("e")
        let form = try #require(h.users.drawer?.form)
        #expect(form.text("first") == "Liam" && form.title == "Edit Liam Tanaka")
        h.press(.control("u"))
        h.type("Liana")
        h.press(.tab, .tab)
        h.type("Europe/Pariss")
        #expect(h.users.drawer?.form?.fields[2].problem?.hasPrefix("Not a time zone name") == true)
        h.press(.backspace, .enter)
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.contains("First name: Liam → Liana"))
        #expect(dialog.message.contains("Time zone: the server's → Europe/Paris"), "\(dialog.message)")
        try assertGolden(h.screen().text, named: "dialog-profile-80x24")
        h.press(.tab, .enter)
        let stored = try h.roster.users.profile(row.id, by: .system("test"))
        #expect(stored.firstName == "Liana" && stored.timeZone == "Europe/Paris")
        #expect(h.users.drawer?.notice == "Saved the profile of \(row.email.value).")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "user.update")
    }

    @Test("saving with nothing changed writes nothing and says so")
    func nothingChanged() throws {
        var (h, _) = try DialogConsoleTests.drawerOnTanaka()
        let audits = try h.roster.audit.recent(limit: 1, by: .system("test")).first?.id
        h.press("e", .enter)
        #expect(h.users.drawer?.dialog == nil && h.users.drawer?.notice == "Nothing changed.")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.id == audits)
    }

    @Test("R lists every role; the current one can't be chosen; a grantable one is confirmed and saved")
    func changeRole() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("R")
        let picker = try #require(h.users.drawer?.rolePicker)
        #expect(picker.current == .standard)
        h.press(.enter)
        #expect(h.users.drawer?.rolePicker?.notice == "That is their role already.")
        try assertGolden(h.screen().text, named: "picker-role-80x24")
        // Down the list to Accounts admin.
        while h.users.drawer?.rolePicker?.chosen != .accountsAdmin { h.press("j") }
        h.press(.enter)
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.joined().contains("Make Liam Tanaka (\(row.email.value)) Accounts admin?"), "\(dialog.message)")
        h.press(.tab, .enter)
        #expect(try h.roster.users.profile(row.id, by: .system("test")).systemRole == .accountsAdmin)
        #expect(h.users.drawer?.notice == "\(row.email.value) is now Accounts admin.")
    }

    @Test("a role above the operator's is dimmed in the picker and choosing it says why")
    func roleAboveDimmed() throws {
        var picker = RolePickerState(current: .standard, refusals: [.administrator: Denial.cannotGrantAbove(.administrator).message])
        picker.selected = SystemRole.allCases.firstIndex(of: .administrator) ?? 0
        let box = RolePickerAction.box(picker, name: "Ana")
        #expect(box.items[picker.selected].enabled == false)
        #expect(box.detail == Denial.cannotGrantAbove(.administrator).message)
        var drawer = DrawerState(userId: UserID(rawValue: 1), name: "Ana", email: "ana@example.com")
        drawer.rolePicker = picker
        RolePickerAction.reduce(&drawer, key: .enter)
        #expect(drawer.dialog == nil && drawer.rolePicker?.notice == Denial.cannotGrantAbove(.administrator).message)
    }

    @Test("the service's own refusals per role reach the drawer: an operations admin may not grant Administrator")
    func roleRefusalsFromPolicy() throws {
        let h = try Harness()
        let ops = try h.roster.users.create(NewUser(email: "ops@demo.example", firstName: "Op", lastName: "S", systemRole: .operationsAdmin,
                                                    password: .typed("quiet meadow under snow"), passwordChangeRequired: false,
                                                    termsAcceptanceRequired: false), by: .system("test")).user
        let target = try #require(h.users.rows.first { $0.email.value != "admin@demo.example" && $0.systemRole == .standard })
        let signIn = try h.roster.auth.signIn(email: ops.email.value, password: "quiet meadow under snow", ip: nil, client: "test")
        let actor = try h.roster.auth.actor(forToken: signIn.token, ip: nil)
        let detail = try h.roster.users.detail(of: target.id, by: actor)
        #expect(detail.roleRefusals[.administrator] == Denial.cannotGrantAbove(.administrator).message)
        #expect(detail.roleRefusals[.accountsAdmin] == nil)
    }

    @Test("o adds to an organization the operator may add to; O changes the org role or removes; each confirmed and saved")
    func memberships() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        let before = try h.roster.users.memberships(of: row.id, by: .system("test"))
        h.press("o")
        let form = try #require(h.users.drawer?.form)
        guard case .choice(let names, _)? = form.fields.first?.value, let first = names.first else { Issue.record("no org choice"); return }
        #expect(!before.contains { $0.orgName == first }, "orgs they are in already are not offered")
        h.press(.enter)
        #expect(h.users.drawer?.dialog?.message.first?.hasPrefix("Add Liam Tanaka to \(first) as member?") == true)
        h.press(.tab, .enter)
        #expect(try h.roster.users.memberships(of: row.id, by: .system("test")).count == before.count + 1)
        h.press("O")
        // The first membership: make it read-only, then remove it.
        let target = try #require(h.users.drawer?.detail?.profile.memberships.first)
        h.press(.tab)
        while h.users.drawer?.form?.choice("role") != 0 { h.press(.right) }
        h.press(.enter)
        #expect(h.users.drawer?.dialog?.title == (target.role == .readOnly ? nil : "Change org role"))
        if h.users.drawer?.dialog != nil { h.press(.tab, .enter) }
        h.press("O", .tab, .left, .enter)
        #expect(h.users.drawer?.dialog?.title == "Remove from organization")
        h.press(.tab, .enter)
        #expect(try !h.roster.users.memberships(of: row.id, by: .system("test")).contains { $0.orgId == target.orgId })
        #expect(h.users.drawer?.notice == "Removed them from the organization; their account stays.")
    }

    @Test("a adds an IP rule (the address checked as typed), A removes one chosen from a list; both confirmed")
    func ipRules() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("A")
        #expect(h.users.drawer?.notice == "They have no IP rules: they may sign in from any address.")
        h.press("a")
        h.type("203.0.113.0/33")
        #expect(h.users.drawer?.form?.fields.first?.problem?.hasPrefix("An address with a prefix") == true)
        h.press(.backspace, .backspace)
        h.type("24")
        h.press(.enter)
        #expect(h.users.drawer?.dialog?.title == "Add IP rule")
        h.press(.tab, .enter)
        #expect(try h.roster.auth.ipRules(of: row.id, by: .system("test")).map(\.cidr) == ["203.0.113.0/24"])
        h.press("A")
        #expect(h.users.drawer?.itemPicker?.items.first?.label == "203.0.113.0/24")
        h.press(.enter, .tab, .enter)
        #expect(h.users.drawer?.notice == "Removed the IP rule.")
        #expect(try h.roster.auth.ipRules(of: row.id, by: .system("test")).isEmpty)
    }
}

