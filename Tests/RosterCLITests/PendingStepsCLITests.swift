import Foundation
import Testing

/// Pending steps gate every command alike, decided in RosterCore (issue: security model).
@Suite("Pending steps on the command line", .serialized)
struct PendingStepsCLITests {
    /// An administrator signed in, terms set, and a new user (who must accept them) signed in in `user`.
    static func newUser() throws -> (admin: CLI, user: CLI) {
        let admin = try CLI()
        try admin.initializeAndLogin()
        let terms = admin.home + "/terms.txt"
        try "Be kind.\nKeep secrets secret.\n".write(toFile: terms, atomically: true, encoding: .utf8)
        let set = try admin.run(["terms", "set", terms])
        #expect(set.status == 0, "\(set.err)")
        let created = try admin.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka",
                                     "--password-stdin", "--no-password-change"], stdin: "violet harbour lanterns\n")
        #expect(created.status == 0, "\(created.err)")
        let user = try CLI(sharing: admin)
        let login = try user.run(["login", "--email", "mei@example.com", "--password-stdin"], stdin: "violet harbour lanterns\n")
        #expect(login.status == 0 && login.out.contains("accept the terms"), "\(login.out)")
        return (admin, user)
    }

    @Test("an account that must accept the terms can read them and answer, and nothing else")
    func termsGate() throws {
        let (_, user) = try Self.newUser()
        let blocked = try user.run(["users", "show", "mei@example.com"])
        #expect(blocked.status == 4 && blocked.err.contains("roster terms show"), "\(blocked.err)")
        let shown = try user.run(["terms", "show"])
        #expect(shown.status == 0 && shown.out == "Be kind.\nKeep secrets secret.\n")
        #expect(try user.run(["terms", "accept"]).status == 0)
        let after = try user.run(["users", "show", "mei@example.com", "--json"])
        #expect(after.status == 0 && after.out.contains("\"termsAcceptedAt\""), "\(after.err)")
    }

    @Test("declining the terms signs out; the next command is not signed in")
    func decline() throws {
        let (admin, user) = try Self.newUser()
        let declined = try user.run(["terms", "decline"])
        #expect(declined.status == 0 && declined.out.contains("signed out"))
        #expect(try user.run(["users", "show", "mei@example.com"]).status == 4)
        let audit = try admin.run(["audit", "list", "--limit", "5"])
        #expect(audit.out.contains("terms.decline"))
    }

    @Test("a must-change-password account is told what to do, and may change it")
    func passwordGate() throws {
        let admin = try CLI()
        try admin.initializeAndLogin()
        _ = try admin.run(["users", "create", "--email", "ada@example.com", "--first", "Ada", "--last", "Lovelace",
                           "--password-stdin", "--no-terms"], stdin: "violet harbour lanterns\n")
        let user = try CLI(sharing: admin)
        _ = try user.run(["login", "--email", "ada@example.com", "--password-stdin"], stdin: "violet harbour lanterns\n")
        let blocked = try user.run(["users", "list"])
        #expect(blocked.status == 4 && blocked.err.contains("roster passwd") && blocked.out.isEmpty)
        let changed = try user.run(["passwd", "--password-stdin"], stdin: "violet harbour lanterns\nquiet meadow under snow\n")
        #expect(changed.status == 0, "\(changed.err)")
        #expect(try user.run(["users", "list"]).status == 0)
    }
}
