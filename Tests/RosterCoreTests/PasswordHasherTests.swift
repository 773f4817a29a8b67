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

    @Test("a weaker hash still verifies and is rehashed upward; a stronger one is kept as it is")
    func parametersReadBack() throws {
        let current = PasswordHasher(parameters: .init(logN: 14, r: 9, p: 1))
        let weaker = try PasswordHasher(parameters: .init(logN: 14, r: 8, p: 1)).hash("secret words here", salt: salt)
        let stronger = try PasswordHasher(parameters: .init(logN: 14, r: 10, p: 1)).hash("secret words here", salt: salt)
        #expect(current.verify("secret words here", against: weaker) && current.needsRehash(weaker))
        #expect(current.verify("secret words here", against: stronger) && !current.needsRehash(stronger))
    }

    @Test("stored parameters outside ln 14-20, r 8-16, p 1-4 are damage: never checked, never matched", arguments: [
        "ln=13,r=8,p=1", "ln=21,r=8,p=1", "ln=30,r=8,p=1", "ln=17,r=4,p=1", "ln=17,r=17,p=1", "ln=17,r=8,p=5", "ln=17,r=8,p=0",
    ])
    func outOfRange(parameters: String) throws {
        let production = PasswordHasher(parameters: .default)
        let valid = try hasher.hash("x", salt: salt).split(separator: "$")
        let planted = "$scrypt$\(parameters)$\(valid[2])$\(valid[3])"
        #expect(PasswordHasher.PHC(planted, minimumLogN: production.minimumLogN) == nil)
        #expect(!production.verify("x", against: planted))
        #expect(!production.needsRehash(planted), "a damaged hash is never rewritten from a guess")
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

    @Test("malformed stored hashes never match", arguments: ["", "$scrypt$", "$scrypt$ln=99,r=8,p=1$AAAA$AAAA", "$argon2id$v=19$m=1,t=1,p=1$AAAA$AAAA", "plain",
                                                 "$scrypt$ln=4,r=8,p=1$BwcH$AAAA", "$scrypt$ln=3,r=8,p=1$BwcHBwcHBwcHBwcHBwcHBw$AAAA"])
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
