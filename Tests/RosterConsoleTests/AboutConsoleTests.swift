import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

/// The about screen, and through it what every feature screen gets from the console for free:
/// a number key and a tab, parking, outcomes dropped when the operator has moved on.
@Suite("The about screen", .serialized)
struct AboutConsoleTests {
    @Test("6 shows the version, the database, who is signed in with which role, what they can see and this session")
    func facts() throws {
        var h = try Harness()
        h.press("6")
        let about = try #require(h.state.shown(AboutFeature.self))
        let facts = try #require(about.facts, "\(String(describing: about.error))")
        let actor = try h.roster.auth.actor(forToken: try #require(h.session.current), ip: nil)
        #expect(facts.version == Roster.version)
        #expect(facts.account == "admin@demo.example" && facts.role == .administrator)
        #expect(facts.users == min(AboutFacts.usersLimit, try h.roster.stores.totalUsers()), "an administrator sees every user")
        #expect(facts.orgs == (try h.roster.orgs.all(by: actor)).count)
        #expect(facts.session?.client == "roster-console")
        let text = h.screen().text
        #expect(text.contains("Roster \(Roster.version)"))
        #expect(text.contains("SQLite file: (in memory)"), "an administrator is told where the data lives")
        #expect(text.contains("admin@demo.example, Administrator"))
        #expect(text.contains("roster-console from this machine"))
        #expect(text.contains("Changes") && text.contains("allowed"))
    }

    @Test("an org admin sees their own reach: only their members counted, their org role named")
    func orgAdmin() throws {
        var h = try Harness()
        let admin = try DemoSeeder(roster: h.roster).orgAdmin(members: 5)
        h.state.signedIn = try h.environment.signIn(admin.email, admin.password, nil)
        h.press("6")
        let facts = try #require(h.state.shown(AboutFeature.self)?.facts)
        #expect(facts.account == admin.email)
        let actor = try h.roster.auth.actor(forToken: try #require(h.session.current), ip: nil)
        let org = try #require(actor.orgRoles.keys.first)
        #expect(facts.users == (try h.roster.orgs.members(of: org, by: .system("test"))).count, "an org admin counts their members only")
        #expect(facts.database == nil && h.screen().text.contains("not shown to your role"), "the server's paths are for those who read settings")
        #expect(facts.orgs == 1)
        #expect(facts.orgRoles.count == 1 && facts.orgRoles.first?.hasSuffix("(org admin)") == true, "\(facts.orgRoles)")
    }

    @Test("read-only, the screen says changes are off; the title bar says so whole at 120 columns and short at 80, never cut")
    func readOnly() throws {
        for (width, banner) in [(80, "READ-ONLY "), (120, "READ-ONLY: changes are off ")] {
            var h = try Harness(size: Size(width: width, height: 24))
            h.state.readOnly = true
            h.press("6")
            let text = h.screen().text
            #expect(text.contains("off (roster --read-only)"))
            let title = String(text.split(separator: "\n").first ?? "")
            #expect(["Approvals \(banner)", "Approvals  \(banner)", "Approvals   \(banner)"].contains { title.contains($0) }, "\(width): \(title)")
            #expect(!title.contains("changes are of") || title.contains("changes are off"), "\(width): \(title)")
        }
    }

    @Test("left with Tab and come back to, a feature screen is as it was and read again; a late outcome for another screen is dropped")
    func parking() throws {
        var h = try Harness()
        h.press("5", "j", "j")
        #expect(h.state.shown(SettingsFeature.self)?.selected == 2)
        h.press(.tab, .backTab)
        let settings = try #require(h.state.shown(SettingsFeature.self))
        #expect(settings.selected == 2 && !settings.loading, "kept as left, and read again")
        let before = h.state
        h.send(.feature(FeatureValue(OutboxFeature.screen, OutboxFeature.Outcome.loaded(.success([])))))
        #expect(h.state == before, "the outbox's rows don't land on the settings screen")
        let stray = h.state
        h.send(.feature(FeatureValue(SettingsFeature.screen, AboutFeature.Outcome.loaded(.failure(.init(message: "x"))))))
        #expect(h.state == stray, "an outcome of the wrong type for the screen is dropped, not forced")
    }

    @Test("the number keys and the tabs come from the registered screens, in order")
    func numbering() throws {
        #expect(ScreenID.all.map(\.title) == ["Users", "Orgs", "Audit", "Outbox", "Settings", "About", "Approvals"])
        for (number, screen) in ScreenID.all.enumerated() {
            #expect(AppAction.keymap.action(for: .character(Character(String(number + 1)))) == .go(screen))
        }
        var h = try Harness(size: Size(width: 120, height: 40))
        h.press("6")
        #expect(h.screen().text.split(separator: "\n").first?.contains("About") == true)
    }

    @Test("screens: the about screen at 80x24 and 120x40")
    func goldens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var h = try Harness(size: size)
            h.press("6")
            try assertGolden(h.screen().text, named: "about-\(size.width)x\(size.height)")
        }
    }
}
