/// The command an SSH client asked for (`SSH_ORIGINAL_COMMAND`), split into words the way a
/// person quotes them, with no shell anywhere: `;`, `|`, `&`, `$`, backquotes and redirections
/// outside quotes are refused, never interpreted.
enum RemoteCommandLine {
    /// Why a command line can't run over SSH; a usage error (exit 64).
    struct Refusal: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// What may not run over SSH, and why: the one table. Every other command of the command
    /// tree runs (a test walks the tree and prints this table). A key is a command path as
    /// typed: its first word, or its first two.
    static let refusals: [(command: String, reason: String)] = [
        ("demo", "it creates a database file on the server; run it on your own machine"),
        ("init", "it creates the database and its first administrator; run it on the server as the file's owner"),
        ("recover", "it is the break-glass recovery of whoever holds the database file on the server"),
        ("backup", "it writes files on the server as the service account; run it on the server"),
        ("restore-check", "it reads backup files on the server; run it on the server"),
        ("migrate-to", "it copies the database file itself; run it on the server as the file's owner"),
        ("ssh", "it sets up and serves SSH access itself; run it on the server"),
        ("login", "over SSH the key signs you in; there is no session file to keep"),
        ("logout", "over SSH the session ends with the connection"),
        ("sudo", "over SSH each connection asks for the confirmation itself when a command needs it (use ssh -t)"),
        ("audit verify", "it reads the whole file as whoever holds it; run it on the server"),
        ("mail deliver", "it runs the mail command on the server, from the service account's timer"),
    ]

    /// Words that ask for help rather than name a command.
    static let helpWords: Set<String> = ["help", "--help", "-h", "--version"]

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

    /// Refuses what may not run over SSH (the `refusals` table), another database or mail
    /// command, and anything that isn't a command of the command tree.
    static func check(_ words: [String]) throws {
        guard let first = words.first else { throw Refusal(description: "No command given.") }
        if helpWords.contains(first) { return }
        let path = words.prefix(2).joined(separator: " ")
        if let refusal = refusals.first(where: { $0.command == first || $0.command == path }) {
            throw Refusal(description: "`\(refusal.command)` can't run over SSH: \(refusal.reason).")
        }
        guard commandNames.contains(first) else {
            throw Refusal(description: "Unknown command `\(first)`. Try: ssh … help")
        }
        for word in words where word == "--db" || word.hasPrefix("--db=") || word == "--mail-command" || word.hasPrefix("--mail-command=") {
            throw Refusal(description: "`\(word.split(separator: "=").first ?? "")` can't be given over SSH: the server chooses the database and the mail command.")
        }
    }

    /// The top-level commands, from the command tree itself.
    static var commandNames: Set<String> {
        Set(RosterCLI.configuration.subcommands.map { $0._commandName })
    }
}
