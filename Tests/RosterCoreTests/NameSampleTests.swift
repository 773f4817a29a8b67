import Dispatch
import Foundation
import Synchronization
import Testing
@testable import RosterCore

/// The in-memory sample a PostgreSQL filter asks how common its matches are past a cursor, and
/// how far on the first lies.
@Suite("Name sample", .timeLimit(.minutes(1)))
struct NameSampleTests {
    /// Ten sampled users in name order ("a0" … "a9"), each standing for 100; "x" in 5, 6 and 8.
    static func sample() -> NameSample.Sample {
        var sample = NameSample.Sample(version: 1, scale: 100)
        for i in 0..<10 {
            sample.append(key: Array("a\(i)".utf8), id: Int64(i), text: Array((([5, 6, 8].contains(i)) ? "x\(i)" : "y\(i)").utf8))
        }
        return sample
    }

    @Test("going up: the share past the cursor, the users past it, and how many come before the first match")
    func ascending() {
        let estimate = NameSample.estimate(Self.sample(), needle: Array("x".utf8), after: (Array("a1".utf8), 1), ascending: true)
        #expect(estimate == .init(share: 3.0 / 8.0, users: 800, rowsBeforeFirstHit: 300, observed: 8), "a2, a3, a4 before a5")
    }

    @Test("going down: the same, from the other end")
    func descending() {
        let estimate = NameSample.estimate(Self.sample(), needle: Array("x".utf8), after: (Array("a9".utf8), 9), ascending: false)
        #expect(estimate == .init(share: 3.0 / 9.0, users: 900, rowsBeforeFirstHit: 0, observed: 9), "a8 is the first going down")
    }

    @Test("a cursor at the same key counts only greater ids; no match sampled says nothing of where one lies")
    func ties() {
        let estimate = NameSample.estimate(Self.sample(), needle: Array("zz".utf8), after: (Array("a4".utf8), 3), ascending: true)
        #expect(estimate == .init(share: 0, users: 600, rowsBeforeFirstHit: nil, observed: 6), "a4 (id 4 > 3) to a9")
    }

    @Test("without a cursor every sampled user counts")
    func noCursor() {
        let estimate = NameSample.estimate(Self.sample(), needle: Array("x".utf8), after: nil, ascending: true)
        #expect(estimate == .init(share: 0.3, users: 1_000, rowsBeforeFirstHit: 500, observed: 10), "a0 … a4 before a5")
    }

    @Test("name keys fold ASCII capitals only, as roster_nocase does")
    func nameKey() {
        #expect(NameSample.nameKey("Søren ÅBERG") == Array("søren Åberg".utf8))
    }

    @Test("a sample is kept for its version and taken again at another")
    func versions() {
        let samples = NameSample()
        var taken = 0
        func take(_ version: Int64) -> NameSample.Sample {
            samples.sample(at: version) { taken += 1; return NameSample.Sample(version: version, scale: 1) }
        }
        _ = take(1)
        _ = take(1)
        #expect(taken == 1)
        _ = take(2)
        #expect(taken == 2)
    }

    /// Counts calls from several threads.
    final class Calls: Sendable {
        private let count = Mutex(0)
        func add() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// Starts `sample(at:)` on a thread of its own (a dispatch queue may hold it back while
    /// another of its threads waits) with a take that blocks until `release` is
    /// signalled; returns once that take has begun.
    static func takeInFlight(_ samples: NameSample, version: Int64, release: DispatchSemaphore, failing: Bool = false,
                             finished: DispatchGroup) {
        let began = DispatchSemaphore(value: 0)
        finished.enter()
        Thread {
            defer { finished.leave() }
            _ = try? samples.sample(at: version) {
                began.signal()
                release.wait()
                if failing { throw RosterError.notSignedIn }
                return NameSample.Sample(version: version, scale: 1)
            }
        }.start()
        began.wait()
    }

    /// Asks for the sample at `version` on another thread, counting the takes it makes itself.
    static func ask(_ samples: NameSample, version: Int64, takes: Calls, finished: DispatchGroup) {
        finished.enter()
        Thread {
            defer { finished.leave() }
            _ = samples.sample(at: version) { takes.add(); return NameSample.Sample(version: version, scale: 1) }
        }.start()
    }

    @Test("a sample being taken at a version is waited for by another reader at it, not taken twice")
    func takenOnce() {
        let samples = NameSample(patience: .seconds(30)), release = DispatchSemaphore(value: 0), finished = DispatchGroup()
        let takes = Calls()
        Self.takeInFlight(samples, version: 1, release: release, finished: finished)
        Self.ask(samples, version: 1, takes: takes, finished: finished)
        Thread.sleep(forTimeInterval: 0.05)  // the second reader reaches the wait
        #expect(takes.value == 0, "still waiting for the first take")
        release.signal()
        finished.wait()
        #expect(takes.value == 0 && samples.kept(at: 1) != nil)
    }

    @Test("a take that fails leaves the reader waiting for it to take its own")
    func failedTake() {
        let samples = NameSample(patience: .seconds(30)), release = DispatchSemaphore(value: 0), finished = DispatchGroup()
        let takes = Calls()
        Self.takeInFlight(samples, version: 1, release: release, failing: true, finished: finished)
        Self.ask(samples, version: 1, takes: takes, finished: finished)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(takes.value == 0, "waiting")
        release.signal()
        finished.wait()
        #expect(takes.value == 1 && samples.kept(at: 1) != nil)
    }

    /// Holds a take at version `held` in flight while another reader asks at `asked`, then lets
    /// it end: the takes that reader made itself, counted once it returned; nil when it didn't
    /// return within ten seconds.
    static func askWhileTaking(_ samples: NameSample, held: Int64, asked: Int64) -> Int? {
        let release = DispatchSemaphore(value: 0), finished = DispatchGroup(), answered = DispatchGroup(), takes = Calls()
        takeInFlight(samples, version: held, release: release, finished: finished)
        ask(samples, version: asked, takes: takes, finished: answered)
        let made = answered.wait(timeout: .now() + 10) == .success ? takes.value : nil
        release.signal()
        finished.wait()
        return made
    }

    @Test("a reader waits only so long for another's take: it may be stuck behind a lock the reader holds")
    func patience() {
        let samples = NameSample(patience: .milliseconds(20))
        #expect(Self.askWhileTaking(samples, held: 1, asked: 1) == 1, "took its own while the first was held")
        #expect(samples.kept(at: 1) != nil)
    }

    @Test("a reader at another version doesn't wait, and a take that began sooner and ended later doesn't replace the newer sample")
    func otherVersion() {
        // Versions are drawn at random at each change: the newer may be the smaller number.
        let samples = NameSample(patience: .seconds(30))
        #expect(Self.askWhileTaking(samples, held: 2, asked: 1) == 1)
        #expect(samples.kept(at: 1) != nil && samples.kept(at: 2) == nil)
    }

    @Test("a span runs from the margin before the first sampled match to the margin past the last")
    func span() throws {
        let span = try #require(NameSample.span(Self.sample(), needle: Array("x".utf8), margin: 2))
        #expect(span.start.map { String(decoding: $0.key, as: UTF8.self) } == "a3" && span.start?.id == 3)
        #expect(span.rows == 800, "a3 to a8, then two more")
        #expect(span.before == 300 && span.after == 0, "a0 to a2 before; the margin past a8 reaches the end")
        let early = try #require(NameSample.span(Self.sample(), needle: Array("x".utf8), margin: 6))
        #expect(early.start == nil, "the margin reaches past the first sampled user: from the start")
        #expect(early.rows == 1_500)
        #expect(early.before == 0 && early.after == 0)
        #expect(NameSample.span(Self.sample(), needle: Array("zz".utf8), margin: 2) == nil)
        let first = try #require(NameSample.span(Self.sample(), needle: Array("x".utf8), margin: 0))
        #expect(first.start?.id == 5 && first.rows == 400 && first.before == 500 && first.after == 100, "a5 to a8")
    }

    @Test("the sample's order doesn't change the span: it is read in name order whatever order it came in")
    func spanOfAShuffledSample() throws {
        var shuffled = NameSample.Sample(version: 1, scale: 100)
        for i in [7, 2, 9, 5, 0, 8, 3, 6, 1, 4] {
            shuffled.append(key: Array("a\(i)".utf8), id: Int64(i), text: Array((([5, 6, 8].contains(i)) ? "x\(i)" : "y\(i)").utf8))
        }
        for margin in [0, 1, 2, 5, 6, 11] {
            let ordered = try #require(NameSample.span(Self.sample(), needle: Array("x".utf8), margin: margin))
            let read = try #require(NameSample.span(shuffled, needle: Array("x".utf8), margin: margin))
            #expect(read.start?.id == ordered.start?.id && read.rows == ordered.rows && read.before == ordered.before
                        && read.after == ordered.after, "margin \(margin)")
        }
    }
}
