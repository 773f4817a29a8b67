import Foundation
import RosterCore
import RosterTerminal

/// One line of a drawer tab: a label column and a value, or a heading.
struct DrawerLine: Equatable {
    var label: String
    var value: String
    var style: Style = .normal
    /// A row of a picture (two pixels a cell), drawn where the value goes.
    var picture: [Tint] = []

    static func heading(_ text: String) -> DrawerLine { DrawerLine(label: text, value: "", style: .accent) }
    static func note(_ text: String) -> DrawerLine { DrawerLine(label: "", value: text, style: .dim) }
}

/// What each tab says, as lines: state in, lines out, so tests read them without a screen.
enum DrawerLines {
    static func lines(_ drawer: DrawerState, formatting f: Formatting, now: Date, glyphs: Glyphs) -> [DrawerLine] {
        if let error = drawer.error { return [DrawerLine(label: "", value: error, style: .danger)] }
        guard let detail = drawer.detail else { return [.note("reading\(glyphs.ellipsis)")] }
        let p = detail.profile
        func hidden(_ what: String) -> [DrawerLine] { [.note("You may not view \(what) of this account.")] }
        switch drawer.tab {
        case .profile:
            var lines = [
                DrawerLine(label: "First name", value: p.firstName),
                DrawerLine(label: "Last name", value: p.lastName),
                DrawerLine(label: "Email", value: p.email.value),
                DrawerLine(label: "Kind", value: p.kind.title),
            ]
            // The System Role only for readers who may see it; otherwise no line at all.
            if let role = p.systemRole { lines.append(DrawerLine(label: "System role", value: role.title)) }
            for lent in p.elevations {
                guard lent.elevation.endsAt > now else { continue }
                let left = Formatting.span(lent.elevation.endsAt.timeIntervalSince(now))
                lines += [DrawerLine(label: "Elevated", value: lent.roleTitle, style: .accent),
                          .note("\(left) left"), .note("until \(f.dateTime(lent.elevation.endsAt))"), .note("by \(lent.elevation.grantedBy)"),
                          .note(lent.elevation.reason)]
            }
            lines += [
                DrawerLine(label: "Status", value: p.status == .active ? "active" : "deactivated", style: p.status == .active ? .ok : .dim),
                DrawerLine(label: "Time zone", value: p.timeZone ?? "not set (the server's)"),
                DrawerLine(label: "Log out after", value: p.logOutAfterMinutes.map { "\($0) min idle" } ?? "the system's limit"),
                DrawerLine(label: "Created", value: f.dateTime(p.createdAt)),
                DrawerLine(label: "Last sign-in", value: f.dateTime(p.lastSignInAt)),
            ]
            return lines + avatar(detail.avatar, glyphs: glyphs)
        case .orgs:
            guard !p.memberships.isEmpty else { return [.note("Not a member of any organization.")] }
            return p.memberships.map {
                DrawerLine(label: $0.orgName, value: $0.role.title + ($0.orgRequiresMFA ? "  (org requires MFA)" : ""))
            }
        case .security:
            return security(detail, formatting: f, now: now)
        case .apiKeys:
            guard let keys = detail.apiKeys else { return hidden("the API keys") }
            guard !keys.isEmpty else { return [.note("No API keys.")] }
            return keys.flatMap { key -> [DrawerLine] in
                let state = key.revokedAt != nil ? "revoked \(f.dateTime(key.revokedAt))"
                    : key.expiresAt.map { $0 <= now ? "expired \(f.dateTime($0))" : "expires \(f.date($0))" } ?? "never expires"
                return [
                    DrawerLine(label: key.name, value: "rst_\(key.prefix)_…  \(key.scope.rawValue)", style: key.isUsable(at: now) ? .normal : .dim),
                    DrawerLine(label: "", value: "last used \(f.dateTime(key.lastUsedAt)), \(state)", style: .dim),
                ]
            }
        case .sessions:
            guard let sessions = detail.sessions else { return hidden("the sessions") }
            guard !sessions.isEmpty else { return [.note("No open sessions.")] }
            return sessions.flatMap { session -> [DrawerLine] in
                var lines = [
                    DrawerLine(label: session.ip ?? "local", value: session.client ?? "unknown client"),
                    DrawerLine(label: "", value: "since \(f.dateTime(session.createdAt)), last seen \(f.dateTime(session.lastSeenAt))", style: .dim),
                ]
                if let key = session.sshKey { lines.append(DrawerLine(label: "", value: "SSH key \(key)", style: .dim)) }
                return lines
            }
        case .activity:
            guard let rows = detail.activity else { return hidden("the activity") }
            guard !rows.isEmpty else { return [.note("No audit rows by or about this account.")] }
            return rows.map { row in
                let by = row.actorId == p.id ? "" : " by \(row.actor)"
                return DrawerLine(label: f.dateTime(row.at), value: "\(row.action)\(by)" + (row.outcome == .success ? "" : " (\(row.outcome.rawValue))"),
                                  style: row.outcome == .success ? .normal : .warning)
            }
        }
    }

    /// The avatar's format and size, then its preview in half blocks (where glyphs allow).
    static func avatar(_ avatar: Avatar?, glyphs: Glyphs) -> [DrawerLine] {
        guard let avatar else { return [DrawerLine(label: "Avatar", value: "none (v sets one)", style: .dim)] }
        var lines = [DrawerLine(label: "Avatar", value: AvatarForm.describe(avatar.format, width: avatar.width, height: avatar.height,
                                                                            bytes: avatar.byteCount))]
        guard glyphs.halfBlock != nil else { return lines }
        let preview = avatar.preview
        func rgb(_ x: Int, _ y: Int) -> RGB? { preview.color(x: x, y: y).map { RGB($0.red, $0.green, $0.blue) } }
        for y in stride(from: 0, to: preview.height, by: 2) {
            lines.append(DrawerLine(label: "", value: "", picture: (0..<preview.width).map { Tint(top: rgb($0, y), bottom: rgb($0, y + 1)) }))
        }
        return lines
    }

    static func security(_ detail: UserDetail, formatting f: Formatting, now: Date) -> [DrawerLine] {
        let p = detail.profile
        let lock: DrawerLine = switch p.lock(at: now) {
        case .unlocked: DrawerLine(label: "Lock", value: "not locked", style: .ok)
        case .byAdministrator: DrawerLine(label: "Lock", value: "locked by an administrator", style: .warning)
        case .until(let until): DrawerLine(label: "Lock", value: "locked after failed sign-ins until \(f.dateTime(until))", style: .warning)
        }
        let mfa: DrawerLine = p.mfaEnabled
            ? DrawerLine(label: "MFA", value: "on" + (detail.mfaEnrolledAt.map { " since \(f.date($0))" } ?? ""), style: .ok)
            : DrawerLine(label: "MFA", value: p.mfaEnrollmentRequired ? "off, enrollment required" : "off", style: p.mfaEnrollmentRequired ? .warning : .dim)
        var lines = [
            lock,
            DrawerLine(label: "Password", value: p.passwordChangeRequired ? "must be changed at next sign-in" : "set", style: p.passwordChangeRequired ? .warning : .normal),
            mfa,
        ]
        if p.mfaEnabled { lines.append(DrawerLine(label: "Recovery codes", value: "\(detail.recoveryCodesLeft) left")) }
        lines.append(DrawerLine(label: "Terms", value: p.termsAcceptedAt.map { "accepted \(f.dateTime($0))" }
            ?? (p.termsAcceptanceRequired ? "not yet accepted" : "not required")))
        if let resets = detail.pendingResets {
            lines.append(DrawerLine(label: "Reset links", value: resets.isEmpty ? "none pending" : "\(resets.count) pending"))
            for reset in resets {
                lines.append(DrawerLine(label: "", value: "\(reset.purpose == .reset ? "password reset" : "account info") by \(reset.createdBy), until \(f.dateTime(reset.expiresAt))", style: .dim))
            }
        }
        if let rules = detail.ipRules {
            lines.append(DrawerLine(label: "IP rules", value: rules.isEmpty ? "any address" : rules.map(\.cidr).joined(separator: ", ")))
        }
        lines.append(.heading("SSH keys"))
        if let keys = detail.sshKeys {
            if keys.isEmpty { lines.append(.note("No SSH keys: add one with `roster users ssh-keys add`.")) }
            for key in keys {
                lines.append(DrawerLine(label: "\(key.typeLabel) \(key.bits)", value: key.fingerprint))
                lines.append(DrawerLine(label: "", value: "\(key.comment.isEmpty ? "" : key.comment + ", ")added \(f.date(key.createdAt)), last used \(f.dateTime(key.lastUsedAt))", style: .dim))
            }
        } else {
            lines.append(.note("You may not view the SSH keys of this account."))
        }
        return lines
    }
}
