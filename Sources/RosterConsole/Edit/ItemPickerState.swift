import Foundation
import RosterCore
import RosterTerminal

/// Choosing one of a user's API keys or sessions (V, S in the drawer), to revoke or end it.
public struct ItemPickerState: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case revokeKey
        case endSession
        case removeIPRule
    }

    public struct Item: Equatable, Sendable {
        public var id: Int64
        public var label: String
        /// "last used", "seen": said beside the time, in the operator's zone when drawn.
        public var when: String
        public var at: Date?
    }

    public var purpose: Purpose
    public var title: String
    public var items: [Item]
    public var selected = 0

    /// The user's keys still in use, newest first.
    static func keys(_ detail: UserDetail) -> ItemPickerState? {
        let keys = (detail.apiKeys ?? []).filter { $0.revokedAt == nil }
        guard !keys.isEmpty else { return nil }
        return ItemPickerState(purpose: .revokeKey, title: "Revoke an API key of \(detail.profile.fullName)", items: keys.compactMap { key in
            key.id.map { Item(id: $0, label: "\(key.name) (\(key.prefix), \(key.scope.rawValue))", when: "last used", at: key.lastUsedAt) }
        })
    }

    /// The user's IP rules.
    static func ipRules(_ detail: UserDetail) -> ItemPickerState? {
        let rules = detail.ipRules ?? []
        guard !rules.isEmpty else { return nil }
        return ItemPickerState(purpose: .removeIPRule, title: "Remove an IP rule of \(detail.profile.fullName)", items: rules.map { rule in
            Item(id: rule.id, label: rule.cidr, when: "added", at: rule.createdAt)
        })
    }

    /// The user's open sessions.
    static func sessions(_ detail: UserDetail) -> ItemPickerState? {
        let sessions = detail.sessions ?? []
        guard !sessions.isEmpty else { return nil }
        return ItemPickerState(purpose: .endSession, title: "End a session of \(detail.profile.fullName)", items: sessions.map { session in
            Item(id: session.id.rawValue, label: "\(session.client ?? "unknown client") from \(session.ip ?? "this machine")",
                 when: "seen", at: session.lastSeenAt)
        })
    }
}

/// What a key does while choosing an item.
public enum ItemPickerAction: Equatable, Sendable {
    case move(Int)
    case choose
    case cancel
}

extension ItemPickerAction {
    public static let keymap = Keymap<ItemPickerAction>("Choose one", id: "choose-one", [
        Binding(id: "next", ["j", .down], "next", footer: true, .move(1)),
        Binding(id: "previous", ["k", .up], "previous", .move(-1)),
        Binding(id: "choose", [.enter], "choose", footer: true, .choose),
        Binding(id: "cancel", [.escape, .control("c")], "cancel", footer: true, .cancel),
    ])

    /// A key in the picker; Enter asks to confirm revoking or ending the chosen one.
    static func reduce(_ drawer: inout DrawerState, key: Key) {
        guard var picker = drawer.itemPicker else { return }
        switch keymap.action(for: key) {
        case .move(let by):
            picker.selected = (picker.selected + by + picker.items.count) % picker.items.count
            drawer.itemPicker = picker
        case .cancel:
            drawer.itemPicker = nil
        case .choose:
            drawer.itemPicker = nil
            let item = picker.items[picker.selected]
            drawer.dialog = switch picker.purpose {
            case .revokeKey:
                ConfirmDialog(.revokeKey(item.id, drawer.userId), title: "Revoke API key",
                              message: ["Revoke \(item.label) of \(drawer.name)? Anything using it stops working at once; this can't be undone."],
                              confirmLabel: "Revoke")
            case .endSession:
                ConfirmDialog(.endSession(item.id, drawer.userId), title: "End session",
                              message: ["End the session \(item.label) of \(drawer.name)? They are signed out there."],
                              confirmLabel: "End session")
            case .removeIPRule:
                ConfirmDialog(.edit(.removeIPRule(item.id), drawer.userId, expectedVersion: nil), title: "Remove IP rule",
                              message: ["Remove the rule \(item.label) of \(drawer.name)? "
                                + "With no rules left, they may sign in from any address."],
                              confirmLabel: "Remove")
            }
        case nil:
            break
        }
    }

    static func box(_ picker: ItemPickerState, formatting: Formatting) -> PickerBox {
        PickerBox(title: picker.title, query: nil, items: picker.items.map { item in
            PickerBox.Item(label: item.label, hint: item.when + " " + (item.at.map { formatting.dateTime($0) } ?? "never"))
        }, selected: picker.selected)
    }
}
