import Foundation

/// Imports users, memberships and org roles from a file's records (`roster users import`).
///
/// All or nothing: every record is checked (form, then policy and the database, row by row
/// as the actor) before anything is written, and the writes are one transaction with one
/// audit row per user created or changed. Users are matched by email, so running the same
/// file twice changes nothing. An import never removes a user or a membership.
public struct UserImporter: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// Runs (or with `dryRun`, only plans) the import. Throws `ImportRejected` listing every
    /// bad line when there is one (`readProblems`: lines the file reader could not read),
    /// having written nothing but, for policy refusals in a real run, one audit row.
    public func run(_ records: consuming [ImportRecord], options: ImportOptions = ImportOptions(), alsoBad readProblems: [ImportProblem] = [],
                    by actor: Actor) throws -> ImportReport {
        // The records are let go once checked: at 100,000 users each copy is tens of megabytes.
        let (users, formProblems) = ImportForm.check(consume records)
        if !formProblems.isEmpty || !readProblems.isEmpty || options.dryRun {
            // Plan what can be planned even when some lines are bad, so one run lists every bad line.
            let (problems, steps) = try stores.read { tx in
                let now = environment.now()
                guard case .success(let fresh) = try UserService.fresh(actor, in: tx, at: now) else { throw Denial.actorUnavailable }
                let planned = try plan(users, options: options, by: fresh, in: tx, at: now)
                guard case .steps(let steps) = planned else { return (readProblems + formProblems + planned.problems, [ImportStep]()) }
                return (readProblems + formProblems, steps)
            }
            // A refusal met while only planning is an attempt all the same: on the record.
            if problems.contains(where: \.denied) {
                try stores.write { tx in try Self.auditRefusal(problems, dryRun: true, by: actor, in: tx, at: environment.now()) }
            }
            guard problems.isEmpty else { throw Self.rejection(problems) }
            return ImportReport(entries: steps.map(\.entry), invited: 0, dryRun: true)
        }
        let outcome: Result<ImportReport, any Error> = try stores.write { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: "user.import", at: now)
            guard case .success(let fresh) = refreshed else { return .failure(refreshed.denial) }
            let planned = try plan(users, options: options, by: fresh, in: tx, at: now)
            guard case .steps(let steps) = planned else {
                let problems = planned.problems
                // Refusals are audited (once, for the whole file); bad data writes nothing at all.
                if problems.contains(where: \.denied) {
                    try Self.auditRefusal(problems, dryRun: false, by: actor, in: tx, at: now)
                    return .failure(Self.rejection(problems))
                }
                throw Self.rejection(problems)
            }
            return .success(try tx.users.writingMany(newUsers: steps.count(where: \.isNew)) {
                try apply(steps, options: options, by: fresh, in: tx, at: now)
            })
        }
        return try outcome.get()
    }

    /// One denied row for the whole file: the first refused line and how many were refused.
    static func auditRefusal(_ problems: [ImportProblem], dryRun: Bool, by actor: Actor, in tx: StoreTransaction, at now: Date) throws {
        guard let refusal = problems.first(where: \.denied) else { return }
        var details = ["reason": refusal.reason, "line": String(refusal.line), "linesRefused": String(problems.count { $0.denied })]
        if dryRun { details["dryRun"] = "true" }
        _ = try tx.audit.append(AuditEvent(action: "user.import", outcome: .denied, details: details), by: actor, at: now)
    }

    /// The problems of form (no database asked) in `records`: bad emails, names, roles, duplicates.
    public static func formProblems(_ records: [ImportRecord]) -> [ImportProblem] {
        ImportForm.check(records).problems
    }

    /// All the problems, in line order, the first `ImportRejected.listed` of them listed.
    public static func rejection(_ problems: [ImportProblem]) -> ImportRejected {
        let sorted = problems.sorted { $0.line < $1.line }
        return ImportRejected(problems: Array(sorted.prefix(ImportRejected.listed)), total: problems.count,
                              allDenied: problems.allSatisfy(\.denied))
    }
}

