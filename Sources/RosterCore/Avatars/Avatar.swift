import Foundation

/// The two image formats an avatar may be, PNG or JPEG, decided by content.
public enum AvatarFormat: String, Sendable, Codable, CaseIterable {
    case png, jpeg

    public var title: String { self == .png ? "PNG" : "JPEG" }
    public var mediaType: String { self == .png ? "image/png" : "image/jpeg" }
}

/// A small picture of the avatar for terminals: at most `side`×`side` pixels, RGBA, made when
/// the avatar is set so the drawer never decodes an image.
public struct AvatarPreview: Sendable, Equatable {
    /// The largest side in pixels: 16 columns, 8 rows of half blocks.
    public static let side = 16

    public let width: Int
    public let height: Int
    /// width × height × 4 bytes, row by row.
    public let rgba: [UInt8]

    public init?(width: Int, height: Int, rgba: [UInt8]) {
        guard width > 0, height > 0, width <= Self.side, height <= Self.side, rgba.count == width * height * 4 else { return nil }
        self.width = width
        self.height = height
        self.rgba = rgba
    }

    /// The pixel's color, or nil where it is mostly transparent.
    public func color(x: Int, y: Int) -> (red: UInt8, green: UInt8, blue: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let i = (y * width + x) * 4
        return rgba[i + 3] < 128 ? nil : (rgba[i], rgba[i + 1], rgba[i + 2])
    }
}

/// What is known of a user's avatar without reading its bytes: enough for the drawer.
public struct Avatar: Sendable, Equatable {
    public let userId: UserID
    public let format: AvatarFormat
    public let width: Int
    public let height: Int
    public let byteCount: Int
    public let preview: AvatarPreview
    public let setAt: Date
    public let setBy: String

    public init(userId: UserID, format: AvatarFormat, width: Int, height: Int, byteCount: Int, preview: AvatarPreview,
                setAt: Date, setBy: String) {
        self.userId = userId
        self.format = format
        self.width = width
        self.height = height
        self.byteCount = byteCount
        self.preview = preview
        self.setAt = setAt
        self.setBy = setBy
    }
}

/// Why an image was not taken as an avatar, saying what to do instead.
public enum AvatarProblem: HumanReadableError, Equatable {
    case empty
    case tooLarge(bytes: Int)
    case notAnImage
    case tooManyPixels(width: Int, height: Int)
    case undecodable(format: AvatarFormat, reason: String)
    case unreadable(path: String, reason: String)

    public var message: String {
        switch self {
        case .empty:
            "The file is empty. Choose a PNG or JPEG image."
        case .tooLarge(let bytes):
            "The image is \(AvatarImage.describe(bytes: bytes)); an avatar must be smaller than 500 KB. Save it smaller or as JPEG."
        case .notAnImage:
            "That is not a PNG or JPEG image (judged by its content, not its name). Choose a .png or .jpg file."
        case .tooManyPixels(let width, let height):
            "The image is \(width)×\(height) pixels; at most \(AvatarImage.maxSide)×\(AvatarImage.maxSide) is accepted. Scale it down first."
        case .undecodable(let format, let reason):
            "The \(format.title) image could not be read (\(reason)). Save it again from an image editor."
        case .unreadable(let path, let reason):
            "Can't read \(path): \(reason)."
        }
    }
}
