import ArgumentParser
import Foundation
import RosterCore

struct SetAvatar: RosterCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-avatar",
        abstract: "Set a user's avatar from a PNG or JPEG file smaller than 500 KB.",
        discussion: "The format is decided by the file's content, which must decode; the name doesn't matter. Use - to read standard input.")

    @OptionGroup var target: UserTarget
    @Argument(help: "The image file, or - for standard input.", completion: .file(extensions: ["png", "jpg", "jpeg"])) var file: String
    @Option(help: "Refuse the change if the user's version is no longer this (from `users show --json`).") var expectVersion: Int?

    func execute() throws {
        // A path over SSH is refused before anything is opened.
        guard file == "-" || !RemoteSession.isActive else {
            throw RemoteSession.refuse("Over SSH, give the image on standard input with `-` (ssh roster@host users set-avatar USER - < picture.png); paths on the server are not read.")
        }
        // Standard input is read no further than the limit (a longer one is refused as too large).
        let piped = file == "-" ? CommandEnvironment.current.read(AvatarImage.maxBytes) : nil
        try target.perform { roster, actor, user in
            // Decoded once the operator is signed in and the user found (decoding has a cost,
            // bounded by the decoder's limits): not for whoever can reach the command.
            let image = try piped.map { try AvatarImage(data: $0) } ?? AvatarImage(contentsOf: file)
            let avatar = try roster.users.setAvatar(image, of: user.id, expectedVersion: expectVersion, by: actor)
            return "Set the avatar of \(user.email): \(avatar.format.title), \(avatar.width)×\(avatar.height) px, "
                + "\(AvatarImage.describe(bytes: avatar.byteCount))."
        }
    }
}
