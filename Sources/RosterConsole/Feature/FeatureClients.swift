import Foundation
import RosterCore

/// Each feature's client, by screen: the environment's one field for all of them, so a new
/// screen adds nothing to `ConsoleEnvironment`. Tests set a feature's own:
/// `environment.features[OutboxFeature.self] = OutboxClient(...)`.
public struct FeatureClients: Sendable {
    private var clients: [ScreenID: any Sendable] = [:]

    public init() {}

    public subscript<F: ScreenFeature>(_ feature: F.Type) -> F.Client? {
        get { clients[F.screen] as? F.Client }
        set { clients[F.screen] = newValue }
    }

    /// Every feature's live client over the real services.
    static func live(_ services: LiveServices) -> FeatureClients {
        var clients = FeatureClients()
        for feature in ConsoleFeatures.all { feature.installLive(services, in: &clients) }
        return clients
    }

    /// Every change refused, in every feature.
    mutating func makeReadOnly() {
        for feature in ConsoleFeatures.all { feature.installReadOnly(in: &self) }
    }
}

extension ScreenFeature {
    fileprivate static func installLive(_ services: LiveServices, in clients: inout FeatureClients) {
        clients[Self.self] = live(services)
    }

    fileprivate static func installReadOnly(in clients: inout FeatureClients) {
        if let client = clients[Self.self] { clients[Self.self] = readOnly(client) }
    }
}

/// What a feature's live client is built from: the services, and the operator as the
/// database knows them now. Every call acts as that actor, so Policy decides every read and write.
public struct LiveServices: Sendable {
    public var roster: Roster
    /// The operator re-read for a change (and the session checked).
    public var actor: @Sendable () throws -> Actor
    /// The operator for a read: re-read, or the one checked within the last second.
    public var reader: @Sendable () throws -> Actor
    /// Where the data lives, as the operator named it (a file path, a PostgreSQL address without secrets).
    public var database: String
    public var timeZone: ZoneRules
}

/// A change refused by `roster --read-only`.
struct ReadOnlyRefusal: HumanReadableError {
    var message: String { ReadOnlyConsole.refusal }
}
