// Fuzz target: the PHC string parser (Sources/RosterCore/Credentials/PHCString.swift).
// Properties: never crashes, whatever the stored text; anything it accepts has parameters in
// the sane range, a salt of 16+ bytes and a 32-byte hash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    for minimum in [4, 14] {
        guard let phc = PasswordHasher.PHC(text, minimumLogN: minimum) else { continue }
        precondition((minimum...20).contains(phc.parameters.logN))
        precondition((8...16).contains(phc.parameters.r) && (1...4).contains(phc.parameters.p))
        precondition(phc.salt.count >= 16 && phc.hash.count == PasswordHasher.keyLength)
    }
    return 0
}
