import Foundation

/// A reset or account-info token travelling through the outbox: the stored body holds a
/// placeholder, the token itself is sealed with the key file (AES-GCM) beside it, opened only
/// to hand the mail to the mailer, and dropped once sent or past the longest link lifetime.
enum OutboxToken {
    /// Stands in the stored body where the token goes.
    static let placeholder = "[[roster-reset-token]]"

    static func context(_ recipient: String) -> String { "roster-outbox-\(recipient.lowercased())" }

    static func seal(_ token: String, for recipient: String, box: SecretBox) throws -> Data {
        try box.seal(Array(token.utf8), context: context(recipient))
    }

    /// The body as the mailer gets it.
    static func body(of message: OutboxMessage, box: @autoclosure () throws -> SecretBox) throws -> String {
        guard let sealed = message.sealedToken else { return message.body }
        let token = String(decoding: try box().open(sealed, context: context(message.recipient)), as: UTF8.self)
        return message.body.replacingOccurrences(of: placeholder, with: token)
    }

    /// `rsr_…` tokens in clear replaced by a note (bodies written before tokens were sealed).
    static func redacted(_ body: String) -> String {
        body.replacing(/rsr_[A-Za-z0-9_-]+/, with: "(token removed after delivery)")
    }
}
