import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension UserService {
    /// Exports `selection` as CSV (the columns `users import` reads) to a new file at `path`:
    /// private (0600: it holds personal data), written unnamed (`O_TMPFILE`, or a hidden file
    /// beside it where the file system has none) and linked into place only when complete,
    /// never over an existing file, so a crash or a quit mid-export leaves nothing behind.
    /// Audited as `users export` is. Returns the count.
    @discardableResult
    public func exportCSV(_ selection: UserSelection, to path: String, by actor: Actor) throws -> Int {
        var status = stat()
        guard lstat(path, &status) != 0 else { throw PrivateFile.Problem.exists(path) }
        let file = try ExportFile(path: path)
        try file.write(Array((UserColumns.header.joined(separator: ",") + "\n").utf8))
        let count = try export(selection, sort: UserSort(.id), destination: path, by: actor) { page in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(page.count * 96)
            for user in page { UserColumns.append(user, to: &bytes) }
            try file.write(bytes)
        }
        try file.commit()
        return count
    }
}

/// A file that appears at its path only when `commit` succeeds.
private final class ExportFile {
    let path: String
    let descriptor: Int32
    /// The hidden file beside `path`, where the file system can't make an unnamed one.
    let temporary: String?

    init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        let folder = directory.isEmpty ? "." : directory
        // O_TMPFILE (Linux): an inode with no name, gone with the process unless linked.
        let unnamed = open(folder, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
        if unnamed >= 0 {
            descriptor = unnamed
            temporary = nil
        } else {
            let hidden = folder + "/.roster-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
            let fd = open(hidden, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
            descriptor = fd
            temporary = hidden
        }
        // The mode passed to open() is narrowed by the umask, never widened; be exact anyway.
        fchmod(descriptor, 0o600)
    }

    deinit {
        close(descriptor)
        if let temporary { unlink(temporary) }
    }

    func write(_ bytes: [UInt8]) throws {
        var written = 0
        try bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Glibc.write(descriptor, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { throw PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
                written += n
            }
        }
    }

    /// Syncs and gives the file its name; link() fails on an existing file, where rename() would replace it.
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
        let linked = if let temporary { link(temporary, path) } else { linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, path, AT_SYMLINK_FOLLOW) }
        guard linked == 0 else {
            throw errno == EEXIST ? PrivateFile.Problem.exists(path) : PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
    }
}
