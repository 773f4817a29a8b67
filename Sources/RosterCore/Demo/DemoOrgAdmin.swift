import Foundation

extension DemoSeeder {
    static let orgAdminSettingKey = "demo.org-admin"

    /// An org admin whose org has `members` members spread through the whole directory, for
    /// measuring the users table as an org admin sees it (only their org's members). Made once
    /// per demo database and reused; the org and its admin go through the services.
    public func orgAdmin(members: Int) throws -> DemoCredentials {
        let key = "\(Self.orgAdminSettingKey).\(members)"
        if let stored = try roster.stores.read({ tx in try tx.settings.value(for: key) }) {
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
        let users = try roster.stores.totalUsers()
        let step = max(1, users / members)
        try roster.stores.write { tx in
            // Every step-th user id, spread through the whole directory (bulk users are never deleted).
            var added = 0
            var id = Int64(step)
            while added < members - 1, id <= Int64(users) {
                defer { id += Int64(step) }
                let user = UserID(rawValue: id)
                guard user != admin.user.id, try tx.orgs.membership(of: user, in: org.id) == nil,
                      try tx.users.find(user) != nil else { continue }
                try tx.orgs.save(Membership(userId: user, orgId: org.id, role: .member, createdAt: now))
                added += 1
            }
            try tx.settings.set("\(credentials.email) \(credentials.password)", for: key)
        }
        return credentials
    }
}
