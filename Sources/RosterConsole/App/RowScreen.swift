/// A screen that lists rows read by an effect and says on its status line what its last
/// change did: orgs, outbox, settings. Their results land the same way.
protocol RowScreen {
    associatedtype Row
    var rows: [Row] { get set }
    var selected: Int { get set }
    var loading: Bool { get set }
    var error: String? { get set }
    var notice: String? { get set }
    var noticeRefused: Bool { get set }
}

extension RowScreen {
    /// The rows arrived (the selection stays where it was, within them), or why not.
    mutating func loaded(_ result: Result<[Row], ScreenReadFailure>) {
        loading = false
        switch result {
        case .success(let rows):
            self.rows = rows
            error = nil
            selected = min(selected, max(0, rows.count - 1))
        case .failure(let failure):
            error = failure.message
        }
    }

    /// What a change did, or why it didn't, on the status line.
    mutating func say(_ result: ChangeResult) {
        switch result {
        case .done(let message): say(message, refused: false)
        case .refused(let message): say(message, refused: true)
        case .secret: say("Done.", refused: false)
        }
    }

    mutating func say(_ message: String, refused: Bool) {
        notice = message
        noticeRefused = refused
    }
}

extension OrgsState: RowScreen {}
extension OutboxState: RowScreen {}
extension SettingsState: RowScreen {}
