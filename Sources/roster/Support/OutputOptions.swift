import ArgumentParser
import Foundation

/// `--output table|json|csv` (`--json` for short), the same on every command that prints
/// records: a table for people (plain tab-separated text when piped), JSON or CSV for scripts.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (plain tab-separated text when piped), json or csv.") var output: ListFormat = .table
    @Flag(help: "The same as --output json.") var json = false

    var format: ListFormat { json ? .json : output }

    /// Prints the records: `json` as JSON, else `rows` under `columns` as a table or CSV (an
    /// empty table prints `empty` instead; CSV prints its header alone, for scripts).
    func print<JSON: Encodable>(columns: [String], rows: [[String]], json: JSON, empty: String? = nil, maxColumnWidth: Int = 40) throws {
        switch format {
        case .json:
            try Output.json(json)
        case .csv:
            Output.csv(columns, rows)
        case .table:
            if rows.isEmpty, let empty {
                Output.line(empty)
            } else {
                Output.table(columns, rows, maxColumnWidth: maxColumnWidth)
            }
        }
    }
}
