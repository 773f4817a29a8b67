import Foundation
import Testing
@testable import RosterCore

@Suite("Reading import files")
struct ImportFileReaderTests {
    @Test("JSON Lines are numbered as editors number them: LF ends a line, CRLF too, a vertical tab doesn't (found by fuzzing)")
    func jsonLinesNumbering() throws {
        let good = #"{"email":"a@example.com","first_name":"A","last_name":"B"}"#
        let records = try ImportFileReader.records(Data((good + "\r\n\r\n" + good.replacingOccurrences(of: "a@", with: "b@") + "\n").utf8),
                                                   format: .jsonl)
        #expect(records.map(\.line) == [1, 3])
        let bad = Data("ex@x'\u{0B}'\u{0B}\u{00}\n{}\n".utf8)
        #expect {
            try ImportFileReader.records(bad, format: .jsonl)
        } throws: { error in
            (error as? ImportFileReader.Unreadable)?.problems.map(\.line) == [1]
        }
    }
}
