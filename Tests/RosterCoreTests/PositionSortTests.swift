import Testing
@testable import RosterCore

@Suite("Sorting filter hits by name position")
struct PositionSortTests {
    /// Hits as UserFilterSearch packs them: position << 32 | id.
    static func hits(_ positions: [UInt32], ids: [UInt32]? = nil) -> [UInt64] {
        zip(positions, ids ?? positions.indices.map { UInt32($0) }).map { UInt64($0) << 32 | UInt64($1) }
    }

    @Test("orders hits by position as a comparison sort does, whatever the table's size", arguments: [1, 2, 100, 2_047, 2_048, 30_000, 4_000_000, 1 << 31])
    func ordersByPosition(users: Int) {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 17, 5_000] {
            // Distinct positions below the table's size, as a name order gives them.
            let positions = (0..<min(count, users)).map { _ in UInt32.random(in: 0..<UInt32(users), using: &generator) }
            let distinct = Array(Set(positions))
            let values = Self.hits(distinct).shuffled()
            #expect(PositionSort.sorted(values) == values.sorted(), "\(distinct.count) hits below \(users)")
        }
    }

    @Test("hits at the same position keep their order; the low half plays no part")
    func stable() {
        let values = Self.hits([5, 3, 5, 0, 3], ids: [9, 8, 1, 7, 2])
        #expect(PositionSort.sorted(values) == Self.hits([0, 3, 3, 5, 5], ids: [7, 8, 2, 9, 1]))
    }
}
