import Foundation
import Testing
@testable import RosterCore

@Suite("Avatars: PNG or JPEG by content, under 500 KB, set by whoever may edit the profile")
struct AvatarTests {
    static func image(_ name: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Images/\(name)"))
    }

    @Test("a PNG is decoded with libpng: its size, and a preview that keeps colors, shape and transparency")
    func png() throws {
        let image = try AvatarImage(data: try Self.image("red-blue.png"))
        #expect(image.format == .png && image.width == 32 && image.height == 16)
        #expect(image.preview.width == 16 && image.preview.height == 8, "fits 16 pixels wide, keeping 2:1")
        let left = try #require(image.preview.color(x: 2, y: 1)), right = try #require(image.preview.color(x: 13, y: 1))
        #expect(left.red == 255 && left.blue == 0 && right.blue == 255 && right.red == 0)
        #expect(image.preview.color(x: 2, y: 7) == nil, "the transparent rows stay transparent")
    }

    @Test("a JPEG is decoded with libjpeg, scaled while decoding, and its own size is kept")
    func jpeg() throws {
        let image = try AvatarImage(data: try Self.image("green-photo.jpg"))
        #expect(image.format == .jpeg && image.width == 640 && image.height == 320)
        #expect(image.preview.width == 16 && image.preview.height == 8)
        let pixel = try #require(image.preview.color(x: 8, y: 4))
        #expect(pixel.green > 180 && pixel.red < 30 && pixel.blue < 30)
    }

    @Test("what is not an acceptable image is refused with what to do, by content and not by name",
          arguments: [
              ("broken.png", "PNG"), ("broken.jpg", "JPEG"), ("truncated.jpg", "JPEG"),
          ])
    func brokenImages(name: String, format: String) throws {
        let error = try #require(throws: AvatarProblem.self) { try AvatarImage(data: try Self.image(name)) }
        guard case .undecodable(let found, let reason) = error else { Issue.record("got \(error)"); return }
        #expect(found.title == format && !reason.isEmpty)
        #expect(error.message.contains("Save it again"))
    }

    @Test("a progressive JPEG repeating its scans (seconds of CPU in a few KB) is refused past 100 scans")
    func scanBomb() throws {
        let error = try #require(throws: AvatarProblem.self) { try AvatarImage(data: try Self.image("many-scans.jpg")) }
        #expect(error == .undecodable(format: .jpeg, reason: "more than 100 progressive scans"), "\(error)")
    }

    @Test("empty, too large, not an image, or claiming too many pixels: each says why")
    func refusals() throws {
        #expect(throws: AvatarProblem.empty) { try AvatarImage(data: Data()) }
        #expect(throws: AvatarProblem.tooLarge(bytes: 512_000)) { try AvatarImage(data: Data(count: 512_000)) }
        #expect(throws: AvatarProblem.notAnImage) { try AvatarImage(data: Data("GIF89a, or a renamed text file".utf8)) }
        #expect(throws: AvatarProblem.tooManyPixels(width: 5000, height: 5000)) { try AvatarImage(data: try Self.image("huge.png")) }
        #expect(AvatarProblem.tooLarge(bytes: 600_000).message.contains("smaller than 500 KB"))
    }

    @Test("files: only regular files are read, never past the limit")
    func files() throws {
        #expect(throws: AvatarProblem.unreadable(path: "/dev/zero", reason: "not a regular file")) {
            try AvatarImage(contentsOf: "/dev/zero")
        }
        #expect(throws: AvatarProblem.self) { try AvatarImage(contentsOf: "/nonexistent/avatar.png") }
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Images")
        #expect(try AvatarImage(contentsOf: folder.appendingPathComponent("red-blue.png").path).format == .png)
    }

    @Test("setting one is audited, shown in the detail, bumps the version; clearing it too; deleting the user removes it", arguments: Backend.all)
    func setAndClear(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ana = try f.user("ana@example.com", .standard)
        let image = try AvatarImage(data: try Self.image("red-blue.png"))
        let avatar = try f.roster.users.setAvatar(image, of: ana.id, expectedVersion: ana.version, by: f.root)
        #expect(avatar.format == .png && avatar.byteCount == image.data.count && avatar.preview == image.preview)
        let row = try f.lastAudit()
        #expect(row.action == "user.avatar.set" && row.details.contains("\"width\":\"32\""))
        #expect(try f.roster.users.detail(of: ana.id, by: f.root).avatar == avatar)
        #expect(throws: RosterError.changedBySomeoneElse("User ana@example.com")) {
            try f.roster.users.setAvatar(image, of: ana.id, expectedVersion: ana.version, by: f.root)
        }
        try f.roster.users.clearAvatar(of: ana.id, by: f.root)
        #expect(try f.lastAudit().action == "user.avatar.clear")
        #expect(try f.roster.users.detail(of: ana.id, by: f.root).avatar == nil)
        let rows = try f.auditCount()
        #expect(throws: RosterError.unchanged("ana@example.com has no avatar.")) { try f.roster.users.clearAvatar(of: ana.id, by: f.root) }
        #expect(try f.auditCount() == rows, "nothing to clear writes nothing")
        _ = try f.roster.users.setAvatar(image, of: ana.id, by: f.root)
        _ = try f.roster.users.delete(ana.id, by: f.root)
        let left = try f.roster.users.stores.read { tx in try tx.users.avatar(of: ana.id) }
        #expect(left == nil)
    }

    @Test("an org admin sets the avatar of their org's members, not of people outside the org", arguments: Backend.all)
    func orgAdmin(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let acme = try f.roster.orgs.create(name: "Acme", by: f.root).id
        let globex = try f.roster.orgs.create(name: "Globex", by: f.root).id
        let lead = try f.user("lead@example.com", .standard, org: acme, orgRole: .orgAdmin)
        let member = try f.user("member@example.com", .standard, org: acme)
        let outsider = try f.user("outsider@example.com", .standard, org: globex)
        let image = try AvatarImage(data: try Self.image("red-blue.png"))
        _ = try f.roster.users.setAvatar(image, of: member.id, by: try f.actor(lead))
        #expect(try f.roster.users.avatar(of: member.id, by: f.root) != nil)
        // Outside what the org admin can see: refused as if Outsider did not exist (`Denial.hidden`).
        #expect(throws: RosterError.userNotFound(String(outsider.id.rawValue))) {
            try f.roster.users.setAvatar(image, of: outsider.id, by: try f.actor(lead))
        }
        #expect(try f.roster.users.avatar(of: outsider.id, by: f.root) == nil)
    }

    @Test("people set their own; a peer or a lower rank may not, and the refusal is audited", arguments: Backend.all)
    func policy(_ backend: Backend) throws {
        let f = try Fixture(backend)
        let ana = try f.user("ana@example.com", .standard)
        let bo = try f.user("bo@example.com", .standard)
        let admin = try f.user("admin@example.com", .administrator)
        let image = try AvatarImage(data: try Self.image("green-photo.jpg"))
        _ = try f.roster.users.setAvatar(image, of: ana.id, by: try f.actor(ana))
        #expect(throws: RosterError.userNotFound(String(ana.id.rawValue))) { try f.roster.users.setAvatar(image, of: ana.id, by: try f.actor(bo)) }
        #expect(try f.lastAudit().outcome == .denied && f.lastAudit().action == "user.avatar.set")
        #expect(throws: RosterError.userNotFound(String(admin.id.rawValue))) { try f.roster.users.clearAvatar(of: admin.id, by: try f.actor(ana)) }
    }
}
