import CSV
import Foundation
import RosterCore
import RosterTerminal

extension Output {
    /// A list as RFC 4180 CSV on standard output, header first. Cells are sanitized as a
    /// table's are, and protected from spreadsheet formulas (`UserColumns.protect`).
    static func csv(_ header: [String], _ rows: [[String]]) {
        let stream = OutputStream(toMemory: ())
        stream.open()
        do {
            let writer = try CSVWriter(stream: stream)
            try writer.write(row: header)
            for row in rows { try writer.write(row: row.map { UserColumns.protect(TextSanitizer.sanitize($0)) }) }
        } catch {
            Output.error("Writing CSV failed: \(error).")
            return
        }
        stream.close()
        guard let data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data else { return }
        CommandEnvironment.current.write(.output, data + Data("\n".utf8))
    }
}
