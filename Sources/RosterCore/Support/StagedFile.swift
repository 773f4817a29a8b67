import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private file (0600) that appears at its path only when committed: written unnamed
/// (`O_TMPFILE`, or a hidden file beside it where the file system has none), synced, then
/// named in one step, so no reader ever sees it half written and a crash or a quit midway
/// leaves nothing behind. Exports commit without replacing anything; caches replace.
final class StagedFile {
    let path: String
    private let descriptor: Int32
    private let folder: String
    /// The hidden file beside `path`, where the file system can't make an unnamed one.
    private var temporary: String?

    init(path: String) throws {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        folder = directory.isEmpty ? "." : directory
        // O_TMPFILE (Linux): an inode with no name, gone with the process unless linked.
        let unnamed = open(folder, 0o20000000 | O_DIRECTORY | O_WRONLY | O_CLOEXEC, 0o600)
        if unnamed >= 0 {
            descriptor = unnamed
            temporary = nil
        } else {
            let hidden = Self.hiddenName(in: folder)
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

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var written = 0
        while written < bytes.count {
            let n = Glibc.write(descriptor, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw problem() }
            written += n
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Syncs and gives the file its name; never over an existing file (link() fails on one,
    /// where rename() would replace it).
    func commit() throws {
        guard fsync(descriptor) == 0 else { throw problem() }
        let linked = if let temporary { link(temporary, path) } else { linkUnnamed(to: path) }
        guard linked == 0 else { throw errno == EEXIST ? PrivateFile.Problem.exists(path) : problem() }
    }

    /// Syncs and gives the file its name in place of whatever had it (rename() replaces in one
    /// step: a reader opens the old file or the whole new one).
    func commitReplacing() throws {
        guard fsync(descriptor) == 0 else { throw problem() }
        if temporary == nil {
            // An unnamed file can't be renamed: name it beside the path first.
            let hidden = Self.hiddenName(in: folder)
            guard linkUnnamed(to: hidden) == 0 else { throw problem() }
            temporary = hidden
        }
        guard let temporary, rename(temporary, path) == 0 else { throw problem() }
        self.temporary = nil
    }

    private func linkUnnamed(to name: String) -> Int32 {
        linkat(AT_FDCWD, "/proc/self/fd/\(descriptor)", AT_FDCWD, name, AT_SYMLINK_FOLLOW)
    }

    private func problem() -> PrivateFile.Problem {
        .cannotCreate(path, reason: String(cString: strerror(errno)))
    }

    private static func hiddenName(in folder: String) -> String {
        folder + "/.roster-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
    }
}
