import Foundation
import Testing

/// Exit codes scripts can trust (README, `roster --help`): 6 for an id that names nothing,
/// 64 for a value ArgumentParser can refuse before anything runs.
@Suite("Exit codes")
struct ExitCodeCLITests {
    @Test("an unknown id is 6, not found, for every kind of record",
          arguments: [["mail", "retry", "999"], ["resets", "cancel", "999"], ["keys", "revoke", "999", "--yes"],
                      ["users", "ssh-keys", "remove", "999", "--yes"], ["users", "ip-rules", "remove", "bo@example.com", "999", "--yes"],
                      ["users", "show", "nobody@example.com"]])
    func notFound(arguments: [String]) throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        // Someone the administrator may edit (nobody may change their own IP rules).
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        let result = try cli.run(arguments)
        #expect(result.status == 6, "\(arguments.joined(separator: " ")): \(result.err)")
        #expect(result.err.hasPrefix("roster: No "), "\(result.err)")
    }

    @Test("a role, kind, org role or scope that doesn't exist is a usage error that lists the right ones",
          arguments: [["users", "set-role", "admin@example.com", "superuser"],
                      ["users", "create", "--email", "x@example.com", "--first", "X", "--last", "Y", "--kind", "robot"],
                      ["orgs", "add-member", "Acme", "admin@example.com", "--role", "owner"],
                      ["keys", "create", "--name", "ci", "--scope", "all"]])
    func badValue(arguments: [String]) throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        // Someone the administrator may edit (nobody may change their own IP rules).
        #expect(try cli.run(["users", "create", "--email", "bo@example.com", "--first", "Bo", "--last", "Li"]).status == 0)
        let result = try cli.run(arguments)
        #expect(result.status == 64, "\(arguments.joined(separator: " ")): \(result.err)")
        #expect(result.err.contains("Please provide one of"), "\(result.err)")
    }

    @Test("a command run in-process answers exactly as the binary does: status, standard output, standard error",
          arguments: [["users", "show", "nobody@example.com"], ["users", "set-role", "admin@example.com", "superuser"],
                      ["users", "list", "--output", "csv"], ["users", "list", "--json"], ["whoami"], ["users", "create", "--help"],
                      ["audit", "list", "--output", "json", "--limit", "1"], ["users", "export"], ["users", "edit", "nobody@example.com", "--require-mfa", "false"]])
    func inProcessIsFaithful(arguments: [String]) throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let spawned = try cli.spawned.run(arguments)
        let inProcess = try cli.run(arguments)
        #expect(inProcess.status == spawned.status, "\(arguments): \(inProcess.err) vs \(spawned.err)")
        // Times and the audit row's id move between the two runs; the shape must not.
        func shape(_ text: String) -> String { text.replacingOccurrences(of: "[0-9]", with: "#", options: .regularExpression) }
        #expect(shape(inProcess.out) == shape(spawned.out), "\(arguments)")
        #expect(shape(inProcess.err) == shape(spawned.err), "\(arguments)")
    }

    @Test("--help lists the values an enum option takes")
    func helpListsValues() throws {
        let cli = try CLI()
        let help = try cli.run(["users", "create", "--help"])
        #expect(help.out.contains("operations-admin") && help.out.contains("read-only") && help.out.contains("service"))
    }
}
