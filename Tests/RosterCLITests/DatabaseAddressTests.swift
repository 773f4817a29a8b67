import Foundation
@testable import roster
import RosterCore
import Testing

/// Where the database is: `--db`, else `ROSTER_DB`, else `$XDG_DATA_HOME/roster/roster.sqlite`
/// (an absolute XDG_DATA_HOME only, else `$HOME/.local/share`), and the PostgreSQL key file:
/// `ROSTER_KEY_FILE`, else beside the data. sshd's key lookup resolves it without the parser
/// (`AuthorizedKeysCommand.named`), and must name the same database the parser would.
@Suite("Where the database is")
struct DatabaseAddressTests {
    let postgres = "host=/run/postgresql dbname=roster"

    func with<T>(_ variables: [String: String], _ body: () throws -> T) rethrows -> T {
        try CommandEnvironment.$current.withValue(.inMemory(variables: variables, input: Data(), written: CommandEnvironment.Written())) {
            try body()
        }
    }

    /// The database as the parser's options and as the key lookup's fast path resolve it.
    func resolved(given: String?, _ variables: [String: String]) throws -> (parser: StorageAddress, fastPath: StorageAddress?) {
        try with(variables) { (try DatabaseOptions(path: given).resolvedAddress(), AuthorizedKeysCommand.named(given)) }
    }

    @Test("--db wins over ROSTER_DB, which wins over the default; both ways alike")
    func precedence() throws {
        let home = ["HOME": "/home/ada", "XDG_DATA_HOME": "/data/ada"]
        let cases: [(String?, [String: String], StorageAddress)] = [
            ("/srv/a.sqlite", home.merging(["ROSTER_DB": "/srv/b.sqlite"]) { $1 }, .file("/srv/a.sqlite")),
            (nil, home.merging(["ROSTER_DB": "/srv/b.sqlite"]) { $1 }, .file("/srv/b.sqlite")),
            ("", home.merging(["ROSTER_DB": "/srv/b.sqlite"]) { $1 }, .file("/srv/b.sqlite")),
            (nil, home, .file("/data/ada/roster/roster.sqlite")),
            (nil, home.merging(["ROSTER_DB": ""]) { $1 }, .file("/data/ada/roster/roster.sqlite")),
            (nil, ["HOME": "/home/ada", "XDG_DATA_HOME": "relative/data"], .file("/home/ada/.local/share/roster/roster.sqlite")),
            (nil, ["HOME": "/home/ada"], .file("/home/ada/.local/share/roster/roster.sqlite")),
            ("/srv/./x/../a.sqlite", home, .file("/srv/a.sqlite")),
            (nil, home.merging(["ROSTER_DB": postgres]) { $1 }, try StorageAddress.parse(postgres)),
            (postgres, home.merging(["ROSTER_DB": "/srv/b.sqlite"]) { $1 }, try StorageAddress.parse(postgres)),
        ]
        for (given, variables, expected) in cases {
            let (parser, fastPath) = try resolved(given: given, variables)
            #expect(parser == expected, "\(given ?? "nil") \(variables)")
            #expect(fastPath == expected, "\(given ?? "nil") \(variables)")
        }
    }

    @Test("a PostgreSQL key file is ROSTER_KEY_FILE, else beside the data; an SQLite file's is beside it")
    func keyFiles() throws {
        let address = try StorageAddress.parse(postgres)
        #expect(with(["ROSTER_KEY_FILE": "/etc/roster/pg.key", "XDG_DATA_HOME": "/data/ada"]) {
            DatabaseOptions.keyFile(for: address)
        } == "/etc/roster/pg.key")
        #expect(with(["XDG_DATA_HOME": "/data/ada"]) { DatabaseOptions.keyFile(for: address) } == "/data/ada/roster/postgres.key")
        #expect(with(["ROSTER_KEY_FILE": "", "HOME": "/home/ada"]) { DatabaseOptions.keyFile(for: address) }
                == "/home/ada/.local/share/roster/postgres.key")
        #expect(with(["ROSTER_KEY_FILE": "/etc/roster/pg.key"]) { DatabaseOptions.keyFile(for: .file("/srv/a.sqlite")) }
                == KeyFile.path(forDatabase: "/srv/a.sqlite"))
    }

    @Test("an address with a password is refused both ways, and the key lookup prints no line for it")
    func passwordRefused() {
        let withPassword = "postgresql://roster:secret@db.example/roster"
        #expect(throws: (any Error).self) { try with([:]) { try DatabaseOptions(path: withPassword).resolvedAddress() } }
        #expect(with([:]) { AuthorizedKeysCommand.named(withPassword) } == nil)
    }
}
