import Crypto
import Foundation

/// Reads and changes system settings. Changes are for administrators and audited.
public struct SettingsService: Sendable {
    let stores: any Stores
    let environment: CoreEnvironment

    public init(stores: any Stores, environment: CoreEnvironment) {
        self.stores = stores
        self.environment = environment
    }

    /// The settings in force: stored values over defaults.
    /// The settings in force, for operations admins and administrators.
    public func current(by actor: Actor) throws -> SystemSettings {
        try stores.authorizedRead("settings.view", by: actor, at: environment.now()) { tx, actor in
            if let denial = Policy.checkRead(.settings, by: actor) { return .failure(RefusedRead("settings.view", nil, denial)) }
            return .success(try Self.load(tx.settings))
        }
    }

    /// The password rules, for anyone choosing a password: every refusal says them anyway.
    public func passwordPolicy() throws -> PasswordPolicy {
        try current().passwordPolicy
    }

    func current() throws -> SystemSettings {
        try stores.read { tx in try Self.load(tx.settings) }
    }

    static func load(_ store: any SettingsStore) throws -> SystemSettings {
        var settings = SystemSettings()
        let stored = try store.all()
        for key in SettingKey.allCases {
            // A value that no longer validates falls back to the default rather than locking everyone out.
            if let text = stored[key.rawValue] { try? key.apply(text, to: &settings) }
        }
        return settings
    }

    /// Sets one setting; returns the settings now in force.
    @discardableResult
    public func set(_ key: SettingKey, to text: String, by actor: Actor) throws -> SystemSettings {
        try stores.writeAudited { tx in
            let now = environment.now()
            let refreshed = try UserService.current(actor, in: tx, attempting: "settings.set", at: now)
            guard case .success(let actor) = refreshed else { return .failure(refreshed.denial) }
            var settings = try Self.load(tx.settings)
            let event = AuditEvent(action: "settings.set", details: ["key": key.rawValue, "value": text])
            if let denial = Policy.checkSettingsChange(by: actor, at: now, reauthenticateMinutes: settings.reauthenticateMinutes) {
                var deniedEvent = AuditEvent.denied("settings.set", nil, denial)
                deniedEvent.details["key"] = key.rawValue
                _ = try tx.audit.append(deniedEvent, by: actor, at: now)
                return .failure(denial)
            }
            let old = key.value(in: settings)
            try key.apply(text, to: &settings)
            let asked = "Set \(key.rawValue) to \(key.value(in: settings).prefix(60)) (was \(old.prefix(60)))"
            if let waiting = try ApprovalGate.file(.setSetting(key: key.rawValue, value: text), summary: asked, by: actor, in: tx, at: now) {
                return .failure(waiting)
            }
            let new = key.value(in: settings)
            try tx.settings.set(new, for: key.rawValue)
            var recorded = event
            // Long texts are recorded by length and digest; the audit row stays a line.
            func summary(_ value: String) -> String {
                value.count <= 200 ? value : "\(value.count) characters, sha256 \(Data(SHA256.hash(data: Data(value.utf8))).hex.prefix(16))"
            }
            recorded.details = ["key": key.rawValue, "from": summary(old), "to": summary(new)]
            _ = try tx.audit.append(recorded, by: actor, at: now)
            return .success(settings)
        }
    }
}
