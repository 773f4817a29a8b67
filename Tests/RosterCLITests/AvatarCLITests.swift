import Foundation
import Testing

@Suite("roster users set-avatar / clear-avatar", .serialized)
struct AvatarCLITests {
    static func image(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("RosterCoreTests/Images/\(name)").path
    }

    @Test("set from a file or standard input, shown by users show (text and JSON), cleared; bad files change nothing")
    func setShowClear() throws {
        let cli = try CLI()
        try cli.initializeAndLogin()
        _ = try cli.run(["users", "create", "--email", "mei@example.com", "--first", "Mei", "--last", "Tanaka"])
        let set = try cli.run(["users", "set-avatar", "mei@example.com", Self.image("red-blue.png")])
        #expect(set.status == 0 && set.out.contains("Set the avatar of mei@example.com: PNG, 32×16 px, 102 bytes."), "\(set.err)")
        #expect(try cli.run(["users", "show", "mei@example.com"]).out.contains("Avatar          PNG, 32×16 px, 102 bytes"))
        let json = try cli.run(["users", "show", "mei@example.com", "--json"]).out
        #expect(json.contains("\"format\" : \"png\"") && json.contains("\"bytes\" : 102"))

        let jpeg = try Data(contentsOf: URL(fileURLWithPath: Self.image("green-photo.jpg")))
        let piped = try cli.run(["users", "set-avatar", "mei@example.com", "-"], stdinData: jpeg)
        #expect(piped.status == 0 && piped.out.contains("JPEG, 640×320 px"), "\(piped.err)")
        let tooBig = try cli.run(["users", "set-avatar", "mei@example.com", "-"], stdinData: jpeg + Data(count: 600_000))
        #expect(tooBig.status != 0 && tooBig.err.contains("smaller than 500 KB"))
        _ = try cli.run(["users", "set-avatar", "mei@example.com", Self.image("red-blue.png")])

        let renamed = cli.home + "/notes.png"
        try "just text".write(toFile: renamed, atomically: true, encoding: .utf8)
        let refused = try cli.run(["users", "set-avatar", "mei@example.com", renamed])
        #expect(refused.status != 0 && refused.err.contains("not a PNG or JPEG image"))
        let broken = try cli.run(["users", "set-avatar", "mei@example.com", Self.image("broken.jpg")])
        #expect(broken.status != 0 && broken.err.contains("The JPEG image could not be read"))
        #expect(try cli.run(["users", "set-avatar", "mei@example.com", "/dev/zero"]).err.contains("not a regular file"))
        #expect(try cli.run(["users", "show", "mei@example.com"]).out.contains("PNG, 32×16 px"), "refusals left the avatar as it was")

        #expect(try cli.run(["users", "clear-avatar", "mei@example.com"]).out.contains("Removed the avatar of mei@example.com."))
        #expect(try cli.run(["users", "show", "mei@example.com"]).out.contains("Avatar          none"))
        let again = try cli.run(["users", "clear-avatar", "mei@example.com"])
        // As with other changes already made: exit 0 for scripts, and it says so.
        #expect(again.status == 0 && (again.out + again.err).contains("mei@example.com has no avatar."))
        let audit = try cli.run(["audit", "list", "--action", "user.avatar.set"]).out + (try cli.run(["audit", "list", "--action", "user.avatar.clear"]).out)
        #expect(audit.contains("user.avatar.set") && audit.contains("user.avatar.clear"))
    }
}
