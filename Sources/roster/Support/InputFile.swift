import Foundation

/// Text a command takes from a file, or from standard input with `-`.
enum InputFile {
    /// Reads `path` (or standard input for `-`), up to `limit` bytes, as UTF-8.
    /// Over SSH only `-` is accepted: a path would be read with the service account's rights.
    static func text(_ path: String, limit: Int, what: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readData(ofLength: limit + 1)
        } else {
            guard !RemoteSession.isActive else {
                throw CLIError("Over SSH, give the \(what) on standard input with `-` (for example: ssh roster@host … - < file); paths on the server are not read.")
            }
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw CLIError("Can't read \(path). Check the path and that you may read it.")
            }
            data = contents
        }
        guard data.count <= limit, let text = String(data: data, encoding: .utf8) else {
            throw CLIError("The \(what) is not UTF-8 text under \(limit / 1000) KB; nothing was changed.")
        }
        return text
    }
}
