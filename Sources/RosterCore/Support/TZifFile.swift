import Foundation

/// Reads a TZif file (RFC 8536: the tz database's compiled form, /usr/share/zoneinfo/*) into
/// `ZoneRules`. Version 2 and later files are read from their 64-bit part and footer.
enum TZifFile {
    /// nil for anything that is not a well-formed TZif file, and for files that count leap
    /// seconds (the "right/" zones), whose times are not the system clock's.
    static func rules(identifier: String, bytes: [UInt8]) -> ZoneRules? {
        guard let first = Header(bytes, at: 0), first.leapCount == 0 else { return nil }
        guard first.version >= 2 else { return block(first, at: 44, timeSize: 4, bytes: bytes, identifier: identifier, rule: nil) }
        let secondStart = 44 + first.dataLength(timeSize: 4)
        guard let second = Header(bytes, at: secondStart), second.leapCount == 0 else { return nil }
        let dataStart = secondStart + 44
        let footerStart = dataStart + second.dataLength(timeSize: 8)
        var rule: PosixZoneRule?
        if footerStart < bytes.count, bytes[footerStart] == UInt8(ascii: "\n"),
           let close = bytes[(footerStart + 1)...].firstIndex(of: UInt8(ascii: "\n")), close > footerStart + 1 {
            rule = PosixZoneRule(String(decoding: bytes[(footerStart + 1)..<close], as: UTF8.self))
        }
        return block(second, at: dataStart, timeSize: 8, bytes: bytes, identifier: identifier, rule: rule)
    }

    private static func block(_ header: Header, at start: Int, timeSize: Int, bytes: [UInt8], identifier: String,
                              rule: PosixZoneRule?) -> ZoneRules? {
        guard header.typeCount > 0, start + header.dataLength(timeSize: timeSize) <= bytes.count else { return nil }
        let typesStart = start + header.transitionCount * timeSize
        let infoStart = typesStart + header.transitionCount
        var offsets: [Int32] = []
        for type in 0..<header.typeCount {
            offsets.append(Int32(truncatingIfNeeded: bigEndian(bytes, at: infoStart + type * 6, size: 4)))
        }
        var transitions: [Int64] = []
        var transitionOffsets: [Int32] = []
        transitions.reserveCapacity(header.transitionCount)
        for index in 0..<header.transitionCount {
            let raw = bigEndian(bytes, at: start + index * timeSize, size: timeSize)
            let time = timeSize == 4 ? Int64(Int32(truncatingIfNeeded: raw)) : Int64(bitPattern: raw)
            let type = Int(bytes[typesStart + index])
            guard type < offsets.count, transitions.last.map({ $0 < time }) ?? true else { return nil }
            transitions.append(time)
            transitionOffsets.append(offsets[type])
        }
        return ZoneRules(identifier: identifier, transitions: transitions, offsets: transitionOffsets, initialOffset: offsets[0], rule: rule)
    }

    private static func bigEndian(_ bytes: [UInt8], at index: Int, size: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[index..<(index + size)] { value = value << 8 | UInt64(byte) }
        return value
    }

    /// The 44-byte header: "TZif", a version, 15 reserved bytes, six counts.
    private struct Header {
        let version: Int
        let utIndicatorCount, standardIndicatorCount, leapCount, transitionCount, typeCount, characterCount: Int

        init?(_ bytes: [UInt8], at start: Int) {
            guard start + 44 <= bytes.count, bytes[start..<(start + 4)].elementsEqual("TZif".utf8) else { return nil }
            let versionByte = bytes[start + 4]
            version = versionByte == 0 ? 1 : Int(versionByte) - Int(UInt8(ascii: "0"))
            guard (1...9).contains(version) else { return nil }
            let counts = (0..<6).map { Int(TZifFile.bigEndian(bytes, at: start + 20 + $0 * 4, size: 4)) }
            guard counts.allSatisfy({ $0 <= 1_000_000 }) else { return nil }
            (utIndicatorCount, standardIndicatorCount, leapCount, transitionCount, typeCount, characterCount) =
                (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
        }

        func dataLength(timeSize: Int) -> Int {
            transitionCount * (timeSize + 1) + typeCount * 6 + characterCount + leapCount * (timeSize + 4)
                + standardIndicatorCount + utIndicatorCount
        }
    }
}
