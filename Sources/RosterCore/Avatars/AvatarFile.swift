import Foundation
#if canImport(Glibc)
import Glibc
#endif

extension AvatarImage {
    /// Reads and checks an image file for an avatar. Only a regular file is read (a device or
    /// a pipe could block the console or never end), and never more than the size limit allows.
    public init(contentsOf path: String) throws {
        // Checked before opening too: opening some devices does something by itself.
        var before = stat()
        guard stat(path, &before) == 0 else { throw AvatarProblem.unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (before.st_mode & S_IFMT) == S_IFREG else { throw AvatarProblem.unreadable(path: path, reason: "not a regular file") }
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw AvatarProblem.unreadable(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw AvatarProblem.unreadable(path: path, reason: String(cString: strerror(errno))) }
        guard (status.st_mode & S_IFMT) == S_IFREG else { throw AvatarProblem.unreadable(path: path, reason: "not a regular file") }
        guard status.st_size < Self.maxBytes else { throw AvatarProblem.tooLarge(bytes: Int(status.st_size)) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while data.count < Self.maxBytes {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw AvatarProblem.unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        try self.init(data: data)
    }
}
