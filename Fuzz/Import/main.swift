// Fuzz target: an import file (CSV, JSON or JSON Lines) read by ImportFileReader and planned
// by the real UserImporter on an in-memory database, as a dry run, by one of three actors.
// Input: the first byte picks the format and the actor; the rest is the file.
// Properties: never crashes; a dry run creates and changes nothing; every problem names a
// line of the file; a member who may create nobody never gets a plan that creates or
// changes an account; an org admin's plan never touches an account outside their org.
import Foundation
import RosterCore

/// The world each input is planned against, rebuilt now and then so the audit trail (which
/// records refused dry runs) stays small.
final class World: @unchecked Sendable {  // libFuzzer calls the target on one thread only
    var roster: Roster
    var actors: [Actor]
    var hidden: Set<String>
    var runs = 0

    init() {
        (roster, actors, hidden) = World.build()
    }

    static func build() -> (Roster, [Actor], Set<String>) {
        let clock = Date(timeIntervalSince1970: 1_800_000_000)
        let environment = CoreEnvironment(
            now: { clock },
            randomBytes: { count in (0..<count).map { _ in UInt8.random(in: 0...255) } },
            passwordHasher: PasswordHasher(parameters: .testing),
            secrets: { try SecretBox(keyBytes: Array(repeating: 42, count: 32)) })
        do {
            let roster = Roster(database: try AppDatabase.inMemory(), environment: environment)
            let root = Actor.system("fuzz")
            let acme = try roster.orgs.create(name: "Acme", by: root)
            _ = try roster.orgs.create(name: "Hidden", by: root)
            func user(_ email: String, _ role: SystemRole, org: OrgID?, orgRole: OrgRole = .member) throws -> Actor {
                let created = try roster.users.create(NewUser(email: email, firstName: "F", lastName: "L", systemRole: role,
                                                              password: .none, passwordChangeRequired: false,
                                                              termsAcceptanceRequired: false, org: org, orgRole: orgRole), by: root)
                let roles = org.map { [$0: orgRole] } ?? [:]
                return Actor(identity: .user(created.user.id, created.user.email), systemRole: role, orgRoles: roles)
            }
            let admin = try user("admin@example.com", .administrator, org: nil)
            let orgAdmin = try user("oa@example.com", .standard, org: acme.id, orgRole: .orgAdmin)
            let member = try user("m@example.com", .standard, org: acme.id)
            _ = try user("outside@example.com", .standard, org: nil)
            return (roster, [admin, orgAdmin, member], ["admin@example.com", "outside@example.com"])
        } catch {
            fatalError("setting up the world failed: \(error)")
        }
    }
}

nonisolated(unsafe) let world = World()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    guard count > 0 else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    let selector = Int(bytes[0])
    let format = TransferFormat.allCases[selector % 3]
    let actorIndex = (selector / 3) % 3
    let data = Data(bytes.dropFirst())
    world.runs += 1
    if world.runs % 2000 == 0 { (world.roster, world.actors, world.hidden) = World.build() }
    // Lines as the readers may count them: LF, CRLF, and (in CSV, as RFC 4180 readers do) a lone CR.
    var lines = 1
    for (index, byte) in data.enumerated() where byte == 0x0A || byte == 0x0D && (index + 1 == data.count || data[data.startIndex + index + 1] != 0x0A) {
        lines += 1
    }

    var records: [ImportRecord]
    var readProblems: [ImportProblem] = []
    do {
        records = try ImportFileReader.records(data, format: format)
    } catch let unreadable as ImportFileReader.Unreadable {
        precondition(!unreadable.problems.isEmpty, "unreadable with no reason")
        records = unreadable.records
        readProblems = unreadable.problems
    } catch {
        fatalError("the reader threw something other than Unreadable: \(error)")
    }
    for problem in readProblems { precondition((1...max(1, lines + 1)).contains(problem.line), "line \(problem.line) of \(lines)") }

    let before = (try? world.roster.users.count(matching: nil, by: Actor.system("fuzz"))) ?? -1
    let actor = world.actors[actorIndex]
    do {
        let report = try world.roster.importer.run(records, options: ImportOptions(update: true, dryRun: true),
                                                   alsoBad: readProblems, by: actor)
        precondition(report.dryRun)
        for entry in report.entries {
            if actorIndex == 2 { precondition(entry.change == .unchanged, "a member planned \(entry.change) for \(entry.email)") }
            if actorIndex >= 1 { precondition(!world.hidden.contains(entry.email.lowercased()), "planned a hidden account \(entry.email)") }
        }
    } catch let rejected as ImportRejected {
        precondition(!rejected.problems.isEmpty && rejected.total >= rejected.problems.count)
        for problem in rejected.problems { precondition(problem.line >= 1 && !problem.reason.isEmpty) }
    } catch {
        // A record no front end could build (say, more than 64 MiB) may be refused otherwise; never a crash.
    }
    let after = (try? world.roster.users.count(matching: nil, by: Actor.system("fuzz"))) ?? -2
    precondition(before == after, "a dry run changed the number of users: \(before) → \(after)")
    return 0
}
