import Foundation

/// Work a console does ahead of need, on a thread of its own at a lower CPU priority (nice
/// 10, utility QoS), so its first page and drawing come first. (With the kernel's autogroup,
/// Debian's default, nice ranks threads within one session only: other consoles over SSH,
/// each its own session, are not ranked by it.)
enum LowPriorityThread {
    static func start(name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread {
            #if os(Linux)
            // Per-thread on Linux (who 0 is the calling thread).
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
            #endif
            body()
        }
        thread.name = name
        thread.qualityOfService = .utility
        thread.start()
    }
}
