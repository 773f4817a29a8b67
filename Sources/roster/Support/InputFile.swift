import Foundation

/// Text a command takes from a file, or from standard input with `-`.
enum InputFile {
    /// Reads `path` (or standard input for `-`), up to `limit` bytes, as UTF-8.
    /// Over SSH only `-` is accepted: a path would be read with the service account's rights.
    static func text(_ path: String, limit: Int, what: String) throws -> String {
        let data = try data(path, limit: limit, what: what)
        guard let text = String(data: data, encoding: .utf8) else {
            throw CLIError("The \(what) is not UTF-8 text under \(limit / 1000) KB; nothing was changed.")
        }
        return text
    }

    /// The bytes of `path` (or standard input for `-`); refused past `limit` before more is read.
    static func data(_ path: String, limit: Int, what: String) throws -> Data {
        let data: Data
        if path == "-" {
            data = CommandEnvironment.current.read(limit + 1)
        } else {
            guard !RemoteSession.isActive else {
                throw RemoteSession.refuse("Over SSH, give the \(what) on standard input with `-` (for example: ssh roster@host … - < file); paths on the server are not read.")
            }
            if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
                throw tooLarge(size, limit: limit, what: what)
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw CLIError("Can't read \(path). Check the path and that you may read it.")
            }
            data = handle.readData(ofLength: limit + 1)
        }
        guard data.count <= limit else { throw tooLarge(data.count, limit: limit, what: what) }
        return data
    }

    private static func tooLarge(_ size: Int, limit: Int, what: String) -> CLIError {
        let unit = limit >= 1 << 20 ? "\(limit >> 20) MiB" : "\(limit / 1000) KB"
        return CLIError("The \(what) is larger than \(unit); nothing was changed. Split it into smaller files.")
    }
}
