import CZxcvbn
import Foundation

/// How many guesses a password would take an attacker who knows the usual tricks, from
/// zxcvbn (Dropbox's estimator, C port from Debian's libzxcvbn-dev) with its dictionaries
/// of breached passwords, names and English words, plus keyboard walks, sequences,
/// repeats and dates; and what made it guessable, in words for the person choosing it.
struct GuessEstimate: Sendable, Equatable {
    /// log10 of the estimated guesses.
    var log10Guesses: Double
    /// The patterns found, most significant first, as a person would say them.
    var patterns: [String]

    /// `userWords`: the account's own email name, first and last name; a password built from
    /// them is easy for anyone who knows the person.
    init(_ password: String, userWords: [String]) {
        // zxcvbn-c reads a C string: an embedded NUL would cut the password short, so NULs
        // are estimated as the rest (they are refused as control characters anyway).
        let text = password.replacingOccurrences(of: "\0", with: " ")
        var info: UnsafeMutablePointer<ZxcMatch_t>?
        let words = userWords.filter { $0.count >= 3 }.map { strdup($0.lowercased()) } + [nil]
        defer { words.forEach { free($0) } }
        let bits = words.map { UnsafePointer($0) }.withUnsafeBufferPointer { buffer in
            var dictionary = Array(buffer)
            return dictionary.withUnsafeMutableBufferPointer { ZxcvbnMatch(text, $0.baseAddress, &info) }
        }
        defer { ZxcvbnFreeInfo(info) }
        log10Guesses = bits * log10(2.0)
        var found: [(entropy: Double, name: String)] = []
        var match = info
        while let current = match {
            if let name = Self.name(current.pointee.Type) { found.append((current.pointee.Entrpy, name)) }
            match = current.pointee.Next
        }
        var seen: Set<String> = []
        patterns = found.sorted { $0.entropy > $1.entropy }.map(\.name).filter { seen.insert($0).inserted }
    }

    static func name(_ type: ZxcTypeMatch_t) -> String? {
        // MULTIPLE_MATCH (32) is added to a type when its part repeats.
        switch ZxcTypeMatch_t(rawValue: type.rawValue % 32) {
        case DICTIONARY_MATCH: "a common password, word or name"
        case DICT_LEET_MATCH: "a common word with letters swapped for look-alikes"
        case USER_MATCH, USER_LEET_MATCH: "your own name or email"
        case REPEATS_MATCH: "repeated characters"
        case SEQUENCE_MATCH: "a sequence such as abcd or 1234"
        case SPATIAL_MATCH: "a keyboard pattern"
        case DATE_MATCH: "a date"
        case YEAR_MATCH: "a year"
        default: nil
        }
    }
}
