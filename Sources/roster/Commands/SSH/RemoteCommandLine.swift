/// The command an SSH client asked for (`SSH_ORIGINAL_COMMAND`), split into words the way a
/// person quotes them, with no shell anywhere: `;`, `|`, `&`, `$`, backquotes and redirections
/// outside quotes are refused, never interpreted.
enum RemoteCommandLine {
    /// Why a command line can't run over SSH; a usage error (exit 64).
    struct Refusal: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// Commands a connection may run: every account command, none that touch the file itself.
    static let allowed: Set<String> = [
        "users", "orgs", "keys", "resets", "auth", "mail", "settings", "audit", "terms", "whoami", "passwd", "mfa", "help",
    ]
    /// Owned by whoever holds the database file (break-glass, setup), or meaningless over SSH.
    static let refusedCommands: Set<String> = ["demo", "init", "recover", "backup", "restore-check", "migrate-to", "ssh", "login", "logout"]

    /// Splits `line` into words: blanks separate, 'single' quotes keep everything, "double"
    /// quotes keep everything but `\"` and `\\`, and a backslash escapes the next character.
    ///
    /// Split by Unicode scalar, not by Character: a combining mark after a quote or a `;`
    /// would otherwise join it into one grapheme that is neither, and a quote could stay open
    /// (or a separator pass as text) depending on what follows it.
    static func words(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quote: Unicode.Scalar?
        var escaped = false
        for scalar in line.unicodeScalars {
            if scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
                throw Refusal(description: "The command contains a control character; type it as plain text.")
            }
            if escaped {
                current.append(scalar)
                escaped = false
                continue
            }
            switch (quote, scalar) {
            case ("'", "'"), ("\"", "\""):
                quote = nil
            case ("'", _):
                current.append(scalar)
            case ("\"", "\\"):
                escaped = true
            case ("\"", _):
                current.append(scalar)
            case (nil, "'"), (nil, "\""):
                quote = scalar
                inWord = true
            case (nil, "\\"):
                escaped = true
                inWord = true
            case (nil, " "), (nil, "\t"):
                if inWord { words.append(String(current)) }
                current = String.UnicodeScalarView()
                inWord = false
            case (nil, _) where ";|&$`<>(){}*?~#!".unicodeScalars.contains(scalar):
                throw Refusal(description: "roster runs one command over SSH, without a shell: `\(scalar)` has no meaning here. "
                              + "Run one command per connection, and quote the character if it is part of a value.")
            default:
                current.append(scalar)
                inWord = true
            }
        }
        guard quote == nil, !escaped else { throw Refusal(description: "The command has an unclosed quote or a trailing backslash.") }
        if inWord { words.append(String(current)) }
        return words
    }

    /// Refuses what may not run over SSH: commands on the file itself, another database,
    /// and anything that would start a program on the server.
    static func check(_ words: [String]) throws {
        guard let first = words.first else { throw Refusal(description: "No command given.") }
        if refusedCommands.contains(first) {
            throw Refusal(description: "`\(first)` can't run over SSH: it belongs to whoever holds the database file on the server.")
        }
        guard allowed.contains(first) || first.hasPrefix("-") && ["--help", "-h", "--version"].contains(first) else {
            throw Refusal(description: "Unknown command `\(first)`. Try: ssh … help")
        }
        for word in words where word == "--db" || word.hasPrefix("--db=") || word == "--mail-command" || word.hasPrefix("--mail-command=") {
            throw Refusal(description: "`\(word.split(separator: "=").first ?? "")` can't be given over SSH: the server chooses the database and the mail command.")
        }
        if words.starts(with: ["audit", "verify"]) {
            throw Refusal(description: "`audit verify` reads the whole file as whoever holds it; run it on the server.")
        }
        if words.starts(with: ["mail", "deliver"]) {
            throw Refusal(description: "`mail deliver` runs the mail command on the server; it runs from the service account's timer, not over SSH.")
        }
    }
}
