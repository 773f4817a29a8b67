import Foundation
import Testing

/// `users export` and `users import` on the real binary: files as HR systems and
/// spreadsheets write them, every bad one refused with line numbers and nothing written.
@Suite("Import and export")
struct TransferCLITests {
    static let header = "email,first_name,last_name,kind,role,org,org_role\n"

    func prepared() throws -> CLI {
        let cli = try CLI()
        try cli.initializeAndLogin()
        #expect(try cli.run(["orgs", "create", "Acme"]).status == 0)
        return cli
    }

    func write(_ cli: CLI, _ name: String, _ contents: Data) throws -> String {
        let path = cli.home + "/" + name
        try contents.write(to: URL(fileURLWithPath: path))
        return path
    }

    /// What a bad import must leave alone: the users and the audit trail (read without writing:
    /// an export would add its own audit row).
    func state(_ cli: CLI) throws -> String {
        let users = try cli.run(["users", "list", "--all", "--output", "csv"]).out
        let audit = try cli.run(["audit", "head"]).out
        return users + audit
    }

    @Test("export, then import into a fresh database: the same users, orgs and org roles; a second import changes nothing")
    func roundTrip() throws {
        let cli = try prepared()
        let csv = Self.header + """
            ana@example.com,Ana,"Souza, Jr",,,Acme,org-admin
            bo@example.com,=Bo,Li,standard,accounts-admin,,
            cy@example.com,Cy,Ng,read-only,read-only,Acme,read-only

            """
        let file = try write(cli, "in.csv", Data(csv.utf8))
        let first = try cli.run(["users", "import", file])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("3 created (3 invited"), "\(first.out)")
        let again = try cli.run(["users", "import", file])
        #expect(again.out.contains("0 created, 0 updated, 3 unchanged"), "\(again.out)")

        let export = try cli.run(["users", "export", "--sort", "email", "--file", cli.home + "/out.csv"])
        #expect(export.status == 0, "\(export.err)")
        let attributes = try FileManager.default.attributesOfItem(atPath: cli.home + "/out.csv")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let exported = try String(contentsOfFile: cli.home + "/out.csv", encoding: .utf8)
        #expect(exported.contains("ana@example.com,Ana,\"Souza, Jr\",standard,standard,Acme,org-admin\n"), "\(exported)")
        // A cell a spreadsheet would run as a formula is written inert, and read back as it was.
        #expect(exported.contains("bo@example.com,'=Bo,Li,standard,accounts-admin,,\n"), "\(exported)")

        let other = try CLI()
        try other.initializeAndLogin()
        #expect(try other.run(["orgs", "create", "Acme"]).status == 0)
        let imported = try other.run(["users", "import", cli.home + "/out.csv", "--no-invite"])
        #expect(imported.status == 0, "\(imported.err)")
        #expect(try other.run(["users", "export", "--sort", "email"]).out == exported)
        let json = try other.run(["users", "export", "--format", "json"])
        let decoded = try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]]
        #expect(decoded?.count == 4)
    }

    static let badFiles: [(String, String, [Int])] = [
        ("missing column", header + "ana@example.com,Ana\n", [2]),
        ("extra column", header + "ana@example.com,Ana,Souza,,,,,surplus\n", [2]),
        ("duplicate email, other case", header + "ana@example.com,Ana,Souza,,,,\nANA@example.com,Ana,Souza,,,,\n", [3]),
        ("unknown role and org", header + "ana@example.com,Ana,Souza,,wizard,,\nbo@example.com,Bo,Li,,,Nowhere,\n", [2, 3]),
        ("control character in a name", header + "ana@example.com,\"An\u{1B}[31ma\",Souza,,,,\n", [2]),
        ("quoted newline shifts the line count", header + "ana@example.com,Ana,\"Sou\nza\",,,,\nbad,Bo,Li,,,,\n", [2, 4]),
        ("unknown header", "mail,first_name,last_name\nana@example.com,Ana,Souza\n", [1, 1]),
        ("empty file", "", [1]),
    ]

    @Test("a bad file is refused with line numbers, exit 1, and nothing written", arguments: badFiles)
    func badFile(name: String, contents: String, lines: [Int]) throws {
        let cli = try prepared()
        let before = try state(cli)
        let file = try write(cli, "bad.csv", Data(contents.utf8))
        let result = try cli.run(["users", "import", file])
        #expect(result.status == 1, "\(name): \(result.err)")
        let reported = result.err.split(separator: "\n").compactMap { line -> Int? in
            guard line.hasPrefix("roster: line ") else { return nil }
            return Int(line.dropFirst("roster: line ".count).prefix { $0.isNumber })
        }
        #expect(reported == lines, "\(name): \(result.err)")
        #expect(result.err.contains("nothing was imported"), "\(name)")
        #expect(try state(cli) == before, "\(name)")
    }

    @Test("a BOM and CRLF line ends are read as a spreadsheet means them")
    func bomAndCRLF() throws {
        let cli = try prepared()
        let file = try write(cli, "excel.csv", Data([0xEF, 0xBB, 0xBF]) + Data("email,first_name,last_name\r\nana@example.com,Ana,Souza\r\n".utf8))
        let result = try cli.run(["users", "import", file, "--json"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.contains("\"created\" : 1"))
        #expect(try cli.run(["users", "show", "ana@example.com", "--json"]).out.contains("\"lastName\" : \"Souza\""))
    }

    @Test("bytes that are not UTF-8, JSON that is not an array of objects, and a file over 64 MiB are refused")
    func unreadable() throws {
        let cli = try prepared()
        let before = try state(cli)
        let latin1 = try write(cli, "latin1.csv", Data("email,first_name,last_name\nana@example.com,Ana,".utf8) + Data([0xE9, 0x0A]))
        let result = try cli.run(["users", "import", latin1])
        #expect(result.status == 1 && result.err.contains("line 2: this line is not UTF-8"), "\(result.err)")
        let object = try cli.run(["users", "import", "-", "--format", "json"], stdin: "{\"email\": \"a@example.com\"}")
        #expect(object.status == 1 && object.err.contains("not a JSON array of objects"), "\(object.err)")
        let big = cli.home + "/big.csv"
        FileManager.default.createFile(atPath: big, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: big))
        try handle.truncate(atOffset: 100 << 20)
        try handle.close()
        let huge = try cli.run(["users", "import", big])
        #expect(huge.status == 1 && huge.err.contains("larger than 64 MiB"), "\(huge.err)")
        #expect(try state(cli) == before)
    }

    @Test("a dry run prints the plan and writes nothing; --update applies a changed line")
    func dryRunAndUpdate() throws {
        let cli = try prepared()
        #expect(try cli.run(["users", "create", "--email", "ana@example.com", "--first", "Ana", "--last", "Souza"]).status == 0)
        let file = try write(cli, "change.csv", Data((Self.header + "ana@example.com,Ana,Costa,,,Acme,member\nnew@example.com,New,One,,,,\n").utf8))
        let before = try state(cli)
        let dry = try cli.run(["users", "import", file, "--dry-run", "--update"])
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("line 2: update ana@example.com (last_name, org Acme)") && dry.out.contains("line 3: create new@example.com"), "\(dry.out)")
        #expect(try state(cli) == before)
        let refused = try cli.run(["users", "import", file])
        #expect(refused.status == 1 && refused.err.contains("--update"))
        let applied = try cli.run(["users", "import", file, "--update"])
        #expect(applied.status == 0 && applied.out.contains("1 created") && applied.out.contains("1 updated"), "\(applied.out)\(applied.err)")
        #expect(try cli.run(["audit", "list"]).out.contains("user.update"))
    }

    @Test("list filters and --output csv")
    func listFilters() throws {
        let cli = try prepared()
        let file = try write(cli, "in.csv", Data((Self.header + "ana@example.com,Ana,Souza,,,Acme,\nbo@example.com,Bo,Li,,accounts-admin,,\n").utf8))
        #expect(try cli.run(["users", "import", file]).status == 0)
        let acme = try cli.run(["users", "list", "--org", "Acme", "--output", "csv"])
        #expect(acme.out.hasPrefix("ID,NAME,EMAIL,ROLE,STATUS"), "\(acme.out)")
        #expect(acme.out.contains("ana@example.com") && !acme.out.contains("bo@example.com"), "\(acme.out)")
        let admins = try cli.run(["users", "list", "--role", "accounts-admin"])
        #expect(admins.out.contains("bo@example.com") && !admins.out.contains("ana@example.com"))
        #expect(try cli.run(["users", "list", "--mfa", "sometimes"]).status == 64)
    }
}
