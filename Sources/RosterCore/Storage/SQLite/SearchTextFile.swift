import Foundation
import GRDB
import GRDBSQLite
#if canImport(Glibc)
import Glibc
#endif

/// Every user's search text in name order, one line each, saved beside the database
/// (`<database>-search`, mode 0600) when the name order is (NameOrder.build reads both in one
/// pass over the name index), so an exact count of a filter most users hold ("example": every
/// user) is a memory-speed search of one block of text (LineSearch: 14 ms at a million users)
/// instead of SQLite's scan (120–140 ms).
///
/// A cache like NameOrderFile, with the same rules: only used at the exact `userOrderVersion`
/// it was written at (the version moves whenever a user is added or removed or their search
/// text changes), replaced by rename, this account's own and private or not used at all. It
/// holds names and emails as the database does, folded, and no more. The version sits in a
/// trailer, written last: texts, then magic, version, user count and the texts' length, four
/// 8-byte fields.
enum SearchTextFile {
    /// "RSTTEXTS" read as a native integer.
    static let magic: UInt64 = 0x5354_5845_5454_5352
    static let trailerSize = 32
    /// Far more than users' texts take on average (folded names and an email, about 50 bytes;
    /// a file past it is refused and counts scan the table, which is slower, never wrong).
    static let maxBytesPerUser: Int64 = 65_536

    static func path(forDatabase path: String) -> String { path + "-search" }

    /// Streams texts into a new file, committed with its version at the end.
    final class Writer {
        private let file: StagedFile
        private var buffer: [UInt8] = []
        private var users: Int64 = 0
        private var length: Int64 = 0

        init(path: String) throws {
            file = try StagedFile(path: path)
            buffer.reserveCapacity(1 << 16)
        }

        /// One user's text, as a line. Search texts hold no control characters (SearchText
        /// folds them away); were a newline ever stored, it is written as U+0001, which no
        /// filter holds either, so it can't join two users' texts into one match.
        func append(_ text: UnsafeRawBufferPointer) throws {
            if let base = text.baseAddress, memchr(base, Int32(LineSearch.newline), text.count) != nil {
                for byte in text { buffer.append(byte == LineSearch.newline ? 0x01 : byte) }
            } else {
                buffer.append(contentsOf: text)
            }
            buffer.append(LineSearch.newline)
            users += 1
            length += Int64(text.count + 1)
            if buffer.count >= 1 << 16 { try flush() }
        }

        private func flush() throws {
            try file.write(buffer)
            buffer.removeAll(keepingCapacity: true)
        }

        /// Writes the trailer, syncs and renames the file into place.
        func commit(version: Int64) throws {
            try flush()
            let trailer: [Int64] = [Int64(bitPattern: magic), version, users, length]
            try trailer.withUnsafeBytes { try file.write($0) }
            try file.commitReplacing()
        }
    }

    /// Whether the file holds the texts at `version` (its trailer only is read).
    static func isCurrent(_ path: String, version: Int64) -> Bool {
        guard let opened = openCurrent(path, version: version) else { return false }
        close(opened.fd)
        return true
    }

    /// The number of users whose text holds `needle`, if the file holds the texts at `version`;
    /// nil otherwise (missing, stale, not this account's own and private, damaged), and for a
    /// needle with control characters, which no folded filter has.
    static func count(holding needle: String, in path: String, version: Int64) -> Int? {
        guard !needle.isEmpty, !needle.utf8.contains(where: { $0 < 0x20 }),
              let (fd, length) = openCurrent(path, version: version) else { return nil }
        defer { close(fd) }
        if length == 0 { return 0 }
        // Mapped for this count only, all pages at once (MAP_POPULATE: one call instead of a
        // fault every few pages), and unmapped after: a console keeps no share of the file.
        guard let base = mmap(nil, length, PROT_READ, MAP_SHARED | MAP_POPULATE, fd, 0), base != MAP_FAILED else { return nil }
        defer { munmap(base, length) }
        return Array(needle.utf8).withUnsafeBytes { wanted in
            LineSearch.countLines(holding: wanted, in: UnsafeRawBufferPointer(start: base, count: length))
        }
    }

    /// The open file and the length of its texts, if its trailer says `version`.
    private static func openCurrent(_ path: String, version: Int64) -> (fd: Int32, length: Int)? {
        let fd = Glibc.open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        var info = stat()
        var trailer = [Int64](repeating: 0, count: 4)
        // This account's own regular file, readable by nobody else (it holds names and emails).
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(), info.st_mode & 0o077 == 0,
              info.st_size >= trailerSize,
              trailer.withUnsafeMutableBytes({ pread(fd, $0.baseAddress, trailerSize, info.st_size - off_t(trailerSize)) }) == trailerSize,
              UInt64(bitPattern: trailer[0]) == magic, trailer[1] == version, trailer[3] == Int64(info.st_size) - Int64(trailerSize),
              // Bounded by its user count, so a damaged trailer can't map an unbounded file.
              (0...Int64(Int32.max)).contains(trailer[2]), trailer[3] <= trailer[2] * maxBytesPerUser
        else {
            close(fd)
            return nil
        }
        return (fd, Int(trailer[3]))
    }
}

extension SearchTextFile {
    /// The first column of each row as an id (as IntegerColumnCursor), while the second, the
    /// user's search text, goes to `writer` straight from the statement. A write that fails
    /// (a full disk) drops the writer: the name order is still read, and no file is saved.
    final class Cursor: DatabaseCursor {
        typealias Element = Int64
        let _statement: Statement
        var _isDone = false
        private(set) var writer: Writer?

        init(_ statement: Statement, writer: Writer?) {
            _statement = statement
            self.writer = writer
        }

        func _element(sqliteStatement: SQLiteStatement) throws -> Int64 {
            if let writer {
                // The text first, then its length (SQLite's advice: the length is of that form).
                let start = sqlite3_column_text(sqliteStatement, 1)
                let text = start.map { UnsafeRawBufferPointer(start: $0, count: Int(sqlite3_column_bytes(sqliteStatement, 1))) }
                do {
                    try writer.append(text ?? UnsafeRawBufferPointer(start: nil, count: 0))
                } catch {
                    self.writer = nil
                }
            }
            return sqlite3_column_int64(sqliteStatement, 0)
        }
    }
}
