import Foundation

/// Failed sign-ins from one client address (the SSH client sshd reports), across accounts.
/// Past `sourceLockoutThreshold` in one lockout window the source is refused until the window
/// ends, before any account's own counter moves: guessing at every administrator from one
/// address locks out that address, not the administrators.
public struct SignInSource: Codable, Sendable, Equatable {
    public var source: String
    public var failures: Int
    public var windowStart: Date
    public var blockedUntil: Date?

    public func isBlocked(at now: Date) -> Bool { blockedUntil.map { $0 > now } ?? false }

    /// This source after one more failure at `now`.
    func failing(at now: Date, settings: SystemSettings) -> SignInSource {
        let window = Double(settings.lockoutMaximumMinutes) * 60
        var next = self
        if now.timeIntervalSince(windowStart) > window {
            next.failures = 0
            next.windowStart = now
        }
        next.failures += 1
        if next.failures >= settings.sourceLockoutThreshold { next.blockedUntil = now.addingTimeInterval(window) }
        return next
    }

    static func fresh(_ source: String, at now: Date) -> SignInSource {
        SignInSource(source: source, failures: 0, windowStart: now, blockedUntil: nil)
    }
}

