import Foundation
import RosterCore
import RosterTerminal

/// The audit screen (3): the trail the operator may read, newest first, filtered by words,
/// with the chain checked in the background.
enum AuditFeature: ScreenFeature {
    static let screen = ScreenID("audit-trail", title: "Audit", help: "audit trail")
    static var keymap: Keymap<AuditAction> { AuditAction.keymap }
    static var helpKeymaps: [KeymapSummary] {
        [KeymapSummary(title: "Filter words", lines: [
            (keys: "action:", help: "user.create, or user.* for all"), (keys: "outcome:", help: "success, denied, failed"),
            (keys: "actor:", help: "who did it (email)"), (keys: "target:", help: "about whom (email)"),
            (keys: "since:", help: "YYYY-MM-DD"), (keys: "until:", help: "YYYY-MM-DD, inclusive"),
        ])]
    }

    enum Work: Equatable, Sendable {
        /// A page of the trail for the screen's generation `generation`.
        /// `org`: only rows about this organization (name or id), looked up as the operator may see it.
        case load(generation: Int, query: AuditQuery, org: String?, append: Bool)
        /// Walk the chain (it reads every row).
        case verify
    }

    enum Outcome: Equatable, Sendable {
        case loaded(generation: Int, append: Bool, Result<[AuditEntry], AuditReadFailure>)
        /// The chain's state, in words for the header.
        case verified(String)
    }

    static func open(_ parked: AuditState?, _ context: ScreenContext) -> (AuditState, [Work]) {
        var state = parked ?? AuditState()
        let work = parked == nil ? AuditReducer.start(&state, timeZone: context.timeZone) : AuditReducer.reload(&state, timeZone: context.timeZone)
        return (state, work)
    }

    static func capturesKeys(_ state: AuditState) -> Bool { state.editingFilter || state.showing != nil }

    static func reduce(_ state: inout AuditState, key: Key, _ context: ScreenContext) -> [Work] {
        AuditReducer.reduce(&state, key: key, visible: context.visibleRows, timeZone: context.timeZone)
    }

    static func reduce(_ state: inout AuditState, outcome: Outcome, _ context: ScreenContext) -> [Work] {
        switch outcome {
        case .loaded(let generation, let append, let result):
            AuditReducer.loaded(&state, generation: generation, append: append, result, visible: context.visibleRows)
        case .verified(let chain):
            state.chain = chain
        }
        return []
    }

    static func runsApart(_ work: Work) -> Bool { work == .verify }

    static func perform(_ work: Work, _ client: AuditClient) throws -> Outcome {
        switch work {
        case .load(let generation, let query, let org, let append):
            .loaded(generation: generation, append: append, .success(try client.entries(query, org)))
        case .verify:
            .verified(try client.chain())
        }
    }

    static func failed(_ work: Work, _ message: String) -> Outcome {
        switch work {
        case .load(let generation, _, _, let append): .loaded(generation: generation, append: append, .failure(AuditReadFailure(message: message)))
        case .verify: .verified(message)
        }
    }

    static func live(_ services: LiveServices) -> AuditClient {
        let roster = services.roster
        return AuditClient(
            entries: { query, org in
                let actor = try services.reader()
                var query = query
                if let org { query.org = try roster.orgs.find(org, by: actor).id }
                return try roster.audit.entries(query, by: actor)
            },
            chain: {
                // Only those who may read the whole trail see its head; the walk itself reads every row.
                guard let head = try roster.audit.head(by: try services.reader()) else { return "empty" }
                switch try roster.audit.verify(head: head) {
                case .intact(let rows): return "verified through row \(head.id) (\(Formatting.count(rows)) rows)"
                case .broken(let row, let reason, _): return "BROKEN at row \(row): \(reason)"
                }
            })
    }

    /// It only reads.
    static func readOnly(_ client: AuditClient) -> AuditClient { client }

    static func draw(_ state: AuditState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        AuditView.draw(state, context, formatting: formatting, glyphs: glyphs, on: &canvas)
    }
}

/// What the audit screen needs from outside.
struct AuditClient: Sendable {
    /// Rows the operator may read, newest first.
    var entries: @Sendable (AuditQuery, _ org: String?) throws -> [AuditEntry]
    /// The chain's state in words ("verified through row 1,234"), for those who may read the whole trail.
    var chain: @Sendable () throws -> String
}
