import Foundation
import RosterTestSupport
import Testing

/// Drives the real binary in a real terminal (tmux), for what only a terminal shows:
/// the first screen, typing, resizing, and the terminal given back on exit.
@Suite("Console under tmux", .serialized,
       .enabled(if: RosterTestSupport.Tmux.isInstalled, Comment(rawValue: RosterTestSupport.Tmux.missing)))
struct TmuxConsoleTests {
    /// The driver lives in RosterTestSupport; this name stays for suites that spell it
    /// `TmuxConsoleTests.Tmux` (PostgresFailoverTests). The `@Suite` trait above names the
    /// module's type in full, so that it reads the same inside and outside this type.
    typealias Tmux = RosterTestSupport.Tmux

    /// A shell command that runs roster in a scratch home and then says how it exited,
    /// keeping the pane open so the test can read what is left on the screen.
    static func shell(_ cli: CLI, term: String, locale: String = "C.UTF-8", _ arguments: String) -> String {
        "env HOME=\(cli.home) XDG_CONFIG_HOME=\(cli.home)/config XDG_DATA_HOME=\(cli.home)/share "
            + "ROSTER_DB=\(cli.database) ROSTER_SCRYPT_LOG_N=4 TERM=\(term) LANG=\(locale) LC_ALL=\(locale) TZ=UTC "
            + "\(CLI.binary) \(arguments); echo ROSTER-EXITED-$?; sleep 120"
    }

    /// `roster demo` on a new database of `users` users, in a new tmux window `width`x`height`
    /// named "t"; the CLI home is returned too, for the window's lifetime.
    static func openDemo(users: Int, term: String = "xterm-256color", locale: String = "C.UTF-8",
                         width: Int, height: Int) throws -> (CLI, Tmux) {
        let cli = try CLI()
        let tmux = try Tmux()
        let command = shell(cli, term: term, locale: locale, "demo --db \(cli.home)/demo.sqlite --users \(users)")
        try tmux.run(["new-session", "-d", "-s", "t", "-x", String(width), "-y", String(height), command])
        return (cli, tmux)
    }

    @Test("demo opens on the users table, filters as you type, survives a resize to 80x24, and restores the terminal on q")
    func demoSession() throws {
        let (_, tmux) = try Self.openDemo(users: 300, width: 120, height: 40)

        let first = try tmux.wait(for: "the users table") { $0.contains(" of 3") && $0.contains("Last sign-in") }
        #expect(first.contains("admin@demo.example (Administrator)"))
        #expect(first.contains("sort Name ▲"))
        #expect(first.contains("\\x1b[31mRed Alert"), "escape sequences in names are shown, not obeyed")
        #expect(try tmux.alternateScreen(), "the console draws on the alternate screen")

        try tmux.run(["send-keys", "-t", "t", "/", "t", "a", "n", "a", "k", "a"])
        let filtered = try tmux.wait(for: "the filter to apply") { screen in
            screen.contains("filter “tanaka”") && !screen.contains("filtering…") && !screen.contains("of …")
        }
        let rows = filtered.split(separator: "\n").filter { $0.contains("@demo.") && !$0.contains("Administrator") }
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.lowercased().contains("tanaka") }, "every row left matches the filter:\n\(filtered)")

        try tmux.run(["send-keys", "-t", "t", "Enter", "j", "j"])
        try tmux.run(["resize-window", "-t", "t", "-x", "80", "-y", "24"])
        let small = try tmux.wait(for: "the 80x24 layout") { screen in
            !screen.contains("Last sign-in") && screen.contains("filter “tanaka”") && screen.contains("Status")
        }
        let lines = small.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(small.contains("Name") && small.contains("Email") && small.contains("Role"), "80 columns keep Name, Email, Role and Status")

        try tmux.run(["resize-window", "-t", "t", "-x", "40", "-y", "10"])
        _ = try tmux.wait(for: "the too-small message") { $0.lowercased().contains("too small") }
        try tmux.run(["resize-window", "-t", "t", "-x", "1", "-y", "1"])
        // Roster has drawn at 1x1 before the window grows again: its too-small message cut to one cell.
        _ = try tmux.wait(for: "the 1x1 screen") { $0.trimmingCharacters(in: .whitespacesAndNewlines) == "T" }
        try tmux.run(["resize-window", "-t", "t", "-x", "80", "-y", "24"])
        _ = try tmux.wait(for: "the table to come back") { $0.contains("filter “tanaka”") }

        try tmux.run(["send-keys", "-t", "t", "q"])
        let after = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-") }
        #expect(after.contains("ROSTER-EXITED-0"))
        #expect(try !tmux.alternateScreen(), "the terminal is back on its normal screen")
    }

    @Test("keys whose sequences TERM's terminfo doesn't list still work, and none is typed as its characters")
    func foreignSequences() throws {
        // Inside tmux, xterm's terminfo is the wrong one: tmux sends End as ESC [ 4 ~, which
        // ncurses doesn't know, and whose "4" alone would pick the fourth tab (Outbox).
        let (_, tmux) = try Self.openDemo(users: 300, width: 120, height: 40)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 3") && $0.contains("Last sign-in") }
        try tmux.run(["send-keys", "-t", "t", "End"])
        let end = try tmux.wait(for: "the last rows") { $0.contains("–30") && $0.contains("sort Name ▲") }
        #expect(!end.contains("queued"), "still on the users table, not the outbox:\n\(end)")
        try tmux.run(["send-keys", "-t", "t", "Home"])
        _ = try tmux.wait(for: "the first rows") { $0.contains(" 1–") && $0.contains("sort Name ▲") }
    }

    @Test("Ctrl-C leaves the console cleanly")
    func interrupt() throws {
        let (_, tmux) = try Self.openDemo(users: 50, term: "screen-256color", width: 100, height: 30)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of ") && $0.contains("Email") }
        try tmux.run(["send-keys", "-t", "t", "C-c"])
        let after = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-") }
        #expect(after.contains("ROSTER-EXITED-0") || after.contains("ROSTER-EXITED-130"))
        #expect(try !tmux.alternateScreen(), "the terminal is back on its normal screen")
    }

    @Test("SIGTERM ends the console cleanly: the terminal is restored and the exit status says why")
    func terminated() throws {
        let (_, tmux) = try Self.openDemo(users: 50, width: 100, height: 30)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of ") && $0.contains("Email") }
        // The pane runs a shell, and roster is its child.
        let shell = try tmux.run(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        let pid = try #require(children.split(separator: " ").first.flatMap { Int32($0) }, "no roster process under the pane's shell")
        #expect(kill(pid, SIGTERM) == 0)
        let after = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-") }
        #expect(after.contains("ROSTER-EXITED-143"), "128 + SIGTERM")
        #expect(try !tmux.alternateScreen(), "the terminal is back on its normal screen")
    }

    @Test("in the C locale every character on screen is ASCII: box drawing, arrows and accents fall back")
    func asciiLocale() throws {
        let (_, tmux) = try Self.openDemo(users: 100, locale: "C", width: 100, height: 30)
        let screen = try tmux.wait(for: "the users table") { $0.contains(" of 109") }
        #expect(screen.contains("Name^") && screen.contains("sort Name ^"))
        #expect(screen.contains("1-26 of 109"))
        #expect(screen.contains("Aarav Nguyen"), "accents are dropped rather than shown as blanks")
        let nonASCII = screen.filter { !$0.isASCII }
        #expect(nonASCII.isEmpty, "\(screen)")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    @Test("TERM=dumb is refused: it can't move the cursor")
    func dumbTerminal() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "20", Self.shell(cli, term: "dumb", "")])
        let screen = try tmux.wait(for: "the error") { $0.contains("ROSTER-EXITED-") }
        #expect(screen.contains("The terminal “dumb” can't move the cursor"))
        #expect(screen.contains("ROSTER-EXITED-1"))
        #expect(try !tmux.alternateScreen())
    }

    @Test("an unknown TERM is refused with a clear message and the terminal is left alone")
    func unknownTerminal() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "20", Self.shell(cli, term: "no-such-terminal", "")])
        let screen = try tmux.wait(for: "the error") { $0.contains("ROSTER-EXITED-") }
        #expect(screen.contains("Unknown terminal type “no-such-terminal”"))
        #expect(!screen.contains("ROSTER-EXITED-0"))
        #expect(try !tmux.alternateScreen())
    }

    @Test("an operator deactivated from the CLI while their console is open is signed out at their next key")
    func deactivatedWhileOpen() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let created = try cli.run(["users", "create", "--email", "ops@example.com", "--first", "Oona", "--last", "Ops",
                                   "--role", "operations-admin", "--password-stdin", "--no-password-change", "--no-terms"],
                                  stdin: "violet harbour lanterns\n")
        #expect(created.status == 0, "\(created.err)")
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "120", "-y", "40", Self.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("ops@example.com", "violet harbour lanterns")
        _ = try tmux.wait(for: "the users table") { $0.contains("ops@example.com (Operations admin)") && $0.contains(" of 2") }

        let deactivated = try cli.run(["users", "deactivate", "ops@example.com", "--yes"])
        #expect(deactivated.status == 0 && deactivated.out.contains("1 session(s) ended"), "\(deactivated.out)\(deactivated.err)")
        try tmux.run(["send-keys", "-t", "t", "j"])
        let screen = try tmux.wait(for: "the sign-in form with the reason") { $0.contains("deactivated or locked") }
        #expect(!screen.contains("admin@example.com"), "the directory is no longer on screen")
        try tmux.run(["send-keys", "-t", "t", "C-c"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-") }
    }

    @Test("deactivating from the drawer, confirmed in a dialog: the user's CLI session ends and their API key stops")
    func deactivateFromConsole() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li", "--role", "accounts-admin",
                             "--password-stdin", "--no-password-change", "--no-terms"], stdin: "violet harbour lanterns\n").status == 0)
        let key = try cli.run(["keys", "create", "--user", "bo@example.com", "--name", "ci"]).out.trimmingCharacters(in: .whitespacesAndNewlines)
        let bo = try CLI(sharing: cli)
        #expect(try bo.run(["login", "--email", "bo@example.com", "--password-stdin"], stdin: "violet harbour lanterns\n").status == 0)
        #expect(try bo.run(["whoami"]).status == 0 && cli.run(["whoami"], environment: ["ROSTER_API_KEY": key]).status == 0)

        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "120", "-y", "40", Self.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 2") }
        try tmux.run(["send-keys", "-t", "t", "/", "b", "o", "@", "Enter", "Enter"])
        _ = try tmux.wait(for: "the drawer") { $0.contains("First name") && $0.contains("Bo") }
        try tmux.run(["send-keys", "-t", "t", "D"])
        let dialog = try tmux.wait(for: "the dialog") { $0.contains("[ Deactivate ]") }
        let words = dialog.replacingOccurrences(of: "│", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(words.contains("Deactivate Bo Li (bo@example.com)? 1 session will end, 1 API key will be revoked"), "\(dialog)")
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        _ = try tmux.wait(for: "the change reported") { $0.contains("Deactivated bo@example.com: 1 session(s) ended, 1 API key(s) revoked") }
        #expect(try bo.run(["whoami"]).status == 4, "Bo's CLI session ended")
        #expect(try cli.run(["whoami"], environment: ["ROSTER_API_KEY": key]).status == 4, "Bo's key revoked")
        #expect(try cli.run(["audit", "list", "--action", "user.deactivate", "--output", "csv"]).out.contains("bo@example.com"))

        // A stale edit: the CLI changes Bo while the console's dialog is open; confirming writes nothing.
        try tmux.run(["send-keys", "-t", "t", "L"])
        _ = try tmux.wait(for: "the lock dialog") { $0.contains("[ Lock ]") }
        #expect(try cli.run(["users", "edit", "bo@example.com", "--last", "Lima"]).status == 0)
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        // The refusal, and the drawer showing Bo as read again.
        _ = try tmux.wait(for: "the refusal") { $0.contains("Changed by someone else") && $0.contains("Lima") }
        #expect(try cli.run(["users", "show", "bo@example.com", "--json"]).out.contains("\"lockedByAdmin\" : false"))
        try tmux.run(["send-keys", "-t", "t", "Escape", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    @Test("TERM=ansi at 80x24 draws the layout xterm does: title on top, status line whole, footer last",
          arguments: ["ansi", "xterm-256color", "vt100"])
    func sameLayoutEverywhere(term: String) throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", Self.shell(cli, term: term, "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        let screen = try tmux.wait(for: "the users table") { $0.contains(" of 1") }
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix(" Roster  Users") == true, "\(term):\n\(screen)")
        #expect(lines.count >= 24 && lines[22].hasPrefix(" 1–1 of 1"), "\(term):\n\(screen)")
        #expect(lines.count >= 24 && lines[23].contains("? help"), "\(term):\n\(screen)")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    @Test("deleting from the drawer needs the email typed; then the user is gone and the audit row stays")
    func deleteFromConsole() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "30", Self.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 2") }
        try tmux.run(["send-keys", "-t", "t", "/", "b", "o", "@", "Enter", "Enter"])
        _ = try tmux.wait(for: "the drawer") { $0.contains("First name") && $0.contains("Bo") }
        try tmux.run(["send-keys", "-t", "t", "X", "Tab", "Enter"])
        _ = try tmux.wait(for: "the delete dialog") { $0.contains("Type bo@example.com to confirm") }
        #expect(try cli.run(["users", "show", "bo@example.com"]).status == 0, "Enter without the email typed deletes nothing")
        try tmux.run(["send-keys", "-t", "t", "-l", "bo@example.com"])
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        _ = try tmux.wait(for: "the deletion reported") { $0.contains("Deleted bo@example.com for good") }
        #expect(try cli.run(["users", "show", "bo@example.com"]).status == 6)
        #expect(try cli.run(["audit", "list", "--action", "user.delete", "--output", "csv"]).out.contains("bo@example.com"))
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    @Test("a lock made from the CLI shows in an open console within a second, with no key pressed")
    func liveUpdate() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "120", "-y", "30", Self.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 2") }
        #expect(try cli.run(["users", "lock", "bo@example.com", "--yes"]).status == 0)
        let started = Date()
        _ = try tmux.wait(for: "Bo shown locked", timeout: 5) { screen in
            screen.split(separator: "\n").contains { $0.contains("bo@example.com") && $0.contains("locked") }
        }
        #expect(Date().timeIntervalSince(started) < 2, "shown within a second or so of the commit")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    @Test("a must-change-password account signing in to the console sees only the change-password step")
    func mustChangePassword() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let created = try cli.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka",
                                   "--password-stdin", "--no-terms"], stdin: "violet harbour lanterns\n")
        #expect(created.status == 0, "\(created.err)")
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "80", "-y", "24", Self.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("mei@example.com", "violet harbour lanterns")
        let step = try tmux.wait(for: "the change-password step") { $0.contains("Choose a new password") }
        #expect(!step.contains("admin@example.com") && !step.contains("of 2"), "nothing of the directory:\n\(step)")
        try tmux.run(["send-keys", "-t", "t", "-l", "violet harbour lanterns"])
        try tmux.run(["send-keys", "-t", "t", "Tab"])
        try tmux.run(["send-keys", "-t", "t", "-l", "quiet meadow under snow"])
        try tmux.run(["send-keys", "-t", "t", "Tab"])
        try tmux.run(["send-keys", "-t", "t", "-l", "quiet meadow under snow"])
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        let table = try tmux.wait(for: "the users table") { $0.contains("1–1 of 1") }
        #expect(table.contains("mei@example.com") && !table.contains("admin@example.com"), "a standard user sees only themselves")
        #expect(!table.contains("Role"), "no System Role column for a standard user")
        try tmux.run(["send-keys", "-t", "t", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
        #expect(try cli.run(["login", "--email", "mei@example.com", "--password-stdin"], stdin: "quiet meadow under snow\n").status == 0)
    }
}
