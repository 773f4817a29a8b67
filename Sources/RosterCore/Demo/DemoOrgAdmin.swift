import Foundation
import GRDB

extension DemoSeeder {
    static let orgAdminSettingKey = "demo.org-admin"

    /// An org admin whose org has `members` members spread through the whole directory, for
    /// measuring the users table as an org admin sees it (only their org's members). Made once
    /// per demo database and reused; the org and its admin go through the services.
    public func orgAdmin(members: Int) throws -> DemoCredentials {
        let key = "\(Self.orgAdminSettingKey).\(members)"
        if let stored = try roster.database.read({ db in try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = ?", arguments: [key]) }) {
            let parts = stored.split(separator: " ", maxSplits: 1).map(String.init)
            if parts.count == 2 { return DemoCredentials(email: parts[0], password: parts[1]) }
        }
        let system = Actor.system("demo")
        let org = try roster.orgs.create(name: "Demo Org of \(members)", by: system)
        let admin = try roster.users.create(NewUser(
            email: "orgadmin.\(members)@demo.example", firstName: "Demo", lastName: "Org Admin", systemRole: .standard,
            password: .generated, passwordChangeRequired: false, termsAcceptanceRequired: false,
            org: org.id, orgRole: .orgAdmin), by: system)
        guard let password = admin.generatedPassword else { throw RosterError.database(.other("demo password was not generated")) }
        let credentials = DemoCredentials(email: admin.user.email.value, password: password)
        let now = roster.environment.now()
        try roster.database.write { db in
            let users = try Int.fetchOne(db, sql: "SELECT max(id) FROM user") ?? 0
            let step = max(1, users / members)
            try db.execute(sql: """
                INSERT OR IGNORE INTO membership (userId, orgId, role, createdAt, userName, userSearch)
                SELECT id, ?, 'member', ?, name, searchText FROM user WHERE id % ? = 0 AND id != ? LIMIT ?
                """, arguments: [org.id, now, step, admin.user.id, members - 1])
            try db.execute(sql: "INSERT INTO setting (key, value) VALUES (?, ?)", arguments: [key, "\(credentials.email) \(credentials.password)"])
        }
        return credentials
    }
}
