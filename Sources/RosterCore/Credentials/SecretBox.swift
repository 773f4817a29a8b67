import Crypto
import Foundation

/// Seals secrets (TOTP keys) with AES-GCM under a key kept in a file beside the database,
/// so a copy of the database alone reveals no secret.
public struct SecretBox: Sendable {
    private let key: SymmetricKey

    public init(keyBytes: [UInt8]) throws {
        guard keyBytes.count == 32 else { throw RosterError.keyFile(.malformed("the key must be 32 bytes")) }
        key = SymmetricKey(data: keyBytes)
    }

    public func seal(_ plaintext: [UInt8], context: String) throws -> Data {
        guard let combined = try AES.GCM.seal(plaintext, using: key, authenticating: Data(context.utf8)).combined else {
            throw RosterError.keyFile(.malformed("sealing failed"))
        }
        return combined
    }

    /// Opens a sealed secret; fails if the key is wrong or the row was moved to another user.
    public func open(_ sealed: Data, context: String) throws -> [UInt8] {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            return Array(try AES.GCM.open(box, using: key, authenticating: Data(context.utf8)))
        } catch {
            throw RosterError.keyFile(.wrongKey)
        }
    }
}

/// The key file: `<database>.key`, 32 random bytes, mode 0600.
public enum KeyFile {
    public static func path(forDatabase database: String) -> String { database + ".key" }

    /// Creates the key file if it doesn't exist yet (as `roster init` does).
    public static func create(at path: String, randomBytes: (Int) -> [UInt8]) throws {
        if FileManager.default.fileExists(atPath: path) { return }
        let bytes = randomBytes(32)
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw RosterError.keyFile(.cannotCreate(path))
        }
    }

    /// Loads the key, refusing a file others can read or a file of the wrong size.
    public static func load(from path: String) throws -> SecretBox {
        let fm = FileManager.default
        guard fm.fileExists(atPath: path) else { throw RosterError.keyFile(.missing(path)) }
        let attributes = try fm.attributesOfItem(atPath: path)
        let mode = (attributes[.posixPermissions] as? Int ?? 0o777) & 0o777
        guard mode & 0o077 == 0 else { throw RosterError.keyFile(.tooOpen(path, mode: mode)) }
        guard let data = fm.contents(atPath: path) else { throw RosterError.keyFile(.missing(path)) }
        do {
            return try SecretBox(keyBytes: Array(data))
        } catch {
            throw RosterError.keyFile(.malformed("\(path) is not a Roster key file (expected 32 bytes, found \(data.count))"))
        }
    }
}

/// What can be wrong with the key file.
public enum KeyFileProblem: Equatable, Sendable {
    case missing(String)
    case tooOpen(String, mode: Int)
    case malformed(String)
    case cannotCreate(String)
    case wrongKey

    public var message: String {
        switch self {
        case .missing(let path):
            return "The key file \(path) is missing, so MFA secrets can't be read. Restore it from the backup you made with the database."
        case .tooOpen(let path, let mode):
            return "The key file \(path) has mode \(String(mode, radix: 8)); it must be readable by its owner only. Run: chmod 600 \(path)"
        case .malformed(let detail):
            return "Key file problem: \(detail)."
        case .cannotCreate(let path):
            return "Cannot create the key file \(path). Check that its folder is writable."
        case .wrongKey:
            return "An MFA secret can't be opened with this key file: it belongs to another database. Restore the matching key file."
        }
    }
}
