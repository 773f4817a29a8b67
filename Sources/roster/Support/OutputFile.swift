import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Where a long output goes: standard output, or a file. A file is written beside its final
/// path, private (0600: exports hold personal data), and renamed into place only when
/// complete, so a failed or interrupted export never leaves half a file behind. Writes are
/// buffered: a million rows are a few hundred system calls, not millions.
final class OutputFile {
    private let finalPath: String?
    private let temporaryPath: String?
    private let descriptor: Int32
    /// Standard output when it isn't this process's descriptor (a command run in-process by a test).
    private let sink: CommandEnvironment?
    private var buffer = Data()
    private var committed = false
    private static let flushSize = 1 << 16

    /// `path` nil or `-` is standard output. Over SSH only standard output is allowed: a path
    /// would be written with the service account's rights.
    init(path: String?) throws {
        guard let path, path != "-" else {
            finalPath = nil
            temporaryPath = nil
            descriptor = STDOUT_FILENO
            sink = CommandEnvironment.current.usesDescriptors ? nil : CommandEnvironment.current
            return
        }
        guard !RemoteSession.isActive else {
            throw RemoteSession.refuse("Over SSH the output goes to standard output (ssh roster@host … > file); paths on the server are not written.")
        }
        let directory = (path as NSString).deletingLastPathComponent
        let temporary = (directory.isEmpty ? "." : directory) + "/.roster-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CLIError("Can't write in \(directory.isEmpty ? "." : directory): \(String(cString: strerror(errno))). Pick a directory you may write to.")
        }
        finalPath = path
        temporaryPath = temporary
        descriptor = fd
        sink = nil
        Self.removeOnInterrupt(temporary)
    }

    /// The half-written file must not outlive a Ctrl-C (it holds personal data): the signal
    /// handler removes it (unlink is safe in a handler) and exits as an interrupted command does.
    /// Atomic: commands run in-process by tests export at once, and a handler reads it lock-free.
    /// The path's address (0: none), as pointers aren't Sendable.
    private static let pendingPath = Atomic<Int>(0)

    private static func removeOnInterrupt(_ path: String) {
        pendingPath.store(Int(bitPattern: strdup(path)), ordering: .releasing)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            Glibc.signal(signal) { number in
                if let path = UnsafeMutablePointer<CChar>(bitPattern: OutputFile.pendingPath.load(ordering: .acquiring)) { unlink(path) }
                _exit(128 + number)
            }
        }
    }

    deinit {
        // Not committed: an error or an early exit. Nothing half-written stays.
        if let temporaryPath, !committed {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func write(_ data: Data) throws {
        buffer.append(data)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func flush() throws {
        if let sink {
            sink.write(.output, buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        try buffer.withUnsafeBytes { raw in
            guard var base = raw.baseAddress else { return }
            var left = raw.count
            while left > 0 {
                let written = Glibc.write(descriptor, base, left)
                if written < 0, errno == EINTR { continue }
                guard written > 0 else {
                    throw CLIError("Writing \(finalPath ?? "standard output") failed: \(String(cString: strerror(errno))).")
                }
                left -= written
                base += written
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and moves the file into place; returns its final path (nil for standard output).
    @discardableResult
    func commit() throws -> String? {
        try flush()
        guard let finalPath, let temporaryPath else { return nil }
        guard fsync(descriptor) == 0, rename(temporaryPath, finalPath) == 0 else {
            throw CLIError("Can't write \(finalPath): \(String(cString: strerror(errno))). Nothing was written there.")
        }
        close(descriptor)
        committed = true
        Self.pendingPath.store(0, ordering: .releasing)
        return finalPath
    }
}
