import Foundation
import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Detail drawer", .serialized)
struct DrawerConsoleTests {
    static let sshKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA6azXgrfYc2vpb+L1/UsjP1FA+n8mZiD/4xu8r7vsd5 mei@laptop"
    static let fingerprint = "SHA256:AbTbWwyvLssOBul602euMOygAvscb8dvOzad6FNQ6P8"

    /// A harness with the table filtered to one ordinary user, who has an SSH key.
    static func onTanaka(size: Size = Size(width: 80, height: 24)) throws -> Harness {
        var h = try Harness(size: size)
        h.press("/")
        h.type("tanaka")
        h.press(.enter)
        let row = try #require(h.users.selectedRow)
        _ = try h.roster.sshKeys.add(sshKey, to: row.id, by: .system("test"))
        return h
    }

    @Test("Enter opens the drawer on the selected user; tabs switch with Tab and digits; Esc closes it")
    func openAndClose() throws {
        var h = try Self.onTanaka()
        let row = try #require(h.users.selectedRow)
        h.press(.enter)
        #expect(h.users.drawer?.detail?.profile.id == row.id)
        #expect(h.performed.contains(.loadDetail(generation: 1, user: row.id)))
        h.press(.tab)
        #expect(h.users.drawer?.tab == .orgs)
        h.press("3")
        #expect(h.users.drawer?.tab == .security)
        h.press(.backTab, .backTab, .backTab)
        #expect(h.users.drawer?.tab == .activity, "Shift-Tab wraps around")
        h.press(.escape)
        #expect(h.users.drawer == nil)
        #expect(h.users.filter == "tanaka", "closing the drawer leaves the table as it was")
    }

    @Test("the Security tab shows lock, password, MFA and terms, and the SSH keys with their fingerprints")
    func security() throws {
        var h = try Self.onTanaka()
        h.press(.enter, "3")
        let text = h.screen().text
        for expected in ["Lock", "Password", "MFA", "Terms", "SSH keys", Self.fingerprint, "ED25519 256", "mei@laptop"] {
            #expect(text.contains(expected), "missing \(expected):\n\(text)")
        }
        try assertGolden(text, named: "drawer-security-80x24")
    }

    @Test("from 120 columns the drawer sits beside the table, which keeps Name and Email")
    func beside() throws {
        var h = try Self.onTanaka(size: Size(width: 120, height: 40))
        h.press(.enter)
        let text = h.screen().text
        #expect(text.contains("Name") && text.contains("Email") && text.contains("First name"))
        try assertGolden(text, named: "drawer-profile-120x40")
    }

    @Test("r reads again: a key added meanwhile appears; a read of a deleted user says so and keeps the console usable")
    func reload() throws {
        var h = try Harness()
        h.press("/")
        h.type("tanaka")
        h.press(.enter, .enter, "3")
        let row = try #require(h.users.selectedRow)
        #expect(!h.screen().text.contains(Self.fingerprint))
        _ = try h.roster.sshKeys.add(Self.sshKey, to: row.id, by: .system("test"))
        h.press("r")
        #expect(h.screen().text.contains(Self.fingerprint))
        _ = try h.roster.users.delete(row.id, by: .system("test"))
        h.press("r")
        #expect(h.users.drawer?.error?.contains("No user") == true, "\(String(describing: h.users.drawer?.error))")
        h.press(.escape, "j")
        #expect(h.users.drawer == nil)
    }

    @Test("screens: the Orgs, API keys, Sessions and Activity tabs at 80x24")
    func otherTabs() throws {
        var h = try Self.onTanaka()
        let id = try #require(h.users.selectedRow?.id)
        h.press(.enter)
        _ = try h.roster.apiKeys.create(for: id, name: "nightly export", scope: .read, expiresInDays: 30, by: .system("test"))
        h.press("r")
        for (key, name) in [("2", "orgs"), ("4", "api-keys"), ("5", "sessions"), ("6", "activity")] {
            h.press(.character(Character(key)))
            try assertGolden(h.screen().text, named: "drawer-\(name)-80x24")
        }
        #expect(h.screen().text.contains("api-key.create") || h.screen().text.contains("API key"))
    }
}

