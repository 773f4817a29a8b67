import Foundation
import RosterTerminal

/// Draws the about screen: label and value lines, the status line and the footer.
enum AboutView {
    static func draw(_ about: AboutState, _ context: ScreenContext, formatting: Formatting, glyphs: Glyphs, on canvas: inout some Canvas) {
        let width = context.size.width
        let labelWidth = 14
        var y = 2
        for (label, value) in lines(about, context, formatting: formatting) where y < context.size.height - 2 {
            if label == "Roster" {
                canvas.put("Roster \(value)", at: Point(x: 2, y: y), style: .accent)
            } else if !label.isEmpty || !value.isEmpty {
                canvas.put(label, at: Point(x: 2, y: y), style: .dim, maxWidth: labelWidth)
                canvas.put(value, at: Point(x: 2 + labelWidth + 1, y: y), maxWidth: max(0, width - labelWidth - 4))
            }
            y += 1
        }
        if let error = about.error {
            canvas.put(error, at: Point(x: 2, y: y + 1), style: .danger, maxWidth: width - 4)
        }
        let statusY = context.size.height - 2
        canvas.fill(Rect(x: 0, y: statusY, width: width, height: 1), style: .header)
        let status = about.loading ? "reading\(glyphs.ellipsis)" : "who you are here, and where your changes go"
        canvas.put(" " + status, at: Point(x: 0, y: statusY), width: width, style: .header, glyphs: glyphs)
        KeyHints(AboutFeature.footerHints(about, context)).draw(at: Point(x: 0, y: context.size.height - 1), width: width, on: &canvas)
    }

    /// The screen's lines as label and value; an empty pair is a blank line.
    static func lines(_ about: AboutState, _ context: ScreenContext, formatting: Formatting) -> [(String, String)] {
        var lines: [(String, String)] = []
        if let facts = about.facts {
            let users = facts.users >= AboutFacts.usersLimit ? "\(Formatting.count(AboutFacts.usersLimit))+" : Formatting.count(facts.users)
            lines += [
                ("Roster", facts.version), ("", ""),
                ("Database", facts.database.map { "\(facts.backend): \($0)" } ?? "not shown to your role (it names files on the server)"),
                ("Signed in as", "\(facts.account), \(facts.role.title)"),
            ]
            if !facts.orgRoles.isEmpty { lines.append(("Org roles", facts.orgRoles.joined(separator: ", "))) }
            lines.append(("You can see", "\(users) user\(facts.users == 1 ? "" : "s") in \(facts.orgs) organization\(facts.orgs == 1 ? "" : "s")"))
            if let session = facts.session {
                lines.append(("This session", "\(session.client ?? "unknown client") from \(session.ip ?? "this machine"), "
                                + "since \(formatting.dateTime(session.since))"))
                if let key = session.sshKey { lines.append(("", "opened with the SSH key \(key)")) }
            }
            lines.append(("", ""))
        }
        lines.append(("This console", "\(context.size.width)x\(context.size.height), \(context.ascii ? "ASCII" : "Unicode"), "
                        + "times in \(context.timeZone.identifier)"))
        lines.append(("Changes", context.readOnly ? "off (roster --read-only)" : "allowed, as Policy lets your role"))
        return lines
    }
}
