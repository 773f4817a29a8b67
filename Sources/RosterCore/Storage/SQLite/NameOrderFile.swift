import Foundation

/// The name order saved beside the database (`<database>-names`, mode 0600) and mapped
/// read-only, so the consoles on one database share one copy in the page cache instead of
/// each reading the name index into memory of its own (4 MB and a quarter second of a core
/// at a million users, for every console).
///
/// The file is a cache: it is only used at the exact `userOrderVersion` it was written at
/// (a random number drawn at every change, so a restored backup or another database at the
/// same path never matches a stale file), it is replaced by rename so a reader never sees it
/// half written, and anything wrong with it (missing, short, another account's, another
/// version) means it is built again from the index. A wrong position in it could only put
/// filter hits out of order; the rows shown are still read from the database and its policy.
/// Never copy or restore it in place (`cp` over it, `rsync --inplace`): a console that has it
/// mapped would fault on the shortened pages. Delete it instead; the next console writes it.
enum NameOrderFile {
    /// "RSTNAMES" read as a native integer: a file from another byte order doesn't match.
    static let magic: UInt64 = 0x5345_4D41_4E54_5352
    /// magic, version, count, entries: four 8-byte fields before the positions.
    static let headerSize = 32

    static func path(forDatabase path: String) -> String { path + "-names" }

    /// Waits for, then holds, the lock beside `path` (`<database>-names.lock`, 0600, kept):
    /// the processes on one database build the order one at a time. Nil when the lock can't
    /// be opened (a read-only folder; a file not this account's own); then each builds on its
    /// own, as before. With `patience`, nil also once that many seconds have passed.
    static func lockExclusively(_ path: String, patience: TimeInterval? = nil) -> Int32? {
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid() else {
            close(fd)
            return nil
        }
        let deadline = patience.map { Date().addingTimeInterval($0) }
        while flock(fd, deadline == nil ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
            let failure = errno  // before anything else can set it
            let waiting = failure == EWOULDBLOCK && deadline.map { Date() < $0 } == true
            guard failure == EINTR || waiting else {
                close(fd)
                return nil
            }
            if waiting { usleep(10_000) }
        }
        return fd
    }

    static func unlock(_ fd: Int32) {
        close(fd)  // closing the only descriptor releases the flock
    }

    /// Maps the file if it holds the order at `version`; nil otherwise.
    static func load(from path: String, version: Int64) -> PositionTable? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        // This account's own regular file, readable by nobody else (it lists user ids in name
        // order), and no longer than positions for every 32-bit id.
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 == 0,
              info.st_size >= headerSize, (Int(info.st_size) - headerSize) % 4 == 0,
              (Int(info.st_size) - headerSize) / 4 <= Int(Int32.max) else { return nil }
        let length = Int(info.st_size)
        guard let base = mmap(nil, length, PROT_READ, MAP_SHARED, fd, 0), base != MAP_FAILED else { return nil }
        let entries = (length - headerSize) / 4
        let field = { (index: Int) in base.load(fromByteOffset: index * 8, as: Int64.self) }
        guard UInt64(bitPattern: field(0)) == magic, field(1) == version, field(3) == Int64(entries),
              let count = Int32(exactly: field(2)), count >= 0, Int(count) <= entries else {
            munmap(base, length)
            return nil
        }
        let positions = UnsafeBufferPointer(start: (base + headerSize).bindMemory(to: Int32.self, capacity: entries), count: entries)
        return PositionTable(mapped: positions, count: count, mapping: (base, length))
    }

    /// Writes `positions` for `version` to `path`: a new file, synced, then renamed over the
    /// old one (StagedFile), so readers see the old file or the whole new one.
    static func save(_ positions: UnsafeBufferPointer<Int32>, count: Int32, version: Int64, to path: String) throws {
        let file = try StagedFile(path: path)
        let header: [Int64] = [Int64(bitPattern: magic), version, Int64(count), Int64(positions.count)]
        try header.withUnsafeBytes { try file.write($0) }
        try file.write(UnsafeRawBufferPointer(positions))
        try file.commitReplacing()
    }
}
