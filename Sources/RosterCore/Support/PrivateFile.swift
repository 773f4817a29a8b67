import Foundation

/// Files that hold secrets or the directory (database, key file, sessions file): created
/// 0600 with `O_CREAT|O_EXCL|O_NOFOLLOW`, so neither a loose umask nor a planted symlink can
/// widen who reads them; read only when nobody but the owner can.
public enum PrivateFile {
    /// What can be wrong with such a file, as one line a person can act on.
    public enum Problem: HumanReadableError, Equatable {
        case exists(String)
        case cannotCreate(String, reason: String)
        case symlink(String)
        case readableByOthers(String, mode: Int)
        case unreadable(String, reason: String)

        public var message: String {
            switch self {
            case .exists(let path): "\(path) already exists; move it away or choose another path."
            case .cannotCreate(let path, let reason): "Cannot create \(path): \(reason). Check that its folder exists and is writable."
            case .symlink(let path): "\(path) is a symbolic link; Roster doesn't follow links for secret files. Replace it with the file itself."
            case .readableByOthers(let path, let mode):
                "\(path) has mode \(String(mode, radix: 8)), so other accounts can read it. Run: chmod 600 \(path)"
            case .unreadable(let path, let reason): "Cannot read \(path): \(reason)."
            }
        }
    }

    /// Creates `path` with mode 0600 and writes `contents`; refuses an existing file or link.
    public static func create(_ path: String, contents: Data) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw errno == EEXIST ? Problem.exists(path) : Problem.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        do {
            // The mode passed to open() is narrowed by the umask, never widened; be exact anyway.
            fchmod(fd, 0o600)
            var written = 0
            try contents.withUnsafeBytes { buffer in
                while written < buffer.count {
                    let n = write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                    guard n > 0 else { throw Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
                    written += n
                }
            }
            guard fsync(fd) == 0 else { throw Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
        } catch {
            // A half-written secret is worse than none: the next run would trust it.
            unlink(path)
            throw error
        }
    }

    /// Reads a secret file: refused when it is a link, or when group or others may read or write it.
    public static func readPrivate(_ path: String) throws -> Data {
        // O_NONBLOCK: opening a FIFO would otherwise wait for a writer before fstat can refuse it.
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            throw errno == ELOOP ? Problem.symlink(path) : Problem.unreadable(path, reason: String(cString: strerror(errno)))
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Problem.unreadable(path, reason: String(cString: strerror(errno))) }
        // Only a regular file of this account's: a FIFO would hang the read, and a file
        // someone else owns could have been planted.
        guard info.st_mode & S_IFMT == S_IFREG else { throw Problem.unreadable(path, reason: "it is not a regular file") }
        guard info.st_uid == geteuid() else { throw Problem.unreadable(path, reason: "it belongs to another account (uid \(info.st_uid))") }
        let mode = Int(info.st_mode) & 0o777
        guard mode & 0o077 == 0 else { throw Problem.readableByOthers(path, mode: mode) }
        do {
            return try handle.readToEnd() ?? Data()
        } catch {
            throw Problem.unreadable(path, reason: error.localizedDescription)
        }
    }

    /// The permission bits of `path` (not following a link), nil when it doesn't exist.
    public static func mode(of path: String) -> Int? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o777
    }
}
