import Foundation
@testable import RosterConsole
import RosterCore
import RosterTerminal
import Testing

@Suite("Avatars from the drawer: a file's path, checked, confirmed, previewed", .serialized)
struct AvatarConsoleTests {
    static func image(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RosterCoreTests/Images/\(name)").path
    }

    @Test("v asks for a file; a bad one is refused beside the path; a good one is confirmed, set, and previewed in half blocks")
    func setAvatar() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        #expect(h.screen().text.contains("Avatar           none (v sets one)"))
        h.press("v")
        #expect(h.users.drawer?.form?.title == "Avatar for Liam Tanaka")
        h.press(.enter)
        #expect(h.users.drawer?.form?.fields[0].problem == "Type the image file's path.", "nothing is read for an empty path")
        h.type(Self.image("broken.jpg"))
        h.press(.enter)
        let problem = try #require(h.users.drawer?.form?.fields[0].problem)
        #expect(problem.hasPrefix("The JPEG image could not be read"), "\(problem)")
        #expect(h.users.drawer?.dialog == nil)
        h.press(.control("u"))
        h.type(Self.image("red-blue.png"))
        h.press(.enter)
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.joined().contains("to red-blue.png: PNG, 32×16 px, 102 bytes?"), "\(dialog.message)")
        #expect(dialog.focus == .cancel)
        h.press(.tab, .enter)
        #expect(h.users.drawer?.notice == "Set their avatar: PNG, 32×16 px.")
        #expect(try h.roster.audit.recent(limit: 1, by: .system("test")).first?.action == "user.avatar.set")
        #expect(try h.roster.users.avatar(of: row.id, by: .system("test"))?.byteCount == 102)
        let screen = h.screen()
        #expect(screen.text.contains("Avatar           PNG, 32×16 px, 102 bytes"))
        // 16×8 pixels: four rows of half blocks, red on the left, blue on the right, the last row's bottom transparent.
        let rows = screen.text.split(separator: "\n").filter { $0.contains("▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀▀") }
        #expect(rows.count == 4)
        #expect(screen.styleLayer.split(separator: "\n").filter { $0.contains("pppppppppppppppp") }.count == 4)
        try assertGolden(screen.text, named: "drawer-avatar-80x24")
    }

    @Test("the preview's colors reach the terminal as the nearest of its palette; a terminal without colors draws none")
    func previewColors() throws {
        let red = RGB(255, 0, 0), blue = RGB(0, 0, 255)
        let style = Style.picture(Tint(top: red, bottom: blue))
        #expect(Theme.colors256.appearance(of: style) == Appearance(foreground: .indexed(196), background: .indexed(21)))
        #expect(Theme.colors16.appearance(of: style) == Appearance(foreground: .ansi(9), background: .ansi(4)), "pure blue is nearest xterm's blue (0,0,238)")
        #expect(Theme.colors256.appearance(of: .picture(Tint(top: nil, bottom: RGB(128, 128, 128)))).foreground == .default)
        #expect(RGB(128, 128, 128).nearest256 == 244 && RGB(0, 0, 0).nearest256 == 16)
        #expect(!Theme.monochrome.draws(style) && Theme.colors16.draws(style))
    }

    @Test("C asks before removing it, and says so when there is none; an ASCII terminal gets the line without the picture")
    func clearAvatar() throws {
        var (h, row) = try DialogConsoleTests.drawerOnTanaka()
        h.press("C")
        #expect(h.users.drawer?.notice == "They have no avatar; v sets one." && h.users.drawer?.dialog == nil)
        _ = try h.roster.users.setAvatar(try AvatarImage(contentsOf: Self.image("green-photo.jpg")), of: row.id, by: .system("test"))
        h.press("r", "C")
        let dialog = try #require(h.users.drawer?.dialog)
        #expect(dialog.message.joined().contains("JPEG, 640×320 px"), "\(dialog.message)")
        h.press(.tab, .enter)
        #expect(h.users.drawer?.notice == "Removed their avatar.")
        #expect(try h.roster.users.avatar(of: row.id, by: .system("test")) == nil)
        let lines = DrawerLines.avatar(try AvatarImage(contentsOf: Self.image("green-photo.jpg")).asAvatar(of: row.id), glyphs: .ascii)
        #expect(lines.count == 1 && lines[0].value == "JPEG, 640×320 px, 3.7 KB")
    }
}

extension AvatarImage {
    func asAvatar(of user: UserID) -> Avatar {
        Avatar(userId: user, format: format, width: width, height: height, byteCount: data.count, preview: preview,
               setAt: Date(timeIntervalSince1970: 0), setBy: "test")
    }
}

@Suite("Over SSH the console reads and writes no file on the server")
struct OverSSHConsoleTests {
    @Test("v and x say at once how to do it with a command over SSH, asking for no path")
    func noServerFiles() throws {
        var h = try Harness()
        guard case .users(var users) = h.state.screen else { Issue.record("no table"); return }
        users.overSSH = true
        h.state.screen = .users(users)
        h.press(" ", "x")
        #expect(h.users.exportForm == nil && h.users.notice?.hasPrefix("Over SSH, files on the server are not written") == true)
        h.press(.enter)
        h.press("v")
        #expect(h.users.drawer?.form == nil)
        #expect(h.users.drawer?.notice?.contains("users set-avatar") == true, "\(h.users.drawer?.notice ?? "")")
        #expect(h.screen().text.contains("Over SSH"))
    }
}
