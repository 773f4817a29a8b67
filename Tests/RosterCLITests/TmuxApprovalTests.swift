import Foundation
import RosterTestSupport
import Testing

/// Two people, two consoles, one database: a change asked for in one is approved in the other.
@Suite("Approvals under tmux", .serialized, .enabled(if: Tmux.isInstalled, Comment(rawValue: Tmux.missing)))
struct TmuxApprovalTests {
    @Test("Bea's settings change waits as a request; Ada sees it counted, approves it in her console, and it is made")
    func approvedInSecondConsole() throws {
        let ada = try CLI()
        try ada.initializeAndLogin(approvals: "settings")
        #expect(try ada.run(["users", "create", "--email", "bea@example.com", "--first", "Bea", "--last", "Admin", "--role", "administrator",
                             "--password-stdin", "--no-password-change"], stdin: "quiet meadow under snow\n").status == 0)
        let bea = try CLI(sharing: ada)
        let tmux = try Tmux()
        for (session, cli) in [("bea", bea), ("t", ada)] {
            try tmux.run(["new-session", "-d", "-s", session, "-x", "100", "-y", "30", TmuxConsoleTests.shell(cli, term: "xterm-256color", "")])
            _ = try tmux.wait(for: "the sign-in form of \(session)", in: session) { $0.contains("Email") && $0.contains("Password") }
        }
        try tmux.signIn("bea@example.com", "quiet meadow under snow", in: "bea")
        try tmux.signIn("admin@example.com", CLI.adminPassword, in: "t")
        for session in ["bea", "t"] { _ = try tmux.wait(for: "the users table of \(session)", in: session) { $0.contains(" of 2") } }

        // Bea, on the settings screen: lockout.threshold (the fifth row) to 5.
        try tmux.run(["send-keys", "-t", "bea", "5"])
        _ = try tmux.wait(for: "the settings", in: "bea") { $0.contains("lockout.threshold") }
        try tmux.run(["send-keys", "-t", "bea", "j", "j", "j", "j", "e", "C-u", "5", "Enter"])
        _ = try tmux.wait(for: "the confirmation", in: "bea") { $0.contains("Change lockout.threshold from 10 to 5?") }
        try tmux.run(["send-keys", "-t", "bea", "Tab", "Enter"])
        let asked = try tmux.wait(for: "the request filed", in: "bea") { $0.contains("request #1") }
        #expect(asked.contains("This needs a second person"), "\(asked)")

        // Ada: any key re-reads her session; the tab counts the request; 7 shows it.
        try tmux.run(["send-keys", "-t", "t", "7"])
        let listed = try tmux.wait(for: "the request listed", in: "t") { $0.contains("Set lockout.threshold to 5 (was 10)") && $0.contains("Approvals 1") }
        #expect(listed.contains("bea@example.com"))
        try tmux.run(["send-keys", "-t", "t", "a"])
        _ = try tmux.wait(for: "the approval dialog", in: "t") { $0.contains("Approve request #1") }
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        // The notice lands with the change; the list and the tab's count are read again after it.
        let done = try tmux.wait(for: "the approval and the list read again", in: "t") { screen in
            screen.contains("Approved #1: lockout.threshold is now 5.") && !screen.contains("1 pending")
        }
        #expect(!done.contains("Approvals 1"), "nothing waits any more")
        #expect(try ada.run(["settings", "list", "--output", "csv"]).out.contains("lockout.threshold,5,"))
        let trail = try ada.run(["audit", "list", "--output", "csv", "--limit", "5"]).out
        #expect(trail.contains("approval.approve") && trail.contains("approval.request"), "\(trail)")
        for session in ["bea", "t"] { try tmux.run(["send-keys", "-t", session, "q"]) }
    }
}
