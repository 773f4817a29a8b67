// The shape of PasswordHasher the parser relies on, without scrypt (swift-crypto) behind it,
// so the parser can be compiled on its own with the fuzzer. Mirrors PasswordHasher.swift.
struct PasswordHasher {
    struct Parameters: Equatable {
        var logN: Int
        var r: Int
        var p: Int
    }
    static let keyLength = 32
}
