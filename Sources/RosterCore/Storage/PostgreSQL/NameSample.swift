import Dispatch
import Synchronization

/// A sample of the users table (1 % of its pages: about 10,000 users at a million), each
/// user's name key and search text, read once while `userOrder.version` stands still and then
/// asked in memory how common a filter's matches are past a cursor in name order and how far on
/// the first lies. Asking the server took 3–4 ms of every keystroke that walked; this takes a
/// fraction of a millisecond (0.05–0.2 ms more at 1 % than at 0.5 %). A sample only chooses
/// between plans, never what a page holds, so one a little out of date would do no harm; it
/// is taken again at every change all the same.
final class NameSample: Sendable {
    struct Sample: Sendable {
        var version: Int64
        var keys = PackedBytes()
        var ids: [Int64] = []
        var texts = PackedBytes()
        /// Users in the table for each one sampled.
        var scale: Double

        init(version: Int64, scale: Double) {
            self.version = version
            self.scale = scale
        }

        mutating func append(key: some Sequence<UInt8>, id: Int64, text: some Sequence<UInt8>) {
            keys.append(key)
            ids.append(id)
            texts.append(text)
        }
    }

    /// What a sample says of a needle past a cursor.
    struct Estimate: Equatable {
        /// The share of the users past the cursor whose search text holds the needle.
        var share: Double
        /// About how many users lie past the cursor.
        var users: Double
        /// About how many of them come before the first that holds it; nil when none sampled does.
        var rowsBeforeFirstHit: Double?
        /// How many sampled users the share was counted over.
        var observed: Int
    }

    private struct State {
        var kept: Sample?
        /// When the kept sample's take began, in the order takes begin here (`userOrder.version`
        /// is drawn at random at each change, so it can't say which of two samples is newer).
        var keptTicket = 0
        var nextTicket = 1
        /// A sample being taken, and the version it is taken at.
        var taking: (version: Int64, done: DispatchGroup)?
    }

    private let state = Mutex(State())
    /// How long a reader waits for another transaction's take of its version before taking its
    /// own. Bounded: a reader waits holding its snapshot's locks, and the other take may be
    /// queued on the server behind a lock that waits for them (an import's index rebuild).
    let patience: DispatchTimeInterval

    init(patience: DispatchTimeInterval = .milliseconds(20)) {
        self.patience = patience
    }

    /// The sample at `version`, taken with `take` when the one kept is of another. One being
    /// taken at the same version by another transaction (the console's, taken ahead while a
    /// person reads the first page) is waited for, up to `patience`, rather than taken twice.
    /// `take` must not ask for a sample itself.
    func sample(at version: Int64, take: () throws -> Sample) rethrows -> Sample {
        enum Next { case use(Sample), wait(DispatchGroup), take(ticket: Int, done: DispatchGroup?) }
        var waited = false
        while true {
            let next = state.withLock { state -> Next in
                if let kept = state.kept, kept.version == version { return .use(kept) }
                defer { state.nextTicket += 1 }
                if let taking = state.taking, taking.version == version {
                    return waited ? .take(ticket: state.nextTicket, done: nil) : .wait(taking.done)
                }
                let done = DispatchGroup()
                done.enter()
                state.taking = (version, done)
                return .take(ticket: state.nextTicket, done: done)
            }
            switch next {
            case .use(let sample):
                return sample
            case .wait(let done):
                // Taken, failed or too slow: look again (after a wait, take one if none is kept).
                _ = done.wait(timeout: .now() + patience)
                waited = true
            case .take(let ticket, let done):
                defer {
                    if let done {
                        state.withLock { if $0.taking?.done === done { $0.taking = nil } }
                        done.leave()
                    }
                }
                let taken = try take()
                // A take that began sooner and ended later doesn't replace a newer sample.
                state.withLock {
                    if ticket > $0.keptTicket {
                        $0.kept = taken
                        $0.keptTicket = ticket
                    }
                }
                return taken
            }
        }
    }

    /// The sample at `version` if one is kept, without taking one.
    func kept(at version: Int64) -> Sample? {
        state.withLock { $0.kept }.flatMap { $0.version == version ? $0 : nil }
    }

    /// The estimate for `needle` over the sampled users past the cursor (name key, id) in name
    /// order, going up or down; over every sampled user without a cursor. Keys compare byte by
    /// byte, as the "C" collation does.
    static func estimate(_ sample: Sample, needle: [UInt8], after cursor: (key: [UInt8], id: Int64)?,
                         ascending: Bool) -> Estimate {
        // The sampled users past the cursor, in sample order.
        let past = sample.ids.indices.filter { index in
            guard let cursor else { return true }
            let row = (key: sample.keys[index], id: sample.ids[index])
            return ascending ? precedes(cursor, row) : precedes(row, cursor)
        }
        guard !past.isEmpty else { return Estimate(share: 0, users: 0, rowsBeforeFirstHit: nil, observed: 0) }
        /// Whether `a`'s key comes before `b`'s in the direction read.
        func sooner(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>) -> Bool {
            ascending ? a.lexicographicallyPrecedes(b) : b.lexicographicallyPrecedes(a)
        }
        let hits = past.filter { sample.texts[$0].holds(needle) }
        let share = Double(hits.count) / Double(past.count)
        let users = Double(past.count) * sample.scale
        guard let first = hits.map({ sample.keys[$0] }).min(by: sooner) else {
            return Estimate(share: share, users: users, rowsBeforeFirstHit: nil, observed: past.count)
        }
        let before = past.count { sooner(sample.keys[$0], first) }
        return Estimate(share: share, users: users, rowsBeforeFirstHit: Double(before) * sample.scale, observed: past.count)
    }

    /// Where the users holding a needle lie in name order, by the sample (see `span`).
    struct Span {
        /// The sampled user the stretch starts at; nil: the start of the table.
        var start: (key: [UInt8], id: Int64)?
        /// About how many users the stretch holds.
        var rows: Double
        /// About how many users lie before it, and after it.
        var before: Double
        var after: Double
    }

    /// The stretch of the name order holding a needle's matches, by the sample: from `margin`
    /// sampled users before the first sampled match to `margin` past the last. Matches that
    /// cluster ("Mei" is a first name: every Mei sits together, half a million users on) are
    /// then found by reading that stretch of the name order's index alone, where fetching each
    /// match from the table costs ten times as much a user. Only a guess: a match the sample
    /// missed may lie outside, so the reader checks it found them all (`PostgresUserStore`'s
    /// span walk). Nil when no sampled user holds the needle.
    /// The sample is in no order (a sort of it cost 1.5 ms more at every change): one pass
    /// finds the matches' ends and keeps the `margin` users nearest before the first.
    static func span(_ sample: Sample, needle: [UInt8], margin: Int) -> Span? {
        func user(_ index: Int) -> (key: ArraySlice<UInt8>, id: Int64) { (sample.keys[index], sample.ids[index]) }
        func sooner(_ a: Int, _ b: Int) -> Bool { precedes(user(a), user(b)) }
        let hits = sample.ids.indices.filter { sample.texts[$0].holds(needle) }
        guard let first = hits.min(by: sooner), let last = hits.max(by: sooner) else { return nil }
        // Before the first match: how many, and the nearest `margin` of them, nearest first.
        var nearest: [Int] = []
        var before = 0, within = 0, after = 0
        for index in sample.ids.indices {
            if sooner(index, first) {
                before += 1
                guard margin > 0 else { continue }
                let at = nearest.firstIndex { sooner($0, index) } ?? nearest.count
                if at < margin {
                    nearest.insert(index, at: at)
                    if nearest.count > margin { nearest.removeLast() }
                }
            } else if sooner(last, index) {
                after += 1
            } else {
                within += 1
            }
        }
        let start = margin == 0 ? first : (before >= margin ? nearest.last : nil)
        return Span(start: start.map { (key: Array(sample.keys[$0]), id: sample.ids[$0]) },
                    rows: Double(within + min(before, margin) + margin) * sample.scale,
                    before: Double(max(before - margin, 0)) * sample.scale, after: Double(max(after - margin, 0)) * sample.scale)
    }

    /// (key, id) order: the key's bytes, then the id.
    private static func precedes(_ a: (key: some Collection<UInt8>, id: Int64), _ b: (key: some Collection<UInt8>, id: Int64)) -> Bool {
        if a.key.elementsEqual(b.key) { return a.id < b.id }
        return a.key.lexicographicallyPrecedes(b.key)
    }

    /// `roster_nocase`: ASCII capitals folded to lower case, every other byte as it is.
    static func nameKey(_ name: String) -> [UInt8] {
        name.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }
    }
}
