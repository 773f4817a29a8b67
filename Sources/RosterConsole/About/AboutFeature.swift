import Foundation
import RosterCore
import RosterTerminal

/// The about screen (6): the version, the database, the signed-in account and its session.
enum AboutFeature: ScreenFeature {
    static let screen = ScreenID("about", title: "About", help: "about this Roster")
    static var keymap: Keymap<AboutAction> { AboutAction.keymap }

    enum Work: Equatable, Sendable {
        case load
    }

    enum Outcome: Equatable, Sendable {
        case loaded(Result<AboutFacts, ScreenReadFailure>)
    }

    static func open(_ parked: AboutState?, _ context: ScreenContext) -> (AboutState, [Work]) {
        var state = parked ?? AboutState()
        state.loading = true
        return (state, [.load])
    }

    static func capturesKeys(_ state: AboutState) -> Bool { false }

    static func reduce(_ state: inout AboutState, key: Key, _ context: ScreenContext) -> [Work] {
        switch keymap.action(for: key) {
        case .reload?:
            state.loading = true
            return [.load]
        case nil:
            return []
        }
    }

    static func reduce(_ state: inout AboutState, outcome: Outcome, _ context: ScreenContext) -> [Work] {
        switch outcome {
        case .loaded(.success(let facts)):
            state.facts = facts
            state.error = nil
        case .loaded(.failure(let failure)):
            state.error = failure.message
        }
        state.loading = false
        return []
    }

    static func perform(_ work: Work, _ client: AboutClient) throws -> Outcome {
        .loaded(.success(try client.facts()))
    }

    static func failed(_ work: Work, _ message: String) -> Outcome {
        .loaded(.failure(ScreenReadFailure(message: message)))
    }

    static func live(_ services: LiveServices) -> AboutClient {
        AboutClient(facts: {
            let roster = services.roster
            let actor = try services.reader()
            let orgs = try roster.orgs.all(by: actor)
            let names = Dictionary(orgs.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
            // Plain statements rather than a closure over `actor`: the optimizer of Swift 6.3
            // crashes on that shape ("outside of lifetime use") in release builds.
            var session: Session?
            if let user = actor.userId, let current = actor.sessionId {
                let sessions = try roster.auth.sessions(of: user, by: actor)
                session = sessions.first { $0.id == current }
            }
            return AboutFacts(
                version: Roster.version, database: Policy.checkRead(.settings, by: actor) == nil ? services.database : nil, account: actor.label, role: actor.systemRole,
                orgRoles: actor.orgRoles.compactMap { id, role in names[id].map { "\($0) (\(role.title.lowercased()))" } }.sorted(),
                users: try roster.users.count(matching: nil, upTo: AboutFacts.usersLimit, by: actor), orgs: orgs.count,
                session: session.map { .init(client: $0.client, ip: $0.ip, since: $0.createdAt, sshKey: $0.sshKey) })
        })
    }

    /// It only reads.
    static func readOnly(_ client: AboutClient) -> AboutClient { client }

    static func draw(_ state: AboutState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        AboutView.draw(state, context, formatting: formatting, glyphs: glyphs, on: &canvas)
    }
}

/// What the about screen needs from outside.
struct AboutClient: Sendable {
    var facts: @Sendable () throws -> AboutFacts
}
