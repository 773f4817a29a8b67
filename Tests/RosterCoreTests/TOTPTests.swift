import Foundation
import Testing
@testable import RosterCore

@Suite("TOTP and HOTP")
struct TOTPTests {
    static let rfcSecret = Array("12345678901234567890".utf8)

    @Test("HOTP matches RFC 4226 appendix D")
    func rfc4226AppendixD() {
        let expected = ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"]
        let hotp = TOTP(secret: Self.rfcSecret)
        for (counter, code) in expected.enumerated() {
            #expect(hotp.hotp(counter: UInt64(counter)) == code, "counter \(counter)")
        }
    }

    static let rfc6238: [(Double, String, String, String)] = [
        (59, "94287082", "46119246", "90693936"),
        (1111111109, "07081804", "68084774", "25091201"),
        (1111111111, "14050471", "67062674", "99943326"),
        (1234567890, "89005924", "91819424", "93441116"),
        (2000000000, "69279037", "90698825", "38618901"),
        (20000000000, "65353130", "77737706", "47863826"),
    ]

    @Test("TOTP matches RFC 6238 appendix B for SHA1, SHA256 and SHA512", arguments: TOTP.Algorithm.allCases)
    func rfc6238AppendixB(algorithm: TOTP.Algorithm) {
        let seed: String = switch algorithm {
        case .sha1: "12345678901234567890"
        case .sha256: "12345678901234567890123456789012"
        case .sha512: "1234567890123456789012345678901234567890123456789012345678901234"
        }
        let totp = TOTP(secret: Array(seed.utf8), algorithm: algorithm, digits: 8, period: 30)
        for (time, sha1, sha256, sha512) in Self.rfc6238 {
            let expected = switch algorithm { case .sha1: sha1; case .sha256: sha256; case .sha512: sha512 }
            #expect(totp.code(at: Date(timeIntervalSince1970: time)) == expected, "T=\(time)")
        }
    }

    @Test("a code is accepted one step early or late, not two")
    func drift() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(-30)), at: now, lastUsedStep: nil) != nil)
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(30)), at: now, lastUsedStep: nil) != nil)
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(-90)), at: now, lastUsedStep: nil) == nil)
        #expect(totp.matchingStep(for: "12345", at: now, lastUsedStep: nil) == nil)
        #expect(totp.matchingStep(for: "abcdef", at: now, lastUsedStep: nil) == nil)
    }

    @Test("replay: a code whose time step was already used is refused, and so are older ones")
    func replay() {
        let totp = TOTP(secret: Self.rfcSecret)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let code = totp.code(at: now)
        let step = totp.matchingStep(for: code, at: now, lastUsedStep: nil)
        #expect(step == totp.step(at: now))
        #expect(totp.matchingStep(for: code, at: now, lastUsedStep: step) == nil)
        #expect(totp.matchingStep(for: totp.code(at: now.addingTimeInterval(-30)), at: now, lastUsedStep: step) == nil)
    }

    @Test("base32 round-trips and the otpauth URI names issuer, account and parameters")
    func uri() {
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.decode("MZXW6YTBOI") == Array("foobar".utf8))
        let uri = TOTP(secret: Self.rfcSecret).uri(account: "mei@example.com", issuer: "Roster")
        #expect(uri == "otpauth://totp/Roster%3Amei@example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Roster&algorithm=SHA1&digits=6&period=30")
    }
}
