import Foundation
import Synchronization

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the console loop checks, so every exit path
/// goes through the same terminal restore instead of dying with the terminal in raw mode.
public enum SignalTrap {
    static let received = Atomic<Int32>(0)

    public static func install() {
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber) { number in SignalTrap.received.store(number, ordering: .relaxed) }
        }
    }

    /// The signal that asked us to stop, if any.
    public static var pending: Int32? {
        let value = received.load(ordering: .relaxed)
        return value == 0 ? nil : value
    }
}
