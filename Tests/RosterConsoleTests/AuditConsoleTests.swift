import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("The audit screen", .serialized)
struct AuditConsoleTests {
    var audit: (Harness) -> AuditState? = { h in
        h.state.shown(AuditFeature.self)
    }

    @Test("Tab goes to the audit trail, newest first, with the chain checked; Shift-Tab is back on the users, as they were")
    func tabBetweenScreens() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter, .tab, .tab)
        let trail = try #require(audit(h))
        let newest = try h.roster.audit.recent(limit: 1, by: .system("test")).first
        #expect(trail.rows.first?.id == newest?.id)
        #expect(trail.chain?.hasPrefix("verified through row") == true, "\(String(describing: trail.chain))")
        #expect(h.screen().text.contains("chain: verified through row"))
        h.press(.backTab, .backTab)
        #expect(h.users.filter == "tanaka", "the users screen is kept as it was")
        for _ in ScreenID.all { h.press(.tab) }
        #expect(h.users.filter == "tanaka", "Tab goes round every screen")
        h.press("3")
        #expect(audit(h) != nil)
        h.press("1")
        #expect(h.users.filter == "tanaka")
    }

    @Test("the filter line narrows by action and outcome; a word it doesn't know says what it takes, reading nothing")
    func filters() throws {
        var h = try Harness()
        h.press("3", "/")
        h.type("action:auth.* outcome:success")
        h.press(.enter)
        let trail = try #require(audit(h))
        #expect(!trail.rows.isEmpty)
        #expect(trail.rows.allSatisfy { $0.action.hasPrefix("auth.") && $0.outcome == .success })
        h.press("/", .control("u"))
        h.type("colour:blue")
        h.press(.enter)
        #expect(audit(h)?.filterProblem?.contains("“colour:” is not a filter") == true)
        #expect(h.screen().text.contains("is not a filter"))
    }

    @Test("org: narrows to one organization's rows, by name (quoted when it has spaces) as the operator may see it; an unknown org says so")
    func orgFilter() throws {
        var h = try Harness()
        let org = try #require(try h.roster.orgs.all(by: .system("test")).first { $0.name.contains(" ") }, "the demo has an org with a space")
        _ = try h.roster.groups.create(name: "Night shift", in: org.id, by: .system("test"))
        h.press("3", "/")
        h.type("org:\"\(org.name)\"")
        h.press(.enter)
        let trail = try #require(audit(h))
        #expect(trail.error == nil && trail.org == org.name)
        #expect(!trail.rows.isEmpty && trail.rows.allSatisfy { $0.orgId == org.id }, "\(trail.rows.map(\.org))")
        #expect(trail.rows.contains { $0.action == "group.create" })
        h.press("/", .control("u"))
        h.type("org:Nowhere")
        h.press(.enter)
        #expect(audit(h)?.error?.contains("Nowhere") == true, "\(audit(h)?.error ?? "")")
        #expect(AuditFilter.words("org:\"Acme Ops\" outcome:denied") == ["org:Acme Ops", "outcome:denied"])
    }

    @Test("since: and until: are local days, midnight to midnight: the day clocks go forward in Berlin is 23 hours")
    func localDays() throws {
        let berlin = try #require(ZoneRules.named("Europe/Berlin"))
        let (query, _) = try AuditFilter.query("since:2026-03-29 until:2026-03-29", timeZone: berlin)
        #expect(query.since == Date(timeIntervalSince1970: 1_774_738_800))   // 2026-03-28 23:00 UTC
        #expect(query.until == Date(timeIntervalSince1970: 1_774_821_600))   // 2026-03-29 22:00 UTC
        for bad in ["since:2026-02-30", "until:2026-3-29", "since:2026-03-29T10:00", "since:yesterday"] {
            #expect(throws: AuditFilterProblem.self, "\(bad)") { try AuditFilter.query(bad, timeZone: berlin) }
        }
    }

    @Test("Enter shows one row whole; Esc closes it; q there is not quit")
    func rowDetails() throws {
        var h = try Harness()
        h.press("3", "j", .enter)
        let row = try #require(audit(h)?.showing)
        #expect(h.screen().text.contains("Audit row \(row.id)"))
        h.press("q")
        #expect(!h.state.quitting)
        h.press(.escape)
        #expect(audit(h)?.showing == nil)
    }

    @Test("paging: moving down near the end reads the next page by keyset, with no row twice")
    func paging() throws {
        var h = try Harness()
        let row = try #require(h.users.rows.first { $0.email.value != "admin@demo.example" })
        for _ in 0..<120 {
            _ = try? h.roster.users.lock(row.id, by: .system("test"))
            _ = try? h.roster.users.unlock(row.id, by: .system("test"))
        }
        h.press("3")
        #expect(audit(h)?.rows.count == AuditState.pageSize)
        for _ in 0..<5 { h.press(.pageDown) }
        let rows = try #require(audit(h)?.rows)
        #expect(rows.count > AuditState.pageSize)
        #expect(Set(rows.map(\.id)).count == rows.count)
        #expect(zip(rows, rows.dropFirst()).allSatisfy { $0.id > $1.id }, "newest first")
    }

    @Test("screens: the audit trail at 80x24 and 120x40")
    func goldens() throws {
        for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
            var h = try Harness(size: size)
            h.press("3")
            try assertGolden(h.screen().text, named: "audit-\(size.width)x\(size.height)")
        }
    }
}
