import Foundation
import RosterTestSupport
import Testing

/// Bulk actions in the real console under tmux.
@Suite("Console bulk actions under tmux", .serialized, .enabled(if: Tmux.isInstalled, Comment(rawValue: Tmux.missing)))
struct TmuxBulkTests {
    @Test("bulk lock of a filtered set: * marks the matches, the count is typed, each is locked and audited, others untouched")
    func bulkLockFiltered() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        for index in 1...12 {
            #expect(try cli.run(["users", "create", "--email", "crew\(index)@example.com", "--first", "Crew", "--last", "No\(index)"]).status == 0)
        }
        #expect(try cli.run(["users", "create", "--email", "other@example.com", "--first", "Other", "--last", "Person"]).status == 0)
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "30", TmuxConsoleTests.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 14") }
        try tmux.run(["send-keys", "-t", "t", "/", "c", "r", "e", "w", "Enter"])
        _ = try tmux.wait(for: "the filtered table") { $0.contains("of 12") }
        try tmux.run(["send-keys", "-t", "t", "*"])
        _ = try tmux.wait(for: "every match marked") { $0.contains("12 marked") }
        try tmux.run(["send-keys", "-t", "t", "L"])
        _ = try tmux.wait(for: "the confirmation") { $0.contains("Lock all 12 users matching") && $0.contains("Type 12 to confirm") }
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        // Enter on Lock without the count typed runs nothing: the dialog stays. The digit typed next
        // lands in its field, so once it shows, Tab and Enter (read before it) have been handled.
        try tmux.run(["send-keys", "-t", "t", "-l", "1"])
        let stillOpen = try tmux.wait(for: "the dialog still open, one digit typed") { $0.contains("Type 12 to confirm") && $0.contains("> 1_") }
        #expect(!stillOpen.contains("Locked 12"), "Enter without the count typed runs nothing")
        #expect(try !cli.run(["users", "list", "--locked", "--json"]).out.contains("crew"), "nobody was locked yet")
        try tmux.run(["send-keys", "-t", "t", "-l", "2"])
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        let report = try tmux.wait(for: "the report") { $0.contains("Locked 12 of 12 users.") }
        #expect(report.contains("Lock: report"))
        try tmux.run(["send-keys", "-t", "t", "Escape"])
        _ = try tmux.wait(for: "the table again, marks cleared") { !$0.contains("marked") && $0.contains("of 12") }
        let locked = try cli.run(["users", "list", "--locked", "--json"]).out
        #expect((1...12).allSatisfy { locked.contains("crew\($0)@example.com") }, "\(locked)")
        #expect(!locked.contains("other@example.com"))
        let audit = try cli.run(["audit", "list", "--action", "user.lock", "--output", "csv"]).out
        #expect(audit.split(separator: "\n").filter { $0.contains("crew") }.count == 12, "one audit row per user:\n\(audit)")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }
}
