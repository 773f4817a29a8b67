import Foundation
import RosterCore

/// Find the target, act, print: the one shape of every command that changes one record (a
/// user, an org, a group). The target is found as the signed-in actor (so one they may not
/// see is "not found"); `confirm` asks before anything changes; a dry run makes the change,
/// reports it and rolls it back. It prints the change's message, or with --json
/// `{"message", "dryRun", KEY}` with the record as it is afterwards (null once deleted, and
/// unchanged after a dry run).
enum TargetChange {
    static func run<Record, Shown: Encodable>(
        _ database: DatabaseOptions, dryRun: Bool, json: Bool, key: String,
        find: (Roster, Actor) throws -> Record,
        confirm: (Record) throws -> Void,
        act: (Roster, Actor, Record) throws -> String,
        after: (Roster, Actor, Record) -> Shown?
    ) throws {
        let context = try Context(database, dryRun: dryRun)
        let actor = try context.actor()
        let record = try find(context.roster, actor)
        try confirm(record)
        let message = try act(context.roster, actor, record)
        guard json else { Output.line(Confirmation.report(message, dryRun: dryRun)); return }
        try Output.json(Report(message: message, dryRun: dryRun, key: key, record: after(context.roster, actor, record)))
    }

    /// The JSON answer, with the record under its own name ("user", "org", "group").
    private struct Report<Shown: Encodable>: Encodable {
        var message: String
        var dryRun: Bool
        var key: String
        var record: Shown?

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(message, forKey: Key(stringValue: "message"))
            try container.encode(dryRun, forKey: Key(stringValue: "dryRun"))
            try container.encode(record, forKey: Key(stringValue: key))
        }
    }
}
