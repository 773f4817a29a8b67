/// Unbiased sampling of letters from an alphabet with a byte source (rejection sampling).
enum RandomText {
    static func sample(_ alphabet: [Character], count: Int, randomBytes: (Int) -> [UInt8]) -> String {
        var out = ""
        let limit = UInt8(256 - 256 % alphabet.count)
        while out.count < count {
            for byte in randomBytes(count * 2) where byte < limit && out.count < count {
                out.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return out
    }
}
