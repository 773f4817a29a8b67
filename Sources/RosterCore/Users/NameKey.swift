/// How a typed name of a role or kind is compared: lowercased, with `_` and spaces read as
/// `-` ("Accounts_Admin", "accounts admin" → "accounts-admin"). In Swift rather than
/// Foundation's `replacingOccurrences`, which cost microseconds a call: an import parses two
/// such names on every line.
enum NameKey {
    static func of(_ name: String) -> String {
        String(name.lowercased().map { $0 == "_" || $0 == " " ? "-" : $0 })
    }
}
