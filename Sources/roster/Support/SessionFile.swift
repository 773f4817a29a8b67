import Foundation

/// Remembers the session token per database in `$XDG_CONFIG_HOME/roster/sessions.json`,
/// mode 0600 in a 0700 folder, so later commands act as the signed-in account.
struct SessionFile {
    let path: String

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let home = environment["HOME"] ?? NSHomeDirectory()
        let config = environment["XDG_CONFIG_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil } ?? home + "/.config"
        path = config + "/roster/sessions.json"
    }

    func token(for database: String) -> String? {
        load()[database]
    }

    func save(_ token: String, for database: String) throws {
        var tokens = load()
        tokens[database] = token
        try write(tokens)
    }

    func remove(for database: String) throws {
        var tokens = load()
        guard tokens.removeValue(forKey: database) != nil else { return }
        try write(tokens)
    }

    private func load() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path),
              let tokens = try? JSONDecoder().decode([String: String].self, from: data) else { return [:] }
        return tokens
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
        guard fm.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CLIError("Could not write \(temporary). Check that \(folder) is writable.")
        }
        if rename(temporary, path) != 0 {
            try? fm.removeItem(atPath: temporary)
            throw CLIError("Could not save the session in \(path): \(String(cString: strerror(errno))).")
        }
    }
}
