import Foundation
import Synchronization

/// A serial lane of work on its own thread at a lower CPU priority (nice 10): the console's
/// counts. The rows a person is reading come first and the "of 1,234,567" follows when a core
/// is free of this console's own work. (With the kernel's autogroup, Debian's default, nice
/// ranks threads within one session only; other consoles over SSH are sessions of their own.)
final class BackgroundLane: Sendable {
    private final class Queue: Sendable {
        let jobs = Mutex<[@Sendable () -> Void]>([])
        let ready = DispatchSemaphore(value: 0)
    }

    private let queue = Queue()

    init(name: String, nice: Int32 = 10) {
        let thread = Thread { [queue] in
            #if os(Linux)
            // Per-thread on Linux (who 0 is the calling thread), and this thread runs nothing else.
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)
            #endif
            while true {
                queue.ready.wait()
                guard let next = queue.jobs.withLock({ $0.isEmpty ? nil : $0.removeFirst() }) else { return }
                next()
            }
        }
        thread.name = name
        thread.start()
    }

    /// Ends the thread once the jobs already queued have run.
    func stop() {
        queue.ready.signal()
    }

    func async(_ job: @escaping @Sendable () -> Void) {
        queue.jobs.withLock { $0.append(job) }
        queue.ready.signal()
    }

    func async(after delay: DispatchTimeInterval, _ job: @escaping @Sendable () -> Void) {
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [self] in async(job) }
    }
}
