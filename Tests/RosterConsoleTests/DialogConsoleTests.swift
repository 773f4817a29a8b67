import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Confirmation dialogs and changes from the drawer", .serialized)
struct DialogConsoleTests {
    /// The drawer open on one ordinary user, active and unlocked (the demo locks some).
    static func drawerOnTanaka(size: Size = Size(width: 80, height: 24)) throws -> (Harness, UserRow) {
        var h = try Harness(size: size)
        h.press("/")
        h.type("tanaka")
        h.press(.enter)
        let row = try #require(h.users.selectedRow)
        if try h.roster.users.profile(row.id, by: .system("test")).lockedByAdmin {
            _ = try h.roster.users.unlock(row.id, by: .system("test"))
        }
        h.press(.enter)
        return (h, row)
    }

    func stored(_ h: Harness, _ row: UserRow) throws -> UserProfile {
        try h.roster.users.profile(row.id, by: .system("test"))
    }

    @Test("D asks first, saying what will happen; Cancel is focused, so Enter right away changes nothing")
    func cancelIsDefault() throws {
        var (h, row) = try Self.drawerOnTanaka()
        h.press("D")
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.focus == .cancel && dialog.change == .deactivate)
        #expect(dialog.message.joined().contains("0 sessions will end, 0 API keys will be revoked"), "\(dialog.message)")
        #expect(h.screen().text.contains("[ Deactivate ]"))
        h.press(.enter)
        #expect(h.users.drawer?.dialog == nil)
        #expect(try stored(h, row).status == .active)
        #expect(!h.performed.contains { if case .changeUser = $0 { true } else { false } })
    }

    @Test("Esc and Ctrl-C cancel a dialog; Ctrl-C does not quit the console from there")
    func escapeCancels() throws {
        var (h, row) = try Self.drawerOnTanaka()
        h.press("L", .escape)
        #expect(h.users.drawer?.dialog == nil && h.users.drawer != nil)
        h.press("L", .control("c"))
        #expect(h.users.drawer?.dialog == nil && !h.state.quitting)
        #expect(try stored(h, row).lockedByAdmin == false)
    }

    @Test("Tab then Enter deactivates through the service: audited, the drawer and table read again, the status line says so")
    func confirmDeactivates() throws {
        var (h, row) = try Self.drawerOnTanaka()
        let audits = try h.roster.audit.recent(limit: 1, by: .system("test")).first?.id ?? 0
        h.press("D", .tab, .enter)
        #expect(try stored(h, row).status == .deactivated)
        #expect(h.users.drawer?.detail?.profile.status == .deactivated)
        #expect(h.users.drawer?.notice?.hasPrefix("Deactivated \(row.email.value)") == true)
        let last = try #require(try h.roster.audit.recent(limit: 1, by: .system("test")).first)
        #expect(last.id > audits && last.action == "user.deactivate" && last.actor == "admin@demo.example")
        // The same key now offers the opposite change.
        h.press("D")
        #expect(h.users.drawer?.dialog?.change == .reactivate)
    }

    @Test("a change made meanwhile by someone else is refused, writes nothing, and says to check again")
    func staleEditRefused() throws {
        var (h, row) = try Self.drawerOnTanaka()
        h.press("L", .tab)
        // Another operator (the CLI, another console) edits the same user now.
        _ = try h.roster.users.updateProfile(row.id, ProfileChange(lastName: "Tanaka-Sato"), by: .system("other"))
        h.press(.enter)
        #expect(try stored(h, row).lockedByAdmin == false)
        #expect(h.users.drawer?.noticeRefused == true)
        #expect(h.users.drawer?.notice?.contains("Changed by someone else") == true)
        #expect(h.users.drawer?.detail?.profile.lastName == "Tanaka-Sato", "the drawer read the user again")
    }

    @Test("reset MFA carries the version too: an edit meanwhile refuses it")
    func staleResetMFA() throws {
        var (h, row) = try Self.drawerOnTanaka()
        h.press("M", .tab)
        _ = try h.roster.users.updateProfile(row.id, ProfileChange(firstName: "Ken"), by: .system("other"))
        let audits = try h.roster.audit.recent(limit: 1, by: .system("test")).first?.id
        h.press(.enter)
        #expect(h.users.drawer?.notice?.contains("Changed by someone else") == true)
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action != "mfa.reset")
        #expect(audits != nil)
    }

    @Test("an action the operator may not take says why, from the same Policy the service uses")
    func refusalSaysWhy() throws {
        var h = try Harness()
        h.press("/")
        h.type("admin@demo")
        h.press(.enter, .enter, "L")
        // Said at once, before any dialog: the same Policy the service would ask.
        #expect(h.users.drawer?.dialog == nil)
        #expect(h.users.drawer?.noticeRefused == true)
        #expect(h.users.drawer?.notice?.contains("own account") == true, "\(String(describing: h.users.drawer?.notice))")
        #expect(!h.state.quitting && h.users.drawer != nil, "the console stays usable")
    }

    @Test("X deletes only once the email is typed exactly; control characters never get into the field")
    func deleteTypeToConfirm() throws {
        var (h, row) = try Self.drawerOnTanaka()
        h.press("X")
        #expect(h.users.drawer?.dialog?.mustType == row.email.value)
        h.press(.tab, .enter)
        #expect(h.users.drawer?.dialog != nil, "the dialog stays until the email is typed")
        #expect(try h.roster.users.profile(row.id, by: .system("test")).id == row.id)
        h.type("wrong@example.com")
        h.press(.control("u"), .enter)
        #expect(h.users.drawer?.dialog?.typed == "wrong@example.com", "Ctrl-U is not text")
        for _ in 0..<"wrong@example.com".count { h.press(.backspace) }
        h.type(row.email.value)
        try assertGolden(h.screen().text, named: "dialog-delete-80x24")
        h.press(.enter)
        #expect(h.users.drawer == nil)
        #expect(h.users.notice?.hasPrefix("Deleted \(row.email.value)") == true)
        #expect(throws: RosterError.userNotFound(String(row.id.rawValue))) { try h.roster.users.profile(row.id, by: .system("test")) }
        #expect(!h.users.rows.contains { $0.id == row.id })
    }

    @Test("a read-only console says so in its title bar, and a change key says why nothing happens")
    func readOnlyConsole() throws {
        var (h, row) = try Self.drawerOnTanaka()
        h.state.readOnly = true
        #expect(h.screen().text.split(separator: "\n").first?.contains("READ-ONLY") == true)
        h.press("D")
        #expect(h.users.drawer?.dialog == nil)
        #expect(h.users.drawer?.notice?.contains("read-only") == true && h.users.drawer?.noticeRefused == true)
        #expect(try stored(h, row).status == .active)
    }

    @Test("a change by someone else shows without a key: the rows on screen and the drawer are read again, in place")
    func othersChangesShow() throws {
        var h = try Harness()
        let index = try #require(h.users.rows.firstIndex { !$0.lockedByAdmin && $0.status == .active && $0.systemRole == .standard })
        for _ in 0..<index { h.press("j") }
        let row = try #require(h.users.selectedRow)
        #expect(row.id == h.users.rows[index].id)
        let selected = h.users.selected
        h.press(.enter)
        h.send(.dataVersion(1))
        #expect(h.users.rows.first { $0.id == row.id }?.lockedByAdmin == false)
        _ = try h.roster.users.lock(row.id, by: .system("cli"))
        h.send(.dataVersion(1))
        #expect(h.users.rows.first { $0.id == row.id }?.lockedByAdmin == false, "the same version reads nothing again")
        h.send(.dataVersion(2))
        #expect(h.users.rows.first { $0.id == row.id }?.lockedByAdmin == true)
        #expect(h.users.drawer?.detail?.profile.lockedByAdmin == true)
        #expect(h.users.selected == selected, "the operator's place in the list stays")
        // A user deleted meanwhile leaves the window; the selection stays on a row.
        _ = try h.roster.users.delete(row.id, by: .system("cli"))
        h.press(.escape)
        h.send(.dataVersion(3))
        #expect(!h.users.rows.contains { $0.id == row.id } && h.users.selectedRow != nil)
    }

    @Test("Enter typed ahead of a filter's rows opens the drawer on the new list's row, never on a row about to vanish")
    func typeAheadOpensTheRightRow() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter)
        // A new list is on its way (a keystroke on a slow link) when Enter arrives.
        guard case .users(var users) = h.state.screen else { throw HarnessFailure("no users screen") }
        users.loadingList = true
        users.loadingEdge = .replaceFromTop
        h.state.screen = .users(users)
        let effects = ConsoleReducer.reduce(&h.state, .key(.enter))
        #expect(h.users.drawer == nil && h.users.openWhenLoaded)
        #expect(!effects.contains { if case .loadDetail = $0 { true } else { false } })
        // The page lands: the drawer opens on its selected row.
        let page = try h.roster.users.list(UserQuery(filter: "tanaka", limit: 40), by: .system("test"))
        h.send(.usersLoaded(UsersLoad(generation: h.users.generation, placement: .replaceFromTop, page: page, total: nil)))
        #expect(h.users.drawer?.userId == page.rows.first?.id && !h.users.openWhenLoaded)
    }

    @Test("golden: the confirmation at 80x24 and 120x40, drawn over the drawer", arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
    func golden(size: Size) throws {
        var (h, _) = try Self.drawerOnTanaka(size: size)
        h.press("L")
        try assertGolden(h.screen().text, named: "dialog-lock-\(size.width)x\(size.height)")
        // A resize while it is open redraws it whole, centered in the new size.
        h.send(.resize(Size(width: 100, height: 30)))
        let resized = h.screen().text
        #expect(resized.contains("Lock account") && resized.contains("[ Cancel ]"))
    }

    @Test("a change key typed while the details are being read again acts on them as they land, not on the stale ones")
    func changeWaitsForRead() throws {
        var (h, row) = try Self.drawerOnTanaka()
        var state = h.state
        // r asks for the details again; the answer is not back yet when M is pressed.
        _ = ConsoleReducer.reduce(&state, .key("r"))
        _ = try h.roster.users.updateProfile(row.id, ProfileChange(firstName: "Liam-Changed"), by: .system("test"))
        _ = ConsoleReducer.reduce(&state, .key("M"))
        guard case .users(let waiting) = state.screen, let drawer = waiting.drawer else { Issue.record("no drawer"); return }
        #expect(drawer.dialog == nil && drawer.pendingChange == .resetMFA)
        let fresh = try h.environment.userDetail(row.id)
        _ = ConsoleReducer.reduce(&state, .detailLoaded(generation: drawer.generation, .loaded(fresh)))
        guard case .users(let landed) = state.screen, let dialog = landed.drawer?.dialog else { Issue.record("no dialog"); return }
        #expect(dialog.confirms == .change(.resetMFA, row.id, expectedVersion: fresh.profile.version))
        #expect(dialog.message.joined().contains("Liam-Changed"), "worded from the details as they landed")
        h.state = state
    }

    @Test("a read-only environment refuses every change it could make, whatever the reducer asks")
    func readOnlyEnvironment() throws {
        var environment = try Harness().environment
        environment.makeReadOnly()
        let id = UserID(rawValue: 1)
        func refusedAsReadOnly(_ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                try body()
                Issue.record("not refused", sourceLocation: sourceLocation)
            } catch {
                #expect((error as? HumanReadableError)?.message.contains("read-only") == true, "\(error)", sourceLocation: sourceLocation)
            }
        }
        refusedAsReadOnly { _ = try environment.changeUser(.lock, id, nil) }
        refusedAsReadOnly { _ = try environment.deleteUser(id, nil) }
        refusedAsReadOnly { _ = try environment.userTask(.temporaryPassword, id) }
        refusedAsReadOnly { _ = try environment.editUser(.role(.administrator), id, nil) }
        refusedAsReadOnly { _ = try environment.createUser(NewUser(email: "a@b.example", firstName: "A", lastName: "B")) }
        refusedAsReadOnly { _ = try environment.bulk(.lock, .users([id]), 1) { _, _ in true } }
        refusedAsReadOnly { _ = try #require(environment.features[SettingsFeature.self]).set(.lockoutThreshold, "5") }
        refusedAsReadOnly { _ = try #require(environment.features[OutboxFeature.self]).retry(1) }
        refusedAsReadOnly { _ = try #require(environment.features[OrgsFeature.self]).changeOrg(.lock(true), OrgID(rawValue: 1), nil) }
        refusedAsReadOnly { _ = try #require(environment.features[OrgsFeature.self]).changeGroup(.delete(GroupID(rawValue: 1))) }
    }
}

