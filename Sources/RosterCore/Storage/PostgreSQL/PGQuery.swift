import Foundation

/// A statement's conditions and parameters, built together so every `$n` matches its value.
struct PGQuery {
    private(set) var conditions: [String] = []
    private(set) var parameters: [any PGParameter] = []

    /// Adds a parameter and returns its placeholder (`$n`).
    mutating func bind(_ value: any PGParameter) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    mutating func require(_ condition: String) { conditions.append(condition) }

    var whereClause: String { conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ") }
}
