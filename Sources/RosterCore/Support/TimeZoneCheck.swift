import Foundation

enum TimeZoneCheck {
    static func isKnown(_ identifier: String) -> Bool {
        TimeZone(identifier: identifier) != nil
    }
}
