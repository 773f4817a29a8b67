/// Many short byte strings end to end in one buffer: a list of search texts or name keys
/// costs their bytes and an offset each, not an array (and its header) each.
struct PackedBytes: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []

    var count: Int { ends.count }
    /// About what it holds in memory.
    var size: Int { bytes.count + ends.count * 8 }

    mutating func append(_ text: some Sequence<UInt8>) {
        bytes.append(contentsOf: text)
        ends.append(bytes.count)
    }

    subscript(index: Int) -> ArraySlice<UInt8> { bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]] }
}
