import CImageDecode
import Foundation

/// An image checked to be an acceptable avatar: PNG or JPEG by content (decoded with libpng
/// or libjpeg, so a renamed or broken file is refused), smaller than 500 KB, with its preview.
public struct AvatarImage: Sendable, Equatable {
    /// An avatar file must be smaller than 500 KB.
    public static let maxBytes = 500 * 1024
    /// Larger images are refused before their pixels are decoded (a small file may claim a huge size).
    public static let maxSide = 4096

    public let format: AvatarFormat
    public let width: Int
    public let height: Int
    public let data: Data
    public let preview: AvatarPreview

    public init(data: Data) throws {
        guard !data.isEmpty else { throw AvatarProblem.empty }
        guard data.count < Self.maxBytes else { throw AvatarProblem.tooLarge(bytes: data.count) }
        var decoded = roster_image()
        let status = data.withUnsafeBytes { bytes -> Int32 in
            guard let base = bytes.bindMemory(to: UInt8.self).baseAddress else { return 4 }
            return roster_image_decode(base, bytes.count, UInt32(Self.maxSide), UInt32(AvatarPreview.side * 2), &decoded)
        }
        defer { roster_image_free(&decoded) }
        let format: AvatarFormat? = decoded.kind == 1 ? .png : decoded.kind == 2 ? .jpeg : nil
        guard let format else { throw AvatarProblem.notAnImage }
        let width = Int(decoded.width), height = Int(decoded.height)
        switch status {
        case 0: break
        case 2: throw AvatarProblem.tooManyPixels(width: width, height: height)
        default:
            let reason = withUnsafeBytes(of: decoded.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            throw AvatarProblem.undecodable(format: format, reason: reason.isEmpty ? "unknown error" : reason)
        }
        guard let pixels = decoded.rgba else { throw AvatarProblem.undecodable(format: format, reason: "no pixels") }
        let decodedWidth = Int(decoded.decoded_width), decodedHeight = Int(decoded.decoded_height)
        let rgba = UnsafeBufferPointer(start: pixels, count: decodedWidth * decodedHeight * 4)
        guard let preview = Self.preview(of: rgba, width: decodedWidth, height: decodedHeight) else {
            throw AvatarProblem.undecodable(format: format, reason: "no pixels")
        }
        self.format = format
        self.width = width
        self.height = height
        self.data = data
        self.preview = preview
    }

    /// Shrinks to fit `AvatarPreview.side` keeping the aspect ratio, averaging each box of
    /// pixels (colors weighted by alpha, so transparent edges don't darken).
    static func preview(of rgba: UnsafeBufferPointer<UInt8>, width: Int, height: Int) -> AvatarPreview? {
        guard width > 0, height > 0 else { return nil }
        let side = AvatarPreview.side
        let scale = max(Double(width) / Double(side), Double(height) / Double(side), 1)
        let outWidth = max(1, Int((Double(width) / scale).rounded()))
        let outHeight = max(1, Int((Double(height) / scale).rounded()))
        var out = [UInt8](repeating: 0, count: outWidth * outHeight * 4)
        for oy in 0..<outHeight {
            let y0 = oy * height / outHeight, y1 = max(y0 + 1, (oy + 1) * height / outHeight)
            for ox in 0..<outWidth {
                let x0 = ox * width / outWidth, x1 = max(x0 + 1, (ox + 1) * width / outWidth)
                var red = 0, green = 0, blue = 0, alpha = 0, count = 0
                for y in y0..<y1 {
                    var i = (y * width + x0) * 4
                    for _ in x0..<x1 {
                        let a = Int(rgba[i + 3])
                        red += Int(rgba[i]) * a
                        green += Int(rgba[i + 1]) * a
                        blue += Int(rgba[i + 2]) * a
                        alpha += a
                        count += 1
                        i += 4
                    }
                }
                let o = (oy * outWidth + ox) * 4
                if alpha > 0 {
                    out[o] = UInt8(red / alpha)
                    out[o + 1] = UInt8(green / alpha)
                    out[o + 2] = UInt8(blue / alpha)
                }
                out[o + 3] = UInt8(alpha / count)
            }
        }
        return AvatarPreview(width: outWidth, height: outHeight, rgba: out)
    }

    /// "12.3 KB", "512 bytes": sizes as people say them (KB of 1,024 bytes, as the 500 KB limit).
    public static func describe(bytes: Int) -> String {
        bytes < 1024 ? "\(bytes) bytes" : String(format: "%.1f KB", Double(bytes) / 1024)
    }
}
