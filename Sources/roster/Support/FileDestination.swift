import ArgumentParser
import Foundation

/// Where an export goes: `--file PATH` (`-o`), standard output by default. `--output PATH`,
/// the old spelling, works for one release with a warning: everywhere else `--output` names
/// the format of printed records (`OutputOptions`).
struct FileDestination: ParsableArguments {
    @Option(name: [.customLong("file"), .customShort("o")],
            help: ArgumentHelp("Write here (mode 0600; the file appears only when complete). Default: standard output.", valueName: "file"))
    var file: String?
    @Option(name: .customLong("output"), help: .hidden) var deprecatedOutput: String?

    func validate() throws {
        if file != nil, deprecatedOutput != nil { throw ValidationError("Give the file once, with --file.") }
    }

    /// The path given (nil or `-`: standard output), saying once when the old spelling was used.
    func path(command: String) -> String? {
        guard let deprecatedOutput else { return file }
        Output.error("warning: `\(command) --output FILE` is now `--file FILE` (or -o); --output will mean the record format here as everywhere else.")
        return deprecatedOutput
    }
}
