import RosterCore

/// The settings screen: each system setting with its value and meaning; administrators change
/// one at a time, each checked as typed, confirmed and audited.
public struct SettingsState: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var key: SettingKey
        public var value: String

        public init(key: SettingKey, value: String) {
            self.key = key
            self.value = value
        }
    }

    public var rows: [Row] = []
    public var selected = 0
    public var loading = true
    public var error: String?
    /// The value being edited, and its confirmation.
    public var form: FormState?
    var dialog: ConfirmDialog<SettingsFeature.Work>?
    public var saving = false
    /// What the last change did, or why not.
    public var notice: String?
    public var noticeRefused = false

    public init() {}

    public var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }

    /// Settings whose value is true or false: chosen, not typed.
    static let booleans: Set<SettingKey> = [.mfaRequired, .termsRequiredForNewUsers, .sshKeyAlone]
}

/// What a key does on the settings screen.
public enum SettingsAction: Equatable, Sendable {
    case move(Int)
    case edit
    case reload
}

extension SettingsAction {
    public static let keymap = Keymap<SettingsAction>("Settings", id: "settings", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "change", [.enter, "e"], "change the setting (administrators)", short: "change", footer: true, .edit),
        Binding(id: "read-again", ["r", .control("l")], "read again", .reload),
    ])
}
