import Foundation
import RosterCore

/// Setting an avatar from the drawer: a path typed in a form, the file read and checked (an
/// effect), then a confirmation that says what the image is. Clearing one asks too.
enum AvatarForm {
    static func form(for name: String) -> FormState {
        var form = FormState(title: "Avatar for \(name)", fields: [
            .init(id: "file", label: "Image file", value: .text(""),
                  hint: "A PNG or JPEG under 500 KB on the server (~/ is your home)."),
        ])
        validate(&form)
        return form
    }

    static func validate(_ form: inout FormState) {
        form.setProblem("file", form.text("file").trimmingCharacters(in: .whitespaces).isEmpty ? "Type the image file's path." : nil)
    }

    static func path(_ form: FormState) -> String {
        form.text("file").trimmingCharacters(in: .whitespaces)
    }

    /// "PNG, 32×16 px, 102 bytes".
    static func describe(_ format: AvatarFormat, width: Int, height: Int, bytes: Int) -> String {
        "\(format.title), \(width)×\(height) px, \(AvatarImage.describe(bytes: bytes))"
    }

    static func confirmation(_ image: AvatarImage, path: String, _ detail: UserDetail) -> ConfirmDialog<UserConfirmation> {
        let profile = detail.profile
        let what = describe(image.format, width: image.width, height: image.height, bytes: image.data.count)
        let replaces = detail.avatar.map { " It replaces their current one (\(describe($0.format, width: $0.width, height: $0.height, bytes: $0.byteCount)))." } ?? ""
        return ConfirmDialog(.edit(.setAvatar(image), profile.id, expectedVersion: profile.version), title: "Set avatar",
                             message: ["Set the avatar of \(profile.fullName) (\(profile.email)) to \((path as NSString).lastPathComponent): \(what)?" + replaces],
                             confirmLabel: "Set avatar")
    }

    static func clearConfirmation(_ avatar: Avatar, _ detail: UserDetail) -> ConfirmDialog<UserConfirmation> {
        let profile = detail.profile
        return ConfirmDialog(.edit(.clearAvatar, profile.id, expectedVersion: profile.version), title: "Clear avatar",
                             message: ["Remove the avatar of \(profile.fullName) (\(profile.email)): "
                                + "\(describe(avatar.format, width: avatar.width, height: avatar.height, bytes: avatar.byteCount))? "
                                + "A new one can be set with v."],
                             confirmLabel: "Remove")
    }
}
