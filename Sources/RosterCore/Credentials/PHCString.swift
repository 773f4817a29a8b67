import Foundation

extension PasswordHasher {
    /// A parsed PHC scrypt string. Parameters outside a sane range mean a damaged or planted
    /// hash: one claiming ln=30 would take minutes and gigabytes to check, one claiming ln=1
    /// would check in microseconds. Such a string never verifies.
    struct PHC {
        var parameters: Parameters
        var salt: [UInt8]
        var hash: [UInt8]

        static let logNRange = 14...20
        static let rRange = 8...16
        static let pRange = 1...4

        init?(_ text: String, minimumLogN: Int = PHC.logNRange.lowerBound) {
            let parts = text.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 5, parts[0].isEmpty, parts[1] == "scrypt" else { return nil }
            var values: [String: Int] = [:]
            for pair in parts[2].split(separator: ",") {
                let kv = pair.split(separator: "=", maxSplits: 1)
                guard kv.count == 2, let n = Int(kv[1]) else { return nil }
                values[String(kv[0])] = n
            }
            guard let logN = values["ln"], let r = values["r"], let p = values["p"],
                  (minimumLogN...Self.logNRange.upperBound).contains(logN), Self.rRange.contains(r), Self.pRange.contains(p),
                  let salt = Data(base64NoPadding: String(parts[3])), salt.count >= 16,
                  let hash = Data(base64NoPadding: String(parts[4])), hash.count == PasswordHasher.keyLength
            else { return nil }
            self.parameters = Parameters(logN: logN, r: r, p: p)
            self.salt = Array(salt)
            self.hash = Array(hash)
        }
    }
}
