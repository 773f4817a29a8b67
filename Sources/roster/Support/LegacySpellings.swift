import Foundation

/// Spellings an older release took, rewritten before parsing, with a warning, for one release:
/// `users edit --require-mfa true|false` (and `--require-terms`) is now a flag pair like the
/// rest (`--require-mfa` / `--no-require-mfa`).
enum LegacySpellings {
    static let flags = ["--require-mfa", "--require-terms"]

    /// The arguments as this release reads them; `warn` hears each rewrite.
    static func rewritten(_ arguments: [String], warn: (String) -> Void = { Output.error($0) }) -> [String] {
        let words = arguments.filter { !$0.hasPrefix("-") }
        guard words.starts(with: ["users", "edit"]) else { return arguments }
        var result: [String] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            let (name, inline) = split(argument)
            if flags.contains(name) {
                let value = inline ?? (i + 1 < arguments.count ? arguments[i + 1] : nil)
                if let value, let on = Bool(value.lowercased()) {
                    let flag = on ? name : "--no-" + name.dropFirst(2)
                    warn("warning: `\(name) \(value)` is now `\(flag)`; the value form goes in the next release.")
                    result.append(flag)
                    i += inline == nil ? 2 : 1
                    continue
                }
            }
            result.append(argument)
            i += 1
        }
        return result
    }

    private static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
