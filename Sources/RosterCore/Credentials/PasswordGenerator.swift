/// Generates passwords people can read aloud and type: no 0/O, 1/l/I look-alikes.
public enum PasswordGenerator {
    static let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// 20 characters from a 56-letter alphabet: about 116 bits.
    public static func generate(length: Int = 20, randomBytes: (Int) -> [UInt8]) -> String {
        RandomText.sample(alphabet, count: length, randomBytes: randomBytes)
    }
}
