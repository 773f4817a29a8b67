// Fuzz target: terminal key decoding (Sources/RosterTerminal/Input). Every 4 bytes are one
// value as the terminal layer reads it (wget_wch can hand over any 32-bit value).
// Properties: never crashes; every decoded key has a name for the footer and help.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    var index = 0
    while index + 4 <= bytes.count {
        let value = UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24
        if let key = Key(character: value) {
            precondition(!key.description.isEmpty && !key.asciiDescription.isEmpty)
            if case .character(let c) = key { precondition(c.unicodeScalars.first?.value == value) }
        } else {
            precondition(Unicode.Scalar(value) == nil, "a scalar value \(value) was dropped")
        }
        index += 4
    }
    return 0
}
