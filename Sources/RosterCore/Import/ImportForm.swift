import Foundation

/// A user as an import file describes them, checked for form (no database yet): one per
/// email, with the memberships of all their lines gathered.
struct ImportedUser: Sendable, Equatable {
    struct Membership: Sendable, Equatable {
        var org: String
        var role: OrgRole
        var line: Int
    }

    var line: Int
    var email: Email
    var firstName: String
    var lastName: String
    /// Nil when the file leaves it empty: the default for a new user, unchanged for an existing one.
    var kind: AccountKind?
    var role: SystemRole?
    var memberships: [Membership]
}

/// The checks an import file must pass before the database is asked anything.
enum ImportForm {
    static func check(_ records: [ImportRecord]) -> (users: [ImportedUser], problems: [ImportProblem]) {
        var users: [ImportedUser] = []
        var problems: [ImportProblem] = []
        var indexByEmail: [String: Int] = [:]
        for record in records {
            func problem(_ reason: String) { problems.append(ImportProblem(line: record.line, reason: reason)) }
            let parsed: ImportedUser
            do {
                parsed = try user(from: record)
            } catch let error as HumanReadableError {
                problem(error.message)
                continue
            } catch {
                problem("\(error)")
                continue
            }
            guard let index = indexByEmail[parsed.email.value] else {
                indexByEmail[parsed.email.value] = users.count
                users.append(parsed)
                continue
            }
            // Several lines may name one user to give them several orgs, and must agree on the rest.
            let first = users[index]
            if let disagreement = disagreement(first, parsed) {
                problem("\(parsed.email) is also on line \(first.line) with a different \(disagreement); a user's lines must agree.")
            } else if let membership = parsed.memberships.first {
                if let same = first.memberships.first(where: { $0.org.caseInsensitiveCompare(membership.org) == .orderedSame }) {
                    problem("\(parsed.email) in \(membership.org) is already on line \(same.line); each user and org once.")
                } else {
                    users[index].memberships.append(membership)
                }
            } else {
                problem("\(parsed.email) is already on line \(first.line) (emails are matched ignoring case); each user once per org.")
            }
        }
        return (users, problems)
    }

    static func user(from record: ImportRecord) throws -> ImportedUser {
        func given(_ text: String?) -> String? {
            let trimmed = text?.trimmingWhitespace() ?? ""
            return trimmed.isEmpty ? nil : trimmed
        }
        guard given(record.email) != nil else { throw RosterError.emptyField("email") }
        let email = try Email(record.email)
        let firstName = try Field.name(record.firstName, "first_name")
        let lastName = try Field.name(record.lastName, "last_name")
        let kind = try given(record.kind).map(AccountKind.init(name:))
        let role = try given(record.role).map(SystemRole.init(name:))
        let orgRole = try given(record.orgRole).map(OrgRole.init(name:))
        var memberships: [ImportedUser.Membership] = []
        if let org = given(record.org) {
            memberships.append(.init(org: try Field.name(org, "org"), role: orgRole ?? .member, line: record.line))
        } else if orgRole != nil {
            throw LineError(message: "org_role is given without an org; name the org or leave org_role empty.")
        }
        return ImportedUser(line: record.line, email: email, firstName: firstName, lastName: lastName, kind: kind, role: role,
                            memberships: memberships)
    }

    private static func disagreement(_ a: ImportedUser, _ b: ImportedUser) -> String? {
        if a.firstName != b.firstName { return "first_name" }
        if a.lastName != b.lastName { return "last_name" }
        if a.kind != b.kind { return "kind" }
        if a.role != b.role { return "role" }
        return nil
    }
}

/// A reason a line is bad that no domain error says.
struct LineError: HumanReadableError {
    let message: String
}
