import RosterTerminal

/// What a key does on the audit screen.
public enum AuditAction: Equatable, Sendable {
    case move(Int)
    case page(Int)
    case first
    case open
    case beginFilter
    case reload
}

extension AuditAction {
    public static let keymap = Keymap<AuditAction>("Audit", [
        Binding(["j", .down], "down", footer: true, .move(1)),
        Binding(["k", .up], "up", .move(-1)),
        Binding([.pageDown, .control("f")], "page down", .page(1)),
        Binding([.pageUp, .control("b")], "page up", .page(-1)),
        Binding(["g", .home], "newest", .first),
        Binding([.enter], "row details", footer: true, .open),
        Binding(["/"], "filter (action: outcome: actor: target: org: since: until:)", short: "filter", footer: true, .beginFilter),
        Binding(["r", .control("l")], "read again, and check the chain", .reload),
    ])
}

/// What a key does while a row's details are open.
public enum AuditDetailAction: Equatable, Sendable {
    case close
}

extension AuditDetailAction {
    public static let keymap = Keymap<AuditDetailAction>("Audit row", [
        Binding([.escape, .enter, .control("c")], "close", footer: true, .close),
    ])
}
