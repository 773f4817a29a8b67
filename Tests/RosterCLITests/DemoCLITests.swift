import Foundation
import Testing

@Suite("roster demo", .serialized)
struct DemoCLITests {
    @Test("demo --db creates the database where it is told, with the users asked for, and reuses it next time")
    func demoDatabasePath() throws {
        let cli = try CLI()
        let path = cli.home + "/elsewhere/demo.sqlite"
        try FileManager.default.createDirectory(atPath: cli.home + "/elsewhere", withIntermediateDirectories: true)
        let created = try cli.run(["demo", "--db", path, "--users", "40", "--no-console"])
        #expect(created.status == 0, "\(created.err)")
        #expect(created.out.contains("Demo administrator: admin@demo.example / "))
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: cli.home + "/share/roster/demo.sqlite"), "the default path is left alone")

        // The root command's --db, typed before the subcommand, means the same file.
        let reused = try cli.run(["--db", path, "demo", "--no-console"])
        #expect(reused.out.contains("Reusing the demo database \(path)"))
        let listed = try cli.run(["users", "list", "--json"], environment: ["ROSTER_API_KEY": ""])
        #expect(listed.status != 0, "the demo did not touch ROSTER_DB's database: nobody is signed in there")
    }

    @Test("demo refuses a database that already holds real users")
    func demoRefusesRealDatabase() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        let refused = try cli.run(["demo", "--db", cli.database, "--no-console"])
        #expect(refused.status == 1)
        #expect(refused.err.contains("is not a demo database; choose another path with --db"))
    }
}
