import CQRencode

/// A QR code as a square of dark and light modules, encoded by libqrencode.
public struct QRCode: Sendable, Equatable {
    public let size: Int
    /// Row-major; true is a dark module.
    public let modules: [Bool]

    /// Encodes `text` with error correction level M (about 15% of the code may be damaged).
    public init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        guard width > 0, let data = code.pointee.data else { return nil }
        size = width
        // Bit 0 of each byte is the module's colour; the other bits are libqrencode's bookkeeping.
        modules = (0..<(width * width)).map { data[$0] & 1 == 1 }
    }

    public func isDark(row: Int, column: Int) -> Bool {
        guard (0..<size).contains(row), (0..<size).contains(column) else { return false }
        return modules[row * size + column]
    }

    /// Text lines that draw the code with a 2-module quiet zone.
    ///
    /// With Unicode, two rows share a line through half blocks, so the code stays square in a
    /// terminal cell (about twice as tall as wide); in the C locale, each module is `##` or two spaces.
    /// Dark modules are drawn as spaces on a light block so the code reads on dark and light themes alike.
    public func lines(unicode: Bool) -> [String] {
        let quiet = 2
        let range = -quiet..<(size + quiet)
        if !unicode {
            return range.map { row in
                range.map { column in isDark(row: row, column: column) ? "  " : "##" }.joined()
            }
        }
        return stride(from: -quiet, to: size + quiet, by: 2).map { row in
            String(range.map { column -> Character in
                switch (isDark(row: row, column: column), isDark(row: row + 1, column: column)) {
                case (true, true): " "
                case (true, false): "▄"
                case (false, true): "▀"
                case (false, false): "█"
                }
            })
        }
    }
}
