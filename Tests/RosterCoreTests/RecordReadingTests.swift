import Foundation
import GRDB
import Testing
@testable import RosterCore
import RosterTestSupport

/// Users and SSH keys come back from storage exactly as they went in, every field set or
/// unset; SQLite reads them column by column (`User(row:)`, `SSHKey(row:)`), not through Codable.
@Suite("Records read back")
struct RecordReadingTests {
    static func everyField(_ f: Fixture) throws -> User {
        User(id: UserID(rawValue: 0), email: try Email("all.fields@example.com"), firstName: "Zoë", lastName: "O'Brien", kind: .readOnly,
             systemRole: .accountsAdmin, status: .deactivated, lockedByAdmin: true, lockedUntil: f.clock.now.addingTimeInterval(3_600.5),
             failedSignIns: 3, passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA", passwordChangeRequired: true,
             mfaEnrollmentRequired: true, mfaEnabled: true, termsAcceptanceRequired: false, termsAcceptedAt: f.clock.now.addingTimeInterval(-86_400.25),
             timeZone: "Europe/Berlin", logOutAfterMinutes: 15, createdAt: f.clock.now.addingTimeInterval(-1_000_000.125),
             lastSignInAt: f.clock.now.addingTimeInterval(-60.75), version: 1)
    }

    @Test("a user reads back as written, with every optional field set and with none", arguments: Backend.all)
    func users(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let full = try Self.everyField(f)
        var bare = full
        bare.email = try Email("no.options@example.com")
        (bare.lockedUntil, bare.passwordHash, bare.termsAcceptedAt, bare.timeZone, bare.logOutAfterMinutes, bare.lastSignInAt) =
            (nil, nil, nil, nil, nil, nil)
        for draft in [full, bare] {
            let stored = try f.roster.stores.write { tx in try tx.users.insert(draft) }
            var expected = draft
            expected.id = stored.id
            #expect(try f.roster.stores.read { tx in try tx.users.find(stored.id) } == expected)
            #expect(try f.roster.stores.read { tx in try tx.users.find(email: draft.email) } == expected)
        }
    }

    @Test("a stored value this version does not know is an error that names the column, not a crash")
    func unknownValue() throws {
        let f = try Fixture(.sqlite)
        let stored = try f.roster.stores.write { tx in try tx.users.insert(try Self.everyField(f)) }
        // As a newer roster might store it (the CHECK constraint set aside to get it there).
        try f.database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE user SET kind = 'robot' WHERE id = ?", arguments: [stored.id])
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        #expect {
            try f.roster.stores.read { tx in try tx.users.find(stored.id) }
        } throws: { "\($0)".contains("kind") && "\($0)".contains("robot") }
    }

    @Test("an SSH key reads back as registered, last use and all", arguments: Backend.all)
    func sshKeys(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ana = try f.roster.stores.write { tx in try tx.users.insert(try Self.everyField(f)) }
        let key = try f.roster.sshKeys.add(SampleKeys.ed25519, to: ana.id, by: f.root)
        #expect(try f.roster.stores.read { tx in try tx.credentials.sshKey(fingerprint: key.fingerprint) } == key)
        #expect(try f.roster.sshKeys.keys(of: ana.id, by: f.root) == [key])
    }
}
