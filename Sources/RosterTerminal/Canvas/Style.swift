/// What a piece of text means; a `Theme` decides how each role looks.
public enum ColorRole: String, CaseIterable, Sendable {
    case normal, dim, header, selected, accent, ok, warning, danger

    /// One letter per role, for golden style layers.
    public var code: Character {
        switch self {
        case .normal: "."
        case .dim: "d"
        case .header: "h"
        case .selected: "s"
        case .accent: "a"
        case .ok: "o"
        case .warning: "w"
        case .danger: "x"
        }
    }
}

/// A role plus emphasis. Screens only ever say *what* text is; themes say how it looks.
public struct Style: Equatable, Hashable, Sendable {
    public var role: ColorRole
    public var bold: Bool
    public var underline: Bool
    /// A picture's two pixels, for themes with colors; other themes leave the cell blank.
    public var tint: Tint?

    public init(_ role: ColorRole = .normal, bold: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.underline = underline
    }

    /// A cell of a picture (see `Tint`).
    public static func picture(_ tint: Tint) -> Style {
        var style = Style()
        style.tint = tint
        return style
    }

    public static let normal = Style()
    public static let dim = Style(.dim)
    public static let header = Style(.header, bold: true)
    public static let selected = Style(.selected)
    public static let accent = Style(.accent, bold: true)
    public static let ok = Style(.ok)
    public static let warning = Style(.warning, bold: true)
    public static let danger = Style(.danger, bold: true)
}

/// A terminal color: default, one of the 16 ANSI colors, or a 256-color index.
public enum TerminalColor: Equatable, Hashable, Sendable {
    case `default`
    case ansi(Int)
    case indexed(Int)
}

/// How a role is drawn on a particular terminal.
public struct Appearance: Equatable, Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var underline: Bool
    public var reverse: Bool
    public var dim: Bool

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default,
                bold: Bool = false, underline: Bool = false, reverse: Bool = false, dim: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.underline = underline
        self.reverse = reverse
        self.dim = dim
    }
}

/// Maps color roles to appearances: 256 colors, 16 colors, or attributes only (`NO_COLOR`).
public struct Theme: Sendable, Equatable {
    public var name: String
    public var appearances: [ColorRole: Appearance]
    /// How many colors pictures may use: 256, 16, or 0 (no pictures: their cells stay blank).
    public var pictureColors = 0

    /// Whether a cell with this style is drawn at all: pictures need colors.
    public func draws(_ style: Style) -> Bool {
        style.tint == nil || pictureColors > 0
    }

    public func appearance(of style: Style) -> Appearance {
        if let tint = style.tint {
            func color(_ rgb: RGB?) -> TerminalColor {
                guard let rgb, pictureColors > 0 else { return .default }
                return pictureColors >= 256 ? .indexed(rgb.nearest256) : .ansi(rgb.nearest16)
            }
            return Appearance(foreground: color(tint.top), background: color(tint.bottom))
        }
        var appearance = appearances[style.role] ?? Appearance()
        appearance.bold = appearance.bold || style.bold
        appearance.underline = appearance.underline || style.underline
        return appearance
    }

    /// Bold, reverse, underline and dim only: readable on any terminal and with `NO_COLOR`.
    public static let monochrome = Theme(name: "monochrome", appearances: [
        .normal: Appearance(),
        .dim: Appearance(dim: true),
        .header: Appearance(bold: true, underline: true),
        .selected: Appearance(reverse: true),
        .accent: Appearance(bold: true),
        .ok: Appearance(),
        .warning: Appearance(bold: true),
        .danger: Appearance(bold: true, underline: true),
    ])

    /// The 16 ANSI colors, which every color terminal has.
    public static let colors16 = Theme(name: "16 colors", appearances: [
        .normal: Appearance(),
        .dim: Appearance(foreground: .ansi(8)),
        .header: Appearance(foreground: .ansi(6), bold: true),
        .selected: Appearance(foreground: .ansi(0), background: .ansi(6)),
        .accent: Appearance(foreground: .ansi(3), bold: true),
        .ok: Appearance(foreground: .ansi(2)),
        .warning: Appearance(foreground: .ansi(3)),
        .danger: Appearance(foreground: .ansi(1), bold: true),
    ], pictureColors: 16)

    /// Softer 256-color shades, in the spirit of htop's color roles.
    public static let colors256 = Theme(name: "256 colors", appearances: [
        .normal: Appearance(),
        .dim: Appearance(foreground: .indexed(244)),
        .header: Appearance(foreground: .indexed(110), bold: true),
        .selected: Appearance(foreground: .indexed(231), background: .indexed(24)),
        .accent: Appearance(foreground: .indexed(179), bold: true),
        .ok: Appearance(foreground: .indexed(108)),
        .warning: Appearance(foreground: .indexed(215)),
        .danger: Appearance(foreground: .indexed(203), bold: true),
    ], pictureColors: 256)

    /// The theme for a terminal with `colors` colors, honoring `NO_COLOR` (https://no-color.org).
    public static func choose(colors: Int, environment: [String: String]) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        if colors >= 256 { return .colors256 }
        if colors >= 8 { return .colors16 }
        return .monochrome
    }
}
