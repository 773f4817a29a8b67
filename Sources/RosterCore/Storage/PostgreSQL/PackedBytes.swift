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

extension ArraySlice<UInt8> {
    /// Whether these bytes hold `pattern`, byte for byte (both folded as `SearchText` folds),
    /// as the server's `strpos` compares: what kept matches and the name sample ask of a text.
    func holds(_ pattern: [UInt8]) -> Bool {
        guard !pattern.isEmpty else { return true }
        guard count >= pattern.count else { return false }
        return withUnsafeBufferPointer { haystack in
            pattern.withUnsafeBufferPointer { needle in
                let first = needle[0]
                var start = 0
                // Search texts are a few dozen bytes: a plain scan costs less than any setup.
                while start + needle.count <= haystack.count {
                    if haystack[start] == first {
                        var i = 1
                        while i < needle.count, haystack[start + i] == needle[i] { i += 1 }
                        if i == needle.count { return true }
                    }
                    start += 1
                }
                return false
            }
        }
    }
}
