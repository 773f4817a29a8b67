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
    public static let keymap = Keymap<AuditAction>("Audit", id: "audit", [
        Binding(id: "down", ["j", .down], "down", footer: true, .move(1)),
        Binding(id: "up", ["k", .up], "up", .move(-1)),
        Binding(id: "page-down", [.pageDown, .control("f")], "page down", .page(1)),
        Binding(id: "page-up", [.pageUp, .control("b")], "page up", .page(-1)),
        Binding(id: "newest", ["g", .home], "newest", .first),
        Binding(id: "row-details", [.enter], "row details", footer: true, .open),
        Binding(id: "filter", ["/"], "filter (action: outcome: actor: target: org: since: until:)", short: "filter", footer: true, .beginFilter),
        Binding(id: "read-again-and-check-the-chain", ["r", .control("l")], "read again, and check the chain", .reload),
    ])
}

/// What a key does while a row's details are open.
public enum AuditDetailAction: Equatable, Sendable {
    case close
}

extension AuditDetailAction {
    public static let keymap = Keymap<AuditDetailAction>("Audit row", id: "audit-row", [
        Binding(id: "close", [.escape, .enter, .control("c")], "close", footer: true, .close),
    ])
}
