/// Unbiased sampling of letters from an alphabet with a byte source (rejection sampling).
enum RandomText {
    static func sample(_ alphabet: [Character], count: Int, randomBytes: (Int) -> [UInt8]) -> String {
        precondition((1...256).contains(alphabet.count), "an alphabet of 1 to 256 letters")
        var out = ""
        // Bytes at or above the largest multiple of the alphabet size would favour the first letters.
        let limit = 256 - 256 % alphabet.count
        while out.count < count {
            for byte in randomBytes(count * 2) where Int(byte) < limit && out.count < count {
                out.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return out
    }
}
