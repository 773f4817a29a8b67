import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

/// Every screen as an org admin and as a standard user: each shows what their role may read,
/// says why otherwise, and offers no change the service would refuse without saying why.
@Suite("Screens as an org admin and a standard user", .serialized)
struct RoleScreensTests {
    @Test("an org admin: their members only, their orgs only, the audit rows they may read; no outbox or settings, and why")
    func orgAdmin() throws {
        var h = try Harness()
        let admin = try DemoSeeder(roster: h.roster).orgAdmin(members: 5)
        h.state.signedIn = try h.environment.signIn(admin.email, admin.password, nil)
        var state = h.state
        let effects = ConsoleReducer.startUsers(&state)
        h.state = state
        for effect in effects { if let next = effect.perform(h.environment) { h.send(next) } }
        #expect(h.users.rows.count <= 6, "\(h.users.rows.count) rows")
        #expect(!h.screen().text.contains("Role "), "no Role column for those who may not see system roles")
        h.press("2")
        guard let orgs = h.state.shown(OrgsFeature.self) else { Issue.record("no orgs screen"); return }
        #expect(orgs.rows.count == 1)
        #expect(orgs.rows.first?.refusals[.setLimits] != nil, "limits are for operations admins and administrators")
        h.press("e")
        guard let refused = h.state.shown(OrgsFeature.self) else { return }
        #expect(refused.form == nil && refused.noticeRefused)
        h.press("3")
        guard let audit = h.state.shown(AuditFeature.self) else { Issue.record("no audit screen"); return }
        #expect(audit.error == nil)
        #expect(audit.chain?.contains("may not") == true || audit.chain?.contains("Your role") == true, "\(String(describing: audit.chain))")
        h.press("4")
        guard let outbox = h.state.shown(OutboxFeature.self) else { Issue.record("no outbox screen"); return }
        #expect(outbox.rows.isEmpty && outbox.error != nil, "the outbox holds every user's mail")
        h.press("5")
        guard let settings = h.state.shown(SettingsFeature.self) else { Issue.record("no settings screen"); return }
        #expect(settings.rows.isEmpty && settings.error != nil)
        #expect(h.screen().text.contains(try #require(settings.error).prefix(30)))
    }

    @Test("a standard user: only themselves in the table; marking and bulk keys are refused with the reason")
    func standardUser() throws {
        var h = try Harness()
        _ = try h.roster.users.create(NewUser(email: "plain@demo.example", firstName: "Plain", lastName: "User",
                                              password: .typed("quiet meadow under snow"), passwordChangeRequired: false,
                                              termsAcceptanceRequired: false), by: .system("test"))
        h.state.signedIn = try h.environment.signIn("plain@demo.example", "quiet meadow under snow", nil)
        var state = h.state
        let effects = ConsoleReducer.startUsers(&state)
        h.state = state
        for effect in effects { if let next = effect.perform(h.environment) { h.send(next) } }
        #expect(h.users.rows.map(\.email.value) == ["plain@demo.example"])
        h.press("*", "L", .tab, .enter)
        guard case .finished(let lines, _)? = h.users.bulk?.phase else { Issue.record("no report"); return }
        #expect(lines.first == "Locked 0 of 1 users.")
        #expect(lines.joined().contains("own account") || lines.joined().contains("may not"), "\(lines)")
        h.press(.escape, "n")
        #expect(h.users.creating == nil, "no form a standard user could never send")
        #expect(h.users.notice == Denial.notPermitted(.create).message)
    }
}
