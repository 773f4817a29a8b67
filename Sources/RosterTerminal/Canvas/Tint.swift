/// A color as red, green and blue: for pictures (an avatar's preview), never for text, which
/// keeps to color roles so themes decide how it looks.
public struct RGB: Hashable, Sendable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// The nearest of xterm's 256 colors: the 6×6×6 cube or the 24 grays, whichever is closer.
    public var nearest256: Int {
        func level(_ value: UInt8) -> Int { value < 48 ? 0 : value < 115 ? 1 : (Int(value) - 35) / 40 }
        let steps = [0, 95, 135, 175, 215, 255]
        let (r, g, b) = (level(red), level(green), level(blue))
        let cube = RGB(UInt8(steps[r]), UInt8(steps[g]), UInt8(steps[b]))
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let grayIndex = min(23, max(0, (average - 3) / 10))
        let grayValue = UInt8(8 + grayIndex * 10)
        let gray = RGB(grayValue, grayValue, grayValue)
        return distance(to: gray) < distance(to: cube) ? 232 + grayIndex : 16 + 36 * r + 6 * g + b
    }

    /// The nearest of the 16 ANSI colors, as xterm draws them.
    public var nearest16: Int {
        let palette: [RGB] = [
            RGB(0, 0, 0), RGB(205, 0, 0), RGB(0, 205, 0), RGB(205, 205, 0), RGB(0, 0, 238), RGB(205, 0, 205), RGB(0, 205, 205), RGB(229, 229, 229),
            RGB(127, 127, 127), RGB(255, 0, 0), RGB(0, 255, 0), RGB(255, 255, 0), RGB(92, 92, 255), RGB(255, 0, 255), RGB(0, 255, 255), RGB(255, 255, 255),
        ]
        return palette.indices.min { distance(to: palette[$0]) < distance(to: palette[$1]) } ?? 0
    }

    func distance(to other: RGB) -> Int {
        let r = Int(red) - Int(other.red), g = Int(green) - Int(other.green), b = Int(blue) - Int(other.blue)
        return r * r + g * g + b * b
    }
}

/// One cell of a picture drawn with "▀": the top pixel is the foreground, the bottom one the
/// background; nil is transparent (the terminal's own background).
public struct Tint: Hashable, Sendable {
    public var top: RGB?
    public var bottom: RGB?

    public init(top: RGB?, bottom: RGB?) {
        self.top = top
        self.bottom = bottom
    }
}
