import Foundation

/// The domain core in one place: the services the console and the CLI share.
public struct Roster: Sendable {
    /// Where the data lives: the backend every service reads and writes through.
    public let stores: any Stores
    public let environment: CoreEnvironment
    public let users: UserService
    public let orgs: OrgService
    public let groups: GroupService
    public let auth: AuthService
    public let settings: SettingsService
    public let audit: AuditLog
    public let bootstrap: Bootstrap
    public let mfa: MFAService
    public let passwords: PasswordService
    public let apiKeys: APIKeyService
    public let mail: MailService
    public let terms: TermsService
    public let sshKeys: SSHKeyService
    public let importer: UserImporter
    public let elevations: ElevationService
    public let approvals: ApprovalService
    public let reviews: ReviewService

    /// With `dryRun`, every service runs its checks and writes as usual and then rolls the
    /// transaction back: what a change would do, reported exactly, with nothing kept.
    public init(stores: any Stores, environment: CoreEnvironment = .live, dryRun: Bool = false) {
        let stores = dryRun ? stores.rollingBack() : stores
        self.stores = stores
        self.environment = environment
        users = UserService(stores: stores, environment: environment)
        orgs = OrgService(stores: stores, environment: environment)
        groups = GroupService(stores: stores, environment: environment)
        auth = AuthService(stores: stores, environment: environment)
        settings = SettingsService(stores: stores, environment: environment)
        audit = AuditLog(stores: stores, environment: environment)
        bootstrap = Bootstrap(stores: stores, environment: environment)
        mfa = MFAService(stores: stores, environment: environment)
        passwords = PasswordService(stores: stores, environment: environment)
        apiKeys = APIKeyService(stores: stores, environment: environment)
        mail = MailService(stores: stores, environment: environment)
        terms = TermsService(stores: stores, environment: environment)
        sshKeys = SSHKeyService(stores: stores, environment: environment)
        importer = UserImporter(stores: stores, environment: environment)
        elevations = ElevationService(stores: stores, environment: environment)
        approvals = ApprovalService(stores: stores, environment: environment)
        reviews = ReviewService(stores: stores, environment: environment)
    }

    /// This Roster's version: `roster --version`, the about screen.
    public static let version = "0.1.0"

    /// The IP an operator connects from, read from the SSH variables when present.
    public static func operatorIP(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for key in ["SSH_CONNECTION", "SSH_CLIENT"] {
            if let value = environment[key], let first = value.split(separator: " ").first, !first.isEmpty {
                return String(first)
            }
        }
        return nil
    }
}
