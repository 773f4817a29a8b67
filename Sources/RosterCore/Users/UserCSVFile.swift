import Foundation

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
        let file = try StagedFile(path: path)
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
