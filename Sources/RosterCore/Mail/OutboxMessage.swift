import Foundation

/// A message waiting for (or done with) delivery. Queued in the same transaction as the change
/// that causes it, so a reset link is never promised without its mail, nor mailed without its reset.
public struct OutboxMessage: Codable, Sendable, Equatable, Identifiable {
    public enum Status: String, Codable, Sendable {
        case queued, sent, failed
    }

    public var id: Int64?
    public var createdAt: Date
    public var recipient: String
    public var subject: String
    public var body: String
    public var status: Status
    public var attempts: Int
    public var lastAttemptAt: Date?
    public var nextAttemptAt: Date
    public var lastError: String?
    public var sentAt: Date?
    /// The reset token the body's placeholder stands for, sealed (`OutboxToken`); nil once sent.
    public var sealedToken: Data?

    public init(recipient: String, subject: String, body: String, at now: Date) {
        self.createdAt = now
        self.recipient = recipient
        self.subject = subject
        self.body = body
        self.status = .queued
        self.attempts = 0
        self.nextAttemptAt = now
    }

    /// The RFC 5322 message `sendmail -t` reads: headers, a blank line, the body.
    /// Delivery fills the token in first (`OutboxToken.body`).
    public var rfc5322: String {
        // Header values come from our own templates and validated emails; strip newlines anyway.
        func header(_ text: String) -> String { text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ") }
        return "To: \(header(recipient))\nSubject: \(header(subject))\nContent-Type: text/plain; charset=utf-8\n\n\(body)\n"
    }
}

