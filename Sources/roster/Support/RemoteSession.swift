import Synchronization

/// The sign-in of an SSH connection running one command (`ssh roster@host users list`):
/// set by `roster ssh session` before it hands the words to the CLI's own parser, so every
/// command acts as the account whose key sshd accepted, and nothing else.
enum RemoteSession {
    private static let token = Mutex<String?>(nil)
    private static let auditRefusal = Mutex<(@Sendable (String) -> Void)?>(nil)

    /// The session token while a command runs over SSH.
    static var current: String? { token.withLock { $0 } }

    /// True while a command runs over SSH: commands then read input from standard input only,
    /// never from a path on the server.
    static var isActive: Bool { current != nil }

    /// `recordRefusal` puts a refused request of this connection on the audit trail.
    static func begin(_ value: String, recordRefusal: @escaping @Sendable (String) -> Void) {
        token.withLock { $0 = value }
        auditRefusal.withLock { $0 = recordRefusal }
    }

    /// A request this connection may not make (a path on the server): audited, then thrown.
    static func refuse(_ message: String) -> ServerPathRefused {
        auditRefusal.withLock { $0 }?(message)
        return ServerPathRefused(message)
    }
}
