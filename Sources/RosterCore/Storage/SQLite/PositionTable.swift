import Foundation

/// Each user's position in name order, indexed by user id: either memory of this process's
/// own or a read-only mapping of the file the consoles on one database share (NameOrderFile).
/// Immutable once made, which is what makes sharing it between threads safe.
final class PositionTable: @unchecked Sendable {
    private let positions: UnsafeBufferPointer<Int32>
    /// How many users the order holds: every valid position is below it.
    let count: Int32
    /// The mapping to undo, or nil when `positions` was allocated here.
    private let mapping: (base: UnsafeMutableRawPointer, length: Int)?

    /// Whether the table is the shared file's (for tests and the benchmark's memory notes).
    var isShared: Bool { mapping != nil }

    /// A table of `entries` ids, all -1 (no such user) until `fill` sets them; `fill` returns
    /// how many users it placed.
    init(entries: Int, fill: (UnsafeMutableBufferPointer<Int32>) throws -> Int32) rethrows {
        let table = UnsafeMutableBufferPointer<Int32>.allocate(capacity: entries)
        table.initialize(repeating: -1)
        do {
            count = try fill(table)
        } catch {
            table.deallocate()
            throw error
        }
        positions = UnsafeBufferPointer(table)
        mapping = nil
    }

    /// A copy of `positions` (-1 for ids that don't exist).
    convenience init(_ positions: [Int32], count: Int32) {
        self.init(entries: positions.count) { table in
            _ = table.update(fromContentsOf: positions)
            return count
        }
    }

    init(mapped positions: UnsafeBufferPointer<Int32>, count: Int32, mapping: (UnsafeMutableRawPointer, Int)) {
        self.positions = positions
        self.count = count
        self.mapping = mapping
    }

    deinit {
        if let mapping {
            munmap(mapping.base, mapping.length)
        } else {
            positions.deallocate()
        }
    }

    /// The user's position, or nil for an id the order doesn't hold. A position out of range
    /// (a damaged file) counts as not held rather than being trusted.
    func position(of id: Int64) -> Int32? {
        guard id >= 0, id < positions.count else { return nil }
        let position = positions[Int(id)]
        return position >= 0 && position < count ? position : nil
    }

    /// The raw table, for saving it.
    func withPositions<T>(_ body: (UnsafeBufferPointer<Int32>) throws -> T) rethrows -> T {
        try body(positions)
    }
}
