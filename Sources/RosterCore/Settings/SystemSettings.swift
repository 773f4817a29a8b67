/// System-wide settings, stored in the database and changed only by administrators.
public struct SystemSettings: Sendable, Equatable, Codable {
    public var passwordMinimumLength = 12
    /// log10 of the fewest guesses (zxcvbn's estimate) a new password may take.
    public var passwordMinimumGuessesLog10 = 10
    /// MFA required for everyone; then it can't be turned off for anyone.
    public var mfaRequired = false
    /// New users must accept the terms of service before anything else (on by default).
    public var termsRequiredForNewUsers = true
    /// Failed sign-ins before the account locks.
    public var lockoutThreshold = 10
    /// First lockout, doubling up to the maximum.
    public var lockoutBaseMinutes = 1
    public var lockoutMaximumMinutes = 15
    /// Failed sign-ins from one source address, across all accounts, before that source is
    /// refused for the lockout window. Below the account threshold, so one source can't lock
    /// out an account, let alone every administrator.
    public var sourceLockoutThreshold = 5
    public var resetLinkLifetimeMinutes = 60
    /// Days until a new API key expires; 0 means never.
    public var apiKeyExpiryDays = 90
    /// Sign out after this many idle minutes; 0 means never. A user's own log-out-after can
    /// only shorten it.
    public var idleTimeoutMinutes = 30
    /// A session ends this many hours after sign-in, however active (ASVS 7.3.2).
    public var sessionLifetimeHours = 12
    /// The terms of service new users accept; empty means none are set, so none are asked for.
    public var termsText = ""
    /// Over SSH, a registered key alone signs in an account without MFA; when false, the
    /// account's password is asked as well. Accounts with MFA are always asked for a code.
    public var sshKeyAlone = true
    /// Sudo mode: sensitive actions ask the person to confirm it's them when their last
    /// password or code is older than this.
    public var reauthenticateMinutes = 15
    /// The longest a role may be lent (`roster users elevate --for`), in hours.
    public var elevationMaxHours = 8
    /// The changes a second person must approve (`ApprovalKind`); all of them by default.
    public var approvalRequiredFor = ApprovalKind.standard
    /// Hours a request waits for its second person before it expires.
    public var approvalExpiryHours = 24

    public init() {}

    public var passwordPolicy: PasswordPolicy {
        PasswordPolicy(minimumLength: passwordMinimumLength, minimumGuessesLog10: passwordMinimumGuessesLog10)
    }

    /// The idle limit for a user in minutes, nil for none: the smaller of the system's and the
    /// user's own, so nobody can raise their own above what the administrator set.
    public func idleMinutes(for user: User) -> Int? {
        let limits = [user.logOutAfterMinutes, idleTimeoutMinutes > 0 ? idleTimeoutMinutes : nil].compactMap { $0 }
        return limits.min()
    }
}

/// A setting's name, type and valid range, so the CLI and the console can list and validate them.
public enum SettingKey: String, CaseIterable, Sendable {
    case passwordMinimumLength = "password.min-length"
    case passwordMinimumGuesses = "password.min-guesses-log10"
    case mfaRequired = "mfa.required"
    case termsRequiredForNewUsers = "terms.required-for-new-users"
    case lockoutThreshold = "lockout.threshold"
    case lockoutBaseMinutes = "lockout.base-minutes"
    case lockoutMaximumMinutes = "lockout.max-minutes"
    case sourceLockoutThreshold = "lockout.source-threshold"
    case resetLinkLifetimeMinutes = "reset-link.lifetime-minutes"
    case apiKeyExpiryDays = "api-key.expiry-days"
    case idleTimeoutMinutes = "session.idle-timeout-minutes"
    case sessionLifetimeHours = "session.lifetime-hours"
    case termsText = "terms.text"
    case sshKeyAlone = "ssh.key-alone"
    case reauthenticateMinutes = "session.reauthenticate-minutes"
    case elevationMaxHours = "elevation.max-hours"
    case approvalRequiredFor = "approval.required-for"
    case approvalExpiryHours = "approval.expiry-hours"

    public init(name: String) throws {
        guard let key = SettingKey(rawValue: name.lowercased()) else {
            throw RosterError.unknownValue(kind: "setting", value: name, allowed: SettingKey.allCases.map(\.rawValue))
        }
        self = key
    }

    public var summary: String {
        switch self {
        case .passwordMinimumLength: "Shortest password accepted (8 or more)."
        case .passwordMinimumGuesses: "Fewest guesses a new password may take, as a power of ten (zxcvbn's estimate; 6 to 20)."
        case .mfaRequired: "Require MFA for every account."
        case .termsRequiredForNewUsers: "New users must accept the terms of service."
        case .lockoutThreshold: "Failed sign-ins before an account locks."
        case .lockoutBaseMinutes: "First lockout in minutes; doubles each time."
        case .lockoutMaximumMinutes: "Longest lockout in minutes."
        case .sourceLockoutThreshold: "Failed sign-ins from one SSH client address before it waits out the lockout."
        case .resetLinkLifetimeMinutes: "How long a reset link stays valid (1 to 1440 minutes)."
        case .apiKeyExpiryDays: "Default API key lifetime in days (0 = never)."
        case .idleTimeoutMinutes: "Sign out after this many idle minutes (0 = never)."
        case .sessionLifetimeHours: "End every session this many hours after sign-in (1 to 720)."
        case .termsText: "Terms of service text (set from a file with `roster terms set FILE`)."
        case .reauthenticateMinutes: "Sensitive actions (passwords, MFA, roles, keys, deleting, settings) ask to confirm it's you after this many minutes (1 to 1440)."
        case .sshKeyAlone: "Over SSH, a registered key alone signs in accounts without MFA (false: their password is asked too)."
        case .elevationMaxHours: "The longest a higher role may be lent with `roster users elevate`, in hours (1 to 168)."
        case .approvalRequiredFor: "Changes a second person must approve, comma-separated (\(ApprovalKind.allCases.map(\.rawValue).joined(separator: ", ")); none: empty)."
        case .approvalExpiryHours: "Hours a request waits for its second person before it expires (1 to 720)."
        }
    }

    /// The value of this key in `settings`, as text.
    public func value(in settings: SystemSettings) -> String {
        switch self {
        case .passwordMinimumLength: String(settings.passwordMinimumLength)
        case .passwordMinimumGuesses: String(settings.passwordMinimumGuessesLog10)
        case .mfaRequired: String(settings.mfaRequired)
        case .termsRequiredForNewUsers: String(settings.termsRequiredForNewUsers)
        case .lockoutThreshold: String(settings.lockoutThreshold)
        case .lockoutBaseMinutes: String(settings.lockoutBaseMinutes)
        case .lockoutMaximumMinutes: String(settings.lockoutMaximumMinutes)
        case .sourceLockoutThreshold: String(settings.sourceLockoutThreshold)
        case .resetLinkLifetimeMinutes: String(settings.resetLinkLifetimeMinutes)
        case .apiKeyExpiryDays: String(settings.apiKeyExpiryDays)
        case .idleTimeoutMinutes: String(settings.idleTimeoutMinutes)
        case .sessionLifetimeHours: String(settings.sessionLifetimeHours)
        case .termsText: settings.termsText
        case .sshKeyAlone: String(settings.sshKeyAlone)
        case .reauthenticateMinutes: String(settings.reauthenticateMinutes)
        case .elevationMaxHours: String(settings.elevationMaxHours)
        case .approvalRequiredFor: ApprovalKind.allCases.filter(settings.approvalRequiredFor.contains).map(\.rawValue).joined(separator: ",")
        case .approvalExpiryHours: String(settings.approvalExpiryHours)
        }
    }

    /// Validates `text` and writes it into `settings`.
    public func apply(_ text: String, to settings: inout SystemSettings) throws {
        let value = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .passwordMinimumLength: settings.passwordMinimumLength = try integer(value, in: 8...256)
        case .passwordMinimumGuesses: settings.passwordMinimumGuessesLog10 = try integer(value, in: 6...20)
        case .mfaRequired: settings.mfaRequired = try boolean(value)
        case .termsRequiredForNewUsers: settings.termsRequiredForNewUsers = try boolean(value)
        case .lockoutThreshold: settings.lockoutThreshold = try integer(value, in: 1...1000)
        case .lockoutBaseMinutes: settings.lockoutBaseMinutes = try integer(value, in: 1...1440)
        case .lockoutMaximumMinutes: settings.lockoutMaximumMinutes = try integer(value, in: 1...10080)
        case .sourceLockoutThreshold: settings.sourceLockoutThreshold = try integer(value, in: 1...1000)
        case .resetLinkLifetimeMinutes: settings.resetLinkLifetimeMinutes = try integer(value, in: 1...1440)
        case .apiKeyExpiryDays: settings.apiKeyExpiryDays = try integer(value, in: 0...3650)
        case .idleTimeoutMinutes: settings.idleTimeoutMinutes = try integer(value, in: 0...10080)
        case .sessionLifetimeHours: settings.sessionLifetimeHours = try integer(value, in: 1...720)
        case .sshKeyAlone: settings.sshKeyAlone = try boolean(value)
        case .reauthenticateMinutes: settings.reauthenticateMinutes = try integer(value, in: 1...1440)
        case .elevationMaxHours: settings.elevationMaxHours = try integer(value, in: 1...168)
        case .approvalExpiryHours: settings.approvalExpiryHours = try integer(value, in: 1...720)
        case .approvalRequiredFor:
            var kinds = Set<ApprovalKind>()
            for name in value.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty && name != "none" {
                guard let kind = ApprovalKind(rawValue: name.lowercased()) else {
                    throw RosterError.invalidSetting(key: rawValue, reason: "“\(name)” is not one of \(ApprovalKind.allCases.map(\.rawValue).joined(separator: ", ")).")
                }
                kinds.insert(kind)
            }
            settings.approvalRequiredFor = kinds
        case .termsText:
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard text.count <= 20_000 else { throw RosterError.invalidSetting(key: rawValue, reason: "keep the terms under 20,000 characters.") }
            // Newlines and tabs shape the text; other control characters would reach the terminal.
            if text.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && Field.isForbiddenInName($0) && $0.value != 0x2028 && $0.value != 0x2029 }) {
                throw RosterError.invalidSetting(key: rawValue, reason: "remove control and direction characters from the text.")
            }
            settings.termsText = text
        }
    }

    private func integer(_ text: String, in range: ClosedRange<Int>) throws -> Int {
        guard let n = Int(text), range.contains(n) else {
            throw RosterError.invalidSetting(key: rawValue, reason: "use a whole number from \(range.lowerBound) to \(range.upperBound).")
        }
        return n
    }

    private func boolean(_ text: String) throws -> Bool {
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default: throw RosterError.invalidSetting(key: rawValue, reason: "use true or false.")
        }
    }
}
