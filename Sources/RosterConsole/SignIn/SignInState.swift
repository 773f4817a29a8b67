/// The sign-in form.
public struct SignInState: Equatable, Sendable {
    public enum Field: Equatable, Sendable {
        case email, password, code
    }

    public var email = ""
    public var password = ""
    public var code = ""
    public var focus = Field.email
    /// The account uses MFA: the code field is shown.
    public var needsCode = false
    public var busy = false
    public var message: String?
    /// On a demo database: the credentials to use, shown under the form.
    public var demoHint: String?

    public init(email: String = "", demoHint: String? = nil) {
        self.email = email
        self.demoHint = demoHint
        self.focus = email.isEmpty ? .email : .password
    }

    var fields: [Field] { needsCode ? [.email, .password, .code] : [.email, .password] }
}
