import Testing
@testable import RosterTerminal

@Suite("Color pairs: text keeps its own, pictures reuse the least recently used")
struct ColorPairPoolTests {
    static func picture(_ n: Int) -> Appearance {
        Appearance(foreground: .indexed(n % 256), background: .indexed(n / 256))
    }

    @Test("pictures never exhaust the pairs nor take text's, and a number past 16 bits is never given")
    func pool() throws {
        var pool = ColorPairPool(colorPairs: 200)
        let warning = Appearance(foreground: .indexed(215))
        #expect(pool.pair(for: warning, picture: false)?.number == 1)
        var numbers: Set<Int> = []
        for n in 0..<10_000 {
            let given = pool.pair(for: Self.picture(n), picture: true)
            let pair = try #require(given)
            #expect(pair.number >= ColorPairPool.textPairs && pair.number < 200)
            numbers.insert(pair.number)
        }
        #expect(numbers.count == 200 - ColorPairPool.textPairs, "the picture range, reused")
        #expect(pool.pair(for: warning, picture: false).map { $0.number == 1 && !$0.isNew } == true, "text kept its pair")
        // A picture used just now keeps its number while older ones are given out again.
        let touched = pool.pair(for: Self.picture(9_999), picture: true)
        let recent = try #require(touched)
        for n in 20_000..<20_100 { _ = pool.pair(for: Self.picture(n), picture: true) }
        #expect(pool.pair(for: Self.picture(9_999), picture: true)?.number == recent.number)
        #expect(ColorPairPool(colorPairs: 65_536).limit == Int(Int16.max))
        var small = ColorPairPool(colorPairs: 64)
        #expect(small.pair(for: Self.picture(1), picture: true) == nil, "no room for pictures: none drawn")
    }
}
