import RosterTerminal

/// Every keymap of the console, for `roster keys` and for checking `config.toml`: one entry
/// per binding, with the id a config file rebinds it by.
public enum ConsoleKeymaps {
    public struct Entry: Sendable, Equatable {
        public var id: String
        public var keymap: String
        public var keys: [Key]
        public var help: String
    }

    public static var all: [Entry] {
        func entries<Action>(_ keymap: Keymap<Action>) -> [Entry] {
            keymap.defaultBindings.map { Entry(id: $0.id, keymap: keymap.title, keys: $0.keys, help: $0.help) }
        }
        // One list per keymap, flattened (a long chain of `+` is slow to type-check). Step
        // screens' keymaps are here too, so their ids are listed and can be rebound.
        let keymaps: [[Entry]] = [
            entries(AppAction.keymap), entries(UsersAction.keymap), entries(FilterAction.keymap), entries(DrawerAction.keymap),
            entries(DialogAction.keymap), entries(FormAction.keymap), entries(PaletteAction.keymap), entries(SecretAction.keymap),
            entries(RolePickerAction.keymap), entries(ReauthAction.keymap), entries(BulkRunAction.keymap), entries(BulkReportAction.keymap),
            entries(ItemPickerAction.keymap), entries(AuditDetailAction.keymap), entries(SignInAction.keymap),
            entries(StepAction.formKeymap), entries(StepAction.termsKeymap), entries(StepAction.codesKeymap),
        ] + ConsoleFeatures.all.flatMap { $0.keymaps.map { $0.entries() } }
        return keymaps.flatMap { $0 }
    }

    /// Checks a rebinding against the keymaps: every id must exist, and no key may answer to
    /// two bindings of one keymap. Returns the first problem, in words.
    public static func problem(with rebound: [String: [Key]]) -> String? {
        let entries = all
        let ids = Set(entries.map(\.id))
        for id in rebound.keys.sorted() where !ids.contains(id) {
            return "keys.\(id): no such binding; `roster keys` lists them."
        }
        for (keymap, group) in Dictionary(grouping: entries, by: \.keymap) {
            var owner: [Key: String] = [:]
            for entry in group {
                for key in rebound[entry.id] ?? entry.keys {
                    if let other = owner[key] {
                        // Name the binding the file changed; the other keeps its default.
                        let (changed, kept) = rebound[entry.id] != nil ? (entry.id, other) : (other, entry.id)
                        return "keys.\(changed): \(key.description) is also “\(group.first { $0.id == kept }?.help ?? kept)” in \(keymap); "
                            + "choose another key, or rebind that one too."
                    }
                    owner[key] = entry.id
                }
            }
        }
        return nil
    }

    /// "ctrl-f", "F2", "enter", "shift-tab", "space", "q": a key as a config file names it.
    public static func key(named name: String) -> Key? {
        let lower = name.lowercased()
        switch lower {
        case "up": return .up
        case "down": return .down
        case "left": return .left
        case "right": return .right
        case "pgup", "pageup": return .pageUp
        case "pgdn", "pagedown": return .pageDown
        case "home": return .home
        case "end": return .end
        case "enter", "return": return .enter
        case "esc", "escape": return .escape
        case "backspace": return .backspace
        case "del", "delete": return .delete
        case "tab": return .tab
        case "shift-tab", "backtab": return .backTab
        case "space": return .character(" ")
        default: break
        }
        if lower.hasPrefix("ctrl-"), lower.count == 6, let c = lower.last, c.isLetter { return .control(c) }
        if lower.hasPrefix("f"), lower.count > 1, let n = Int(lower.dropFirst()), (1...12).contains(n) { return .function(n) }
        if name.count == 1, let c = name.first, !c.isWhitespace, c.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) {
            return .character(c)
        }
        return nil
    }
}
