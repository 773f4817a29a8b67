// Fuzz target: TextSanitizer and DisplayWidth (Sources/RosterTerminal/Text).
// Properties: nothing that moves the cursor or reorders text survives sanitizing; the
// result is a fixed point; widths are never negative and truncation keeps its promise.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let raw = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    let clean = TextSanitizer.sanitize(raw)
    var previous: Unicode.Scalar?
    for scalar in clean.unicodeScalars {
        precondition(TextSanitizer.escape(for: scalar, after: previous) == nil, "escapable scalar U+\(String(scalar.value, radix: 16)) left")
        previous = scalar
    }
    precondition(TextSanitizer.sanitize(clean) == clean, "sanitizing twice changed the text")
    let width = DisplayWidth.of(clean)
    precondition(width >= 0)
    for limit in [0, 1, 2, 5, 40] {
        let cut = DisplayWidth.truncate(clean, to: limit)
        precondition(DisplayWidth.of(cut) <= max(limit, 0), "truncate(\(limit)) gave width \(DisplayWidth.of(cut))")
        precondition(DisplayWidth.of(DisplayWidth.pad(clean, to: limit)) <= max(limit, 0) || width > limit)
    }
    return 0
}
