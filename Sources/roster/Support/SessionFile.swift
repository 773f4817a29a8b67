import Foundation
import RosterCore

/// Remembers the session token per database in `$XDG_CONFIG_HOME/roster/sessions.json`,
/// mode 0600 in a 0700 folder, so later commands act as the signed-in account.
struct SessionFile {
    let path: String

    init(environment: [String: String] = CommandEnvironment.current.variables) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        path = config + "/roster/sessions.json"
    }

    /// The saved token; refuses a file other accounts can read (its tokens may have leaked).
    func token(for database: String) throws -> String? {
        try load()[database]
    }

    func save(_ token: String, for database: String) throws {
        var tokens = (try? load()) ?? [:]
        tokens[database] = token
        try write(tokens)
    }

    func remove(for database: String) throws {
        var tokens = (try? load()) ?? [:]
        guard tokens.removeValue(forKey: database) != nil else { return }
        try write(tokens)
    }

    private func load() throws -> [String: String] {
        guard PrivateFile.mode(of: path) != nil else { return [:] }
        let data: Data
        do {
            data = try PrivateFile.readPrivate(path)
        } catch PrivateFile.Problem.readableByOthers(_, let mode) {
            throw CLIError("The sessions file \(path) has mode \(String(mode, radix: 8)), so other accounts could read its tokens. "
                + "Remove it (rm \(path)) and sign in again with `roster login`.")
        }
        return (try? JSONDecoder().decode([String: String].self, from: data)) ?? [:]
    }

    private func write(_ tokens: [String: String]) throws {
        let fm = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(tokens)
        // Create the temporary file 0600 from the start, then rename over the old one atomically.
        let temporary = path + ".tmp-\(getpid())"
        try? fm.removeItem(atPath: temporary)  // left by a crashed run of this process id
        do {
            try PrivateFile.create(temporary, contents: data)
        } catch let problem as PrivateFile.Problem {
            throw CLIError(problem.message)
        }
        if rename(temporary, path) != 0 {
            try? fm.removeItem(atPath: temporary)
            throw CLIError("Could not save the session in \(path): \(String(cString: strerror(errno))).")
        }
    }
}
