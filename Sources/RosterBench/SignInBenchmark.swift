import Foundation
import RosterCore

/// Times password hashing at the production scrypt parameters, and sign-in with a wrong
/// password against sign-in with an unknown email, which must cost the same.
func signInBenchmark(rounds: Int) throws {
    let hasher = PasswordHasher(parameters: .default)
    let salt = [UInt8](repeating: 1, count: 16)
    var hashTimes: [Double] = []
    for _ in 0..<rounds { hashTimes.append(milliseconds { _ = try? hasher.hash("violet kettle under moss", salt: salt) }) }

    var core = CoreEnvironment.live
    let key = try SecretBox(keyBytes: core.randomBytes(32))
    core.secrets = { key }
    let roster = Roster(database: try AppDatabase.inMemory(), environment: core)
    _ = try roster.users.create(NewUser(email: "known@example.com", firstName: "K", lastName: "U", password: .typed("violet kettle under moss")),
                                by: .system("bench"))
    var wrong: [Double] = [], unknown: [Double] = []
    for round in 0..<rounds {
        // Alternate the order so drift on a shared machine hits both sides alike.
        let pair = [("known@example.com", true), ("nobody@example.com", false)]
        for (email, isKnown) in round % 2 == 0 ? pair : pair.reversed() {
            let time = milliseconds { _ = try? roster.auth.signIn(email: email, password: "wrong password here", ip: nil, client: "bench") }
            if isKnown { wrong.append(time) } else { unknown.append(time) }
        }
        // Stay below the lockout threshold.
        if round % 5 == 4 { _ = try roster.users.unlock(try roster.users.find("known@example.com", by: .system("bench")).id, by: .system("bench")) }
    }
    print("scrypt N=2^17 r=8 p=1, \(rounds) rounds, median:")
    print(String(format: "  one password hash          %7.1f ms", median(hashTimes)))
    print(String(format: "  sign-in, wrong password    %7.1f ms", median(wrong)))
    print(String(format: "  sign-in, unknown email     %7.1f ms", median(unknown)))
    print(String(format: "  unknown / wrong            %7.3f", median(unknown) / median(wrong)))
}
