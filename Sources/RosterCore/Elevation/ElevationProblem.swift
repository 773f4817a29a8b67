import Foundation

/// What is wrong with an elevation asked for, before any rule is asked.
public enum ElevationProblem: HumanReadableError, Equatable {
    case unreadableDuration(String)
    case tooShort
    case inactiveUser(String)
    case nothingToEnd(String)

    public var message: String {
        switch self {
        case .unreadableDuration(let text):
            "“\(text)” is not a duration. Write hours and minutes, such as 2h, 90m or 1h30m."
        case .tooShort:
            "An elevation lasts at least one minute."
        case .inactiveUser(let email):
            "\(email) is deactivated; reactivate them before lending them a role."
        case .nothingToEnd(let email):
            "\(email) holds no elevation now (list them with `roster users elevations`)."
        }
    }

    /// Reads "2h", "90m", "1h30m" or "45" (minutes) into seconds.
    public static func duration(_ text: String) throws -> TimeInterval {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let minutes = Int(trimmed) { return try positive(minutes * 60, text) }
        var total = 0
        var number = ""
        var sawUnit = false
        for character in trimmed {
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number), value <= 10_000 else { throw unreadableDuration(text) }
            switch character {
            case "d": total += value * 86_400
            case "h": total += value * 3600
            case "m": total += value * 60
            default: throw unreadableDuration(text)
            }
            number = ""
            sawUnit = true
        }
        guard sawUnit, number.isEmpty else { throw unreadableDuration(text) }
        return try positive(total, text)
    }

    private static func positive(_ seconds: Int, _ text: String) throws -> TimeInterval {
        guard seconds > 0 else { throw tooShort }
        return TimeInterval(seconds)
    }
}
