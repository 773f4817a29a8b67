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

    /// The key the audit chain's HMAC uses: derived from the key file (HKDF-SHA256), never the
    /// sealing key itself, so one use can't be turned against the other.
    var auditChainKey: SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("roster-audit-chain-v2".utf8), outputByteCount: 32)
    }

    /// A check value of the key, stored in a shared database (PostgreSQL) so a host holding
    /// another key file is refused before it writes anything. Derived apart (HKDF, its own
    /// label), so it tells nothing about the key or the keys derived for other uses.
    var checkValue: String {
        let derived = HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("roster-key-check-v1".utf8), outputByteCount: 32)
        return Data(HMAC<SHA256>.authenticationCode(for: Data("roster key check".utf8), using: derived)).hex
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
        if PrivateFile.mode(of: path) != nil { return }
        // A PostgreSQL host's key file lives apart from any database file, in a folder that
        // may not exist yet: made private, like the file.
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        do {
            try PrivateFile.create(path, contents: Data(randomBytes(32)))
        } catch PrivateFile.Problem.exists {
            return  // created meanwhile by another roster: use that one
        } catch {
            throw RosterError.keyFile(.cannotCreate(path))
        }
    }

    /// Loads the key, refusing a file others can read or a file of the wrong size.
    public static func load(from path: String) throws -> SecretBox {
        let data: Data
        do {
            data = try PrivateFile.readPrivate(path)
        } catch PrivateFile.Problem.readableByOthers(_, let mode) {
            throw RosterError.keyFile(.tooOpen(path, mode: mode))
        } catch let problem as PrivateFile.Problem {
            if PrivateFile.mode(of: path) == nil { throw RosterError.keyFile(.missing(path)) }
            throw RosterError.keyFile(.malformed(problem.message))
        }
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
            return "The key file \(path) is missing, so MFA secrets can't be read and audit rows can't be signed. "
                + "Restore it from the backup you made with the database (on PostgreSQL, copy it from a host already using the database)."
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
