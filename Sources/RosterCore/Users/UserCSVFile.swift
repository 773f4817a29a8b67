import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension UserService {
    /// Exports `selection` as CSV (the columns `users import` reads) to a new file at `path`:
    /// private (0600: it holds personal data), written beside it first and linked into place
    /// only when complete, never over an existing file. Audited as `users export` is. Returns the count.
    @discardableResult
    public func exportCSV(_ selection: UserSelection, to path: String, by actor: Actor) throws -> Int {
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.roster-export-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
        defer { unlink(temporary) }
        var closed = false
        defer { if !closed { close(fd) } }
        func write(_ bytes: [UInt8]) throws {
            var written = 0
            try bytes.withUnsafeBytes { buffer in
                while written < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress.map { $0 + written }, buffer.count - written)
                    if n < 0, errno == EINTR { continue }
                    guard n > 0 else { throw PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
                    written += n
                }
            }
        }
        fchmod(fd, 0o600)
        try write(Array((UserColumns.header.joined(separator: ",") + "\n").utf8))
        let count = try export(selection, sort: UserSort(.id), by: actor) { page in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(page.count * 96)
            for user in page { UserColumns.append(user, to: &bytes) }
            try write(bytes)
        }
        guard fsync(fd) == 0 else { throw PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno))) }
        close(fd)
        closed = true
        // link() fails on an existing file, where rename() would replace it.
        guard link(temporary, path) == 0 else {
            throw errno == EEXIST ? PrivateFile.Problem.exists(path) : PrivateFile.Problem.cannotCreate(path, reason: String(cString: strerror(errno)))
        }
        return count
    }
}
