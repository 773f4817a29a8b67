import Dispatch
import Foundation
import RosterTerminal
import Synchronization

/// Runs the console: waits for a key with a short timeout, turns keys into actions, reduces,
/// runs effects on worker threads, and draws. Every terminal call stays on the calling thread.
public final class ConsoleRuntime {
    public private(set) var state: ConsoleState
    let terminal: any TerminalDevice
    let environment: ConsoleEnvironment
    let mailbox: Mailbox
    /// Pages and sign-in on one queue, counts on another, so a slow count never delays a page.
    let pages = DispatchQueue(label: "roster.console.pages")
    let counts = BackgroundLane(name: "roster.console.counts")
    /// Session checks (one per burst of keys) on their own queue: never ahead of a page.
    let sessions = DispatchQueue(label: "roster.console.session")
    /// Bulk actions on their own queue: a long run never holds up the pages behind it.
    let bulkRuns = DispatchQueue(label: "roster.console.bulk")
    /// How long a filtered count waits for typing to pause. Counting a million users takes
    /// tens of milliseconds: one per keystroke would spend most of a shared server's cores on
    /// counts nobody reads, while the rows (which a person does read) come without waiting.
    public var countDelay: DispatchTimeInterval = .milliseconds(200)
    /// Called on the console's thread once each time it falls quiet after being busy: no key
    /// and no work in flight for `quietAfter` seconds. The server gives freed memory back here
    /// (a console waits on a person far longer than it works).
    public var whenQuiet: (() -> Void)?
    /// Seconds without a key or work in flight before `whenQuiet` is called.
    public var quietAfter: TimeInterval = 2

    public init(state: ConsoleState, terminal: any TerminalDevice, environment: ConsoleEnvironment) {
        self.state = state
        self.terminal = terminal
        self.environment = environment
        mailbox = Mailbox(waker: terminal.waker)
        self.state.size = terminal.size
        self.state.timeZone = environment.formatting.timeZone
    }

    deinit {
        counts.stop()
    }

    /// Sends an action as if it had happened (for the first load after a pre-signed-in start).
    public func start(_ effects: [Effect]) {
        effects.forEach(submit)
    }

    /// Loops until the operator quits or `shouldStop` says so (a signal arrived).
    public func run(shouldStop: () -> Bool) {
        draw()
        var lastTick = Date()
        var lastKey = Date.distantPast
        var lastBusy = Date()
        var quiet = false
        while !state.quitting && !shouldStop() {
            // Twice a second, ask whether anyone else changed the data on screen; not while
            // keys are coming (each keystroke reads fresh data anyway, and its own session
            // write would look like someone else's change).
            let now = Date()
            if environment.dataVersion != nil, now.timeIntervalSince(lastTick) >= 0.5, now.timeIntervalSince(lastKey) >= 0.5 {
                lastTick = now
                dispatch(.tick)
            }
            var changed = false
            // A terminal that can be woken ends its wait when a worker posts a result. Without one,
            // poll fast while work is in flight so a result is drawn within a millisecond of
            // arriving. A worker posts its result before it stops counting as in flight, so
            // reading the count first and then the mailbox can't miss a result and sleep on it.
            let busy = mailbox.inFlight.load(ordering: .sequentiallyConsistent) > 0 || mailbox.hasPending
            let timeout = mailbox.hasPending ? 0 : mailbox.waker != nil ? 100
                : busy ? 1 : mailbox.waiting.load(ordering: .sequentiallyConsistent) > 0 ? 10 : 100
            if let event = terminal.nextEvent(timeoutMilliseconds: timeout) {
                lastKey = Date()
                handle(event)
                changed = true
                // Keys typed faster than frames are drawn are all handled before the next frame.
                while !state.quitting, let more = terminal.nextEvent(timeoutMilliseconds: 0) { handle(more) }
            }
            for action in mailbox.take() {
                dispatch(action)
                changed = true
            }
            if changed && !state.quitting { draw() }
            if changed || busy {
                lastBusy = Date()
                quiet = false
            } else if !quiet, let whenQuiet, Date().timeIntervalSince(lastBusy) >= quietAfter {
                quiet = true
                whenQuiet()
            }
        }
    }

    func handle(_ event: TerminalEvent) {
        switch event {
        case .key(let key): dispatch(.key(key))
        case .resize(let size): dispatch(.resize(size))
        }
    }

    public func dispatch(_ action: ConsoleAction) {
        ConsoleReducer.reduce(&state, action).forEach(submit)
    }

    func submit(_ effect: Effect) {
        let generation: Int? = switch effect {
        case .loadUsers(let generation, _, _), .countUsers(let generation, _, _): generation
        default: nil
        }
        // One session check at a time: a burst of keys asks once, not once per key.
        if effect == .checkSession, mailbox.checkingSession.exchange(true, ordering: .acquiringAndReleasing) { return }
        if effect == .checkChanges, mailbox.checkingChanges.exchange(true, ordering: .acquiringAndReleasing) { return }
        if let generation { mailbox.latestGeneration.store(generation, ordering: .relaxed) }
        if case .runBulk = effect { mailbox.bulkCancelled.store(false, ordering: .releasing) }
        let queue: DispatchQueue? = switch effect {
        case .countUsers: nil
        case .feature(let work) where ConsoleFeatures.feature(work.screen)?.runsApart(work) == true: nil
        case .checkSession, .checkChanges, .cancelBulk: sessions
        // Long work of its own (a bulk run, an export, decoding an image) keeps pages and the drawer moving.
        case .runBulk, .exportUsers, .readAvatar: bulkRuns
        default: pages
        }
        let environment = self.environment, mailbox = self.mailbox
        @Sendable func work() {
            defer {
                if effect == .checkSession { mailbox.checkingSession.store(false, ordering: .releasing) }
                if effect == .checkChanges { mailbox.checkingChanges.store(false, ordering: .releasing) }
                mailbox.inFlight.subtract(1, ordering: .sequentiallyConsistent)
            }
            // A newer keystroke has superseded this query: skip it rather than queue behind it.
            if let generation, generation < mailbox.latestGeneration.load(ordering: .relaxed) { return }
            let context = EffectContext(post: { mailbox.post($0) }, cancel: { mailbox.bulkCancelled.store(true, ordering: .releasing) },
                                        isCancelled: { mailbox.bulkCancelled.load(ordering: .acquiring) })
            if let action = effect.perform(environment, context) { mailbox.post(action) }
        }
        if case .countUsers(_, let filter?, _) = effect, !filter.isEmpty, countDelay != .never, countDelay != .milliseconds(0) {
            mailbox.waiting.add(1, ordering: .sequentiallyConsistent)
            counts.async(after: countDelay) {
                // In flight before no longer waiting, so the loop never sees neither and sleeps.
                mailbox.inFlight.add(1, ordering: .sequentiallyConsistent)
                mailbox.waiting.subtract(1, ordering: .sequentiallyConsistent)
                work()
            }
        } else {
            mailbox.inFlight.add(1, ordering: .sequentiallyConsistent)
            if let queue { queue.async { work() } } else { counts.async { work() } }
        }
    }

    func draw() {
        terminal.present(ConsoleView.frame(state, formatting: environment.formatting, now: environment.now()))
    }

    /// Where worker threads leave results for the console thread.
    final class Mailbox: Sendable {
        let actions = Mutex<[ConsoleAction]>([])
        /// Wakes the console thread's wait for input (`TerminalDevice.waker`).
        let waker: (@Sendable () -> Void)?
        let inFlight = Atomic<Int>(0)
        /// Counts waiting for typing to pause (`countDelay`).
        let waiting = Atomic<Int>(0)
        let latestGeneration = Atomic<Int>(0)
        let checkingSession = Atomic<Bool>(false)
        let checkingChanges = Atomic<Bool>(false)
        /// Esc on a running bulk action: it stops after the user in hand.
        let bulkCancelled = Atomic<Bool>(false)

        init(waker: (@Sendable () -> Void)?) {
            self.waker = waker
        }

        func post(_ action: ConsoleAction) {
            actions.withLock { $0.append(action) }
            waker?()
        }

        var hasPending: Bool {
            actions.withLock { !$0.isEmpty }
        }

        func take() -> [ConsoleAction] {
            actions.withLock { pending in
                defer { pending.removeAll() }
                return pending
            }
        }
    }
}
