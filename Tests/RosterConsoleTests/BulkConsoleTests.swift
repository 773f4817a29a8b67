import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Marks and bulk actions on the users table", .serialized)
struct BulkConsoleTests {
    func locked(_ h: Harness, matching text: String?) throws -> Int {
        try h.roster.users.select(UserSelection(text: text, locked: true), limit: 1000, by: .system("test")).users.count
    }

    @Test("Space marks the selected user and moves down; again unmarks; the status line counts the marks")
    func spaceMarks() throws {
        var h = try Harness()
        let first = try #require(h.users.selectedRow)
        h.press(" ", " ")
        #expect(h.users.marks.count == 2 && h.users.marks.contains(first.id))
        #expect(h.users.selected == 2)
        #expect(h.screen().text.contains("2 marked"))
        #expect(h.screen().text.split(separator: "\n").filter { $0.hasPrefix("● ") }.count == 2)
        h.press("k", "k", " ")
        #expect(h.users.marks.count == 1 && !h.users.marks.contains(first.id))
    }

    @Test("* marks every user matching the filter by counting them, not loading them; * again clears")
    func markAllCounts() throws {
        var h = try Harness(users: 300)
        h.press("/")
        h.type("an")
        h.press(.enter)
        let loads = h.performed.filter { if case .loadUsers = $0 { true } else { false } }.count
        h.press("*")
        let expected = try h.roster.users.count(matching: "an", by: .system("test"))
        #expect(h.users.marks.count == expected)
        #expect(h.users.marks.all?.filter == "an")
        #expect(h.performed.filter { if case .loadUsers = $0 { true } else { false } }.count == loads, "marking reads no rows")
        // A row unmarked after marking all is left out.
        h.press(" ")
        #expect(h.users.marks.count == expected - 1)
        h.press("*")
        #expect(h.users.marks.isEmpty)
    }

    @Test("a new filter drops a mark-all made for the old one, and says so")
    func filterChangeClearsMarkAll() throws {
        var h = try Harness()
        h.press("*", "/")
        h.type("x")
        #expect(h.users.marks.all == nil)
        #expect(h.users.notice?.contains("Marks cleared") == true)
    }

    @Test("a bulk key with nothing marked acts on the selected user after one confirmation naming them; an empty list and read-only consoles say why")
    func nothingMarked() throws {
        var h = try Harness()
        h.press(.down, .down)
        let row = try #require(h.users.selectedRow)
        #expect(try locked(h, matching: row.email.value) == 0)
        h.press("L")
        guard case .confirming(let dialog) = h.users.bulk?.phase else { Issue.record("no confirmation"); return }
        #expect(dialog.title == "Lock \(row.name)" && dialog.message.first?.contains(row.email.value) == true)
        #expect(dialog.mustType == nil && dialog.focus == .cancel, "one user: no count to type, Cancel first")
        #expect(h.users.bulk?.targets == .users([row.id]))
        h.press(.tab, .enter)
        guard case .finished = h.users.bulk?.phase else { Issue.record("no report"); return }
        #expect(try locked(h, matching: row.email.value) == 1)
        h.press(.escape)
        // Nobody to act on: a filter matching no one.
        h.press("/")
        h.type("zzzzqqqq")
        h.press(.enter, "L")
        #expect(h.users.bulk == nil && h.users.notice?.hasPrefix("No user to act on") == true, "\(h.users.notice ?? "")")
        h.state.readOnly = true
        h.press(.escape, "/", .escape, "L")
        #expect(h.users.bulk == nil && h.users.notice?.contains("read-only") == true)
    }

    @Test("bulk lock of a filtered set: over ten asks for the count typed; one audit row each; the report lists refusals")
    func bulkLockFiltered() throws {
        var h = try Harness(users: 300)
        try h.approvalsOff()
        h.press("/")
        h.type("demo.example")
        h.press(.enter, "*")
        let count = try #require(h.users.marks.count)
        #expect(count > 10)
        let audits = try h.roster.audit.recent(limit: 1, by: .system("test")).first?.id ?? 0
        let lockedBefore = try locked(h, matching: "demo.example")
        h.press("L")
        guard case .confirming(let dialog) = h.users.bulk?.phase else { Issue.record("no confirmation"); return }
        #expect(dialog.mustType == String(count) && dialog.focus == .cancel)
        // Enter on Lock without the count typed runs nothing.
        h.press(.tab, .enter)
        #expect(h.users.bulk.map { if case .confirming = $0.phase { true } else { false } } == true)
        h.type(String(count))
        h.press(.enter)
        guard case .finished(let lines, _) = h.users.bulk?.phase else { Issue.record("no report"); return }
        // The operator is among "all matching" and may not lock themselves: refused, and said.
        #expect(lines.contains { $0.contains("admin@demo.example") }, "\(lines)")
        let report = lines.joined(separator: "\n")
        #expect(report.contains("Refused ("))
        let lockedNow = try locked(h, matching: "demo.example")
        #expect(lockedNow == count - 1, "all but the operator")
        let rows = try h.roster.audit.recent(limit: count + 10, by: .system("test")).filter { $0.id > audits && $0.action == "user.lock" }
        // One row per user changed or refused; those already locked are listed as unchanged, with no row.
        #expect(rows.count == count - lockedBefore, "\(rows.count) rows, \(count) marked, \(lockedBefore) locked before")
        #expect(h.users.marks.isEmpty)
        h.press(.escape)
        #expect(h.users.bulk == nil)
    }

    @Test("when the marked set changed since it was confirmed, nothing changes and the report says why")
    func countChangedMeanwhile() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter, "*")
        let count = try #require(h.users.marks.count)
        h.press("U")
        // Another operator adds a matching user before the yes.
        _ = try h.roster.users.create(NewUser(email: "new.tanaka@demo.example", firstName: "New", lastName: "Tanaka",
                                              kind: .standard, systemRole: .standard, password: .none), by: .system("test"))
        if count > 10 { h.type(String(count)) }
        h.press(.tab, .enter)
        guard case .finished(let lines, _) = h.users.bulk?.phase else { Issue.record("no report"); return }
        #expect(lines.first?.contains("Nothing was changed") == true, "\(lines)")
        #expect(!h.users.marks.isEmpty, "the marks stay for a second look")
    }

    @Test("screens: a bulk confirmation and its report at 80x24")
    func goldens() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter, " ", " ", "M")
        try assertGolden(h.screen().text, named: "bulk-confirm-80x24")
        h.press(.tab, .enter)
        try assertGolden(h.screen().text, named: "bulk-report-80x24")
    }

    @Test("z lists only users with no sign-in for N days (counted by the service); * then marks exactly those; z again lists everyone")
    func dormant() throws {
        var h = try Harness(users: 300)
        let everyone = try #require(h.users.total)
        h.press("z")
        #expect(h.users.dormantForm?.text("days") == "90")
        h.press(.control("u"))
        h.type("30")
        h.press(.enter)
        #expect(h.users.dormantDays == 30)
        let expected = try h.roster.users.count(UserSelection(noSignInForDays: 30), by: .system("test"))
        #expect(expected > 0 && expected < everyone, "the demo has both: \(expected) of \(everyone)")
        #expect(h.users.total == expected, "the status line counts the dormant users")
        #expect(h.screen().text.contains("no sign-in for 30 days"))
        try assertGolden(h.screen().text, named: "users-dormant-80x24")
        let cutoff = Harness.now.addingTimeInterval(-30 * 86_400)
        #expect(!h.users.rows.isEmpty && h.users.rows.allSatisfy { ($0.lastSignInAt ?? $0.createdAt) < cutoff }, "only dormant rows listed")
        h.press("*")
        let all = try #require(h.users.marks.all)
        #expect(all.dormantDays == 30 && h.users.marks.count == expected)
        h.press("L")
        guard case .confirming(let dialog) = h.users.bulk?.phase else { Issue.record("no confirmation"); return }
        #expect(dialog.message.first?.contains("with no sign-in for 30 days") == true, "\(dialog.message)")
        #expect(h.users.bulk?.targets == .matching(UserSelection(noSignInForDays: 30), except: []))
        h.press(.escape, "z")
        #expect(h.users.dormantDays == nil && h.users.total == everyone)
        #expect(h.users.marks.all == nil, "the marks were for the dormant users only")
    }
}

