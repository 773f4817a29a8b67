import Foundation
import Synchronization

/// Ctrl-C during a long command (a bulk action): noted, so the command stops cleanly between
/// two users instead of dying in the middle of one.
enum Interrupt {
    private static let flag = Atomic<Bool>(false)

    static var requested: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        signal(SIGINT) { _ in Interrupt.flag.store(true, ordering: .relaxed) }
    }
}
