import Foundation
import RosterCore
import RosterTestSupport
import Testing

/// Drawer actions in the real console under tmux: what a person sees and copies.
@Suite("Console drawer actions under tmux", .serialized, .enabled(if: Tmux.isInstalled, Comment(rawValue: Tmux.missing)))
struct TmuxDrawerTests {
    static let boPassword = "violet harbour lanterns"

    /// An administrator signed in to the console, with Bo (password set, nothing pending) in the table.
    static func consoleWithBo(_ cli: CLI) throws -> Tmux {
        let created = try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li", "--password-stdin",
                                   "--no-password-change", "--no-terms"], stdin: boPassword + "\n")
        #expect(created.status == 0, "\(created.err)")
        let tmux = try Tmux()
        try tmux.run(["new-session", "-d", "-s", "t", "-x", "100", "-y", "30", TmuxConsoleTests.shell(cli, term: "xterm-256color", "")])
        _ = try tmux.wait(for: "the sign-in form") { $0.contains("Email") && $0.contains("Password") }
        try tmux.signIn("admin@example.com", CLI.adminPassword)
        _ = try tmux.wait(for: "the users table") { $0.contains(" of 2") }
        try tmux.run(["send-keys", "-t", "t", "/", "b", "o", "@", "Enter", "Enter"])
        _ = try tmux.wait(for: "Bo's drawer") { $0.contains("First name") && $0.contains("Bo") }
        return tmux
    }

    @Test("a new API key is shown once: copied from the screen it works, and once closed it is nowhere on screen")
    func showOnceAPIKey() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let tmux = try Self.consoleWithBo(cli)
        try tmux.run(["send-keys", "-t", "t", "K"])
        _ = try tmux.wait(for: "the key form") { $0.contains("New API key for Bo Li") && $0.contains("Expires in days") }
        try tmux.run(["send-keys", "-t", "t", "-l", "nightly export"])
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        _ = try tmux.wait(for: "the confirmation") { $0.contains("Create the read API key “nightly export” for Bo Li") }
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        let shown = try tmux.wait(for: "the key shown once") { $0.contains("Copy it now") }
        let key = try #require(shown.split(separator: "\n").compactMap { line in
            line.split(separator: " ").first { $0.hasPrefix("rst_") }.map(String.init)
        }.first, "the key on one line:\n\(shown)")
        let whoami = try cli.run(["whoami"], environment: ["ROSTER_API_KEY": key])
        #expect(whoami.status == 0 && whoami.out.contains("bo@example.com"), "\(whoami.out)\(whoami.err)")
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        let after = try tmux.wait(for: "the dialog closed") { $0.contains("can't be shown again") && !$0.contains("Copy it now") }
        #expect(!after.contains(key))
        #expect(try cli.run(["audit", "list", "--action", "api-key.create", "--output", "csv"]).out.contains("bo@example.com"))
        try tmux.run(["send-keys", "-t", "t", "Escape", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }

    @Test("reset MFA from the console: Bo's authenticator stops being asked for, and the reset is audited")
    func resetMFA() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        // Bo enrolls in MFA from their own CLI session (their own config directory).
        let bo = ["XDG_CONFIG_HOME": cli.home + "/bo-config"]
        let tmux = try Self.consoleWithBo(cli)
        #expect(try cli.run(["login", "--email", "bo@example.com", "--password-stdin"], stdin: Self.boPassword + "\n", environment: bo).status == 0)
        let enroll = try cli.run(["mfa", "enroll", "--password-stdin"], stdin: Self.boPassword + "\n", environment: bo)
        let secretLine = try #require(enroll.out.split(separator: "\n").first { $0.contains("type this secret") }, "\(enroll.out)\(enroll.err)")
        let secret = try #require(Base32.decode(String(secretLine.split(separator: " ").last ?? "")))
        #expect(try cli.run(["mfa", "confirm", TOTP(secret: secret).code(at: Date())], environment: bo).status == 0)
        let needsCode = try cli.run(["login", "--email", "bo@example.com", "--password-stdin"], stdin: Self.boPassword + "\n", environment: bo)
        #expect(needsCode.status == 4, "MFA on: a code is asked for")

        try tmux.run(["send-keys", "-t", "t", "r", "M"])
        _ = try tmux.wait(for: "the reset dialog") { $0.contains("Reset MFA for Bo Li") }
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        _ = try tmux.wait(for: "the reset reported") { $0.contains("MFA reset for bo@example.com") }
        let signIn = try cli.run(["login", "--email", "bo@example.com", "--password-stdin"], stdin: Self.boPassword + "\n", environment: bo)
        #expect(signIn.status == 0, "no code asked for now: \(signIn.err)")
        #expect(try cli.run(["audit", "list", "--action", "mfa.reset", "--output", "csv"]).out.contains("bo@example.com"))
        try tmux.run(["send-keys", "-t", "t", "Escape", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
    }
}

extension TmuxDrawerTests {
    @Test("an avatar set from the console is drawn as colored half blocks on a 256-color terminal")
    func avatarPreview() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let tmux = try Self.consoleWithBo(cli)
        let image = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RosterCoreTests/Images/red-blue.png").path
        try tmux.run(["send-keys", "-t", "t", "v"])
        _ = try tmux.wait(for: "the avatar form") { $0.contains("Avatar for Bo Li") }
        try tmux.run(["send-keys", "-t", "t", "-l", image])
        try tmux.run(["send-keys", "-t", "t", "Enter"])
        _ = try tmux.wait(for: "the confirmation") { $0.contains("PNG, 32×16 px, 102 bytes?") }
        try tmux.run(["send-keys", "-t", "t", "Tab", "Enter"])
        _ = try tmux.wait(for: "the preview") { $0.contains("▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀") }
        // With escapes: red (196) over red on the left half, blue (21) on the right.
        let colored = try tmux.run(["capture-pane", "-p", "-e", "-t", "t"])
        #expect(colored.contains("38;5;196") && colored.contains("48;5;196") && colored.contains("38;5;21"), "\(colored)")
        try tmux.run(["send-keys", "-t", "t", "Escape", "q"])
        _ = try tmux.wait(for: "roster to exit") { $0.contains("ROSTER-EXITED-0") }
        #expect(try cli.run(["users", "show", "bo@example.com"]).out.contains("PNG, 32×16 px, 102 bytes"))
    }
}
