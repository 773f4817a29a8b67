import Foundation
import Testing
@testable import RosterCore

@Suite("Password hashing")
struct PasswordHasherTests {
    let hasher = PasswordHasher(parameters: .testing)
    let salt = [UInt8](repeating: 7, count: 16)

    @Test("hashes are PHC strings that carry their parameters")
    func phcFormat() throws {
        let phc = try hasher.hash("pässwörd", salt: salt)
        #expect(phc.hasPrefix("$scrypt$ln=4,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$"))
        #expect(hasher.verify("pässwörd", against: phc))
        #expect(!hasher.verify("passwörd", against: phc))
    }

    @Test("a hash made with other parameters still verifies, and asks for a rehash")
    func parametersReadBack() throws {
        let older = PasswordHasher(parameters: .init(logN: 5, r: 4, p: 1))
        let phc = try older.hash("secret words here", salt: salt)
        #expect(hasher.verify("secret words here", against: phc))
        #expect(hasher.needsRehash(phc) && !older.needsRehash(phc))
    }

    @Test("the default is N=2^17, r=8, p=1")
    func defaults() {
        #expect(PasswordHasher.Parameters.default == .init(logN: 17, r: 8, p: 1))
    }

    @Test("scrypt matches RFC 7914 test vector 2")
    func rfc7914() throws {
        let key = try PasswordHasher.derive(Array("password".utf8), salt: Array("NaCl".utf8), parameters: .init(logN: 10, r: 8, p: 16))
        #expect(Data(key).hex == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162")
    }

    @Test("compatibility forms of a password are the same password (NFKC)")
    func normalization() throws {
        let phc = try hasher.hash("ﬁne café", salt: salt)  // "ﬁ" ligature, precomposed é
        #expect(hasher.verify("fine cafe\u{301}", against: phc))
    }

    @Test("malformed stored hashes never match", arguments: ["", "$scrypt$", "$scrypt$ln=99,r=8,p=1$AAAA$AAAA", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "plain"])
    func malformed(phc: String) {
        #expect(!hasher.verify("anything", against: phc))
    }

    @Test("generated passwords use the readable alphabet and differ")
    func generated() {
        let random = TestRandom()
        let a = PasswordGenerator.generate(randomBytes: random.bytes)
        let b = PasswordGenerator.generate(randomBytes: random.bytes)
        #expect(a.count == 20 && a != b)
        #expect(a.allSatisfy { PasswordGenerator.alphabet.contains($0) })
    }
}
