import Foundation

// Fuzz target: the command line an SSH client sends (SSH_ORIGINAL_COMMAND) to the words the
// CLI parses, or a refusal (RemoteCommandLine in Sources/roster/Commands/SSH). The forced
// command runs the words only when both steps pass, and exits on any refusal.
// Properties: never crashes; whatever passes names an allowed command and never `--db` or
// `--mail-command` (so no path from the client can choose the database or start a program);
// a line holding a control character never passes; quoting the words again gives them back.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let line = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let words: [String]
    do {
        words = try RemoteCommandLine.words(line)
        try RemoteCommandLine.check(words)
    } catch {
        return 0  // refused: nothing runs
    }
    guard let first = words.first else { fatalError("an empty command passed") }
    precondition(RemoteCommandLine.allowed.contains(first) || ["--help", "-h", "--version"].contains(first), "ran \(first)")
    precondition(!RemoteCommandLine.refusedCommands.contains(first))
    for word in words {
        precondition(word != "--db" && !word.hasPrefix("--db="), "--db passed: \(words)")
        precondition(word != "--mail-command" && !word.hasPrefix("--mail-command="), "--mail-command passed")
    }
    precondition(!words.starts(with: ["audit", "verify"]) && !words.starts(with: ["mail", "deliver"]))
    for scalar in line.unicodeScalars where scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
        fatalError("a control character passed: \(scalar.value)")
    }
    // Quoting each word in single quotes (a quote inside as '\'') must give the same words.
    let requoted = words.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
    guard let again = try? RemoteCommandLine.words(requoted) else { fatalError("requoted words refused: \(requoted)") }
    precondition(again == words, "requoting changed \(words) into \(again)")
    return 0
}
