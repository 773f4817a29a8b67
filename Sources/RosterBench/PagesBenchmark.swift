import Foundation
import RosterCore

/// Deep pages in every sort order: a page of 1,000 users read through the service after (and
/// before) a cursor a tenth, half and nine tenths of the way into the list, each read three
/// times. `roster-bench pages DATABASE` prints one line per sort order and direction, and the
/// median and slowest over all of them.
///
/// The cursors are made, not found: a key and an id spread over their range (names and emails
/// by first letter, dates between the first and the last user's, roles and statuses inside
/// their largest group, where a keyset that seeks only the column would read the group from
/// its start). A keyset answers the same whether or not a user holds that exact key.
func pagesBenchmark(path: String) throws {
    let (roster, actor) = try signedInDemo(path: path)
    let pageSize = 1_000
    func read(_ query: UserQuery) throws -> (rows: [UserRow], ms: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let rows = try roster.users.list(query, by: actor).rows
        return (rows, Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
    func ends(_ column: UserSortColumn) throws -> (first: UserRow, last: UserRow) {
        let top = try read(UserQuery(sort: UserSort(column), limit: 1))
        let bottom = try read(UserQuery(sort: UserSort(column), position: .last, limit: 1))
        guard let first = top.rows.first, let last = bottom.rows.first else {
            throw BenchFailure("\(path) has no users")
        }
        return (first, last)
    }
    let (lowest, highest) = try ends(.id)
    let span = highest.id.rawValue - lowest.id.rawValue
    let fractions = [0.1, 0.5, 0.9]
    func id(at fraction: Double) -> UserID { UserID(rawValue: lowest.id.rawValue + Int64(Double(span) * fraction)) }

    var all: [Double] = []
    for column in [UserSortColumn.name, .email, .role, .status, .created, .lastSignIn] {
        let keys: [UserCursor.Key]
        switch column {
        case .name, .email: keys = ["c", "m", "t"].map { .text($0) }
        case .role: keys = Array(repeating: .integer(Int64(SystemRole.standard.rawValue)), count: 3)
        case .status: keys = Array(repeating: .text(AccountStatus.active.rawValue), count: 3)
        case .created, .lastSignIn:
            let (first, last) = try ends(column)
            let low = (column == .created ? first.createdAt : first.lastSignInAt) ?? Date(timeIntervalSince1970: 0)
            let high = (column == .created ? last.createdAt : last.lastSignInAt) ?? Date()
            keys = fractions.map { .date(low.addingTimeInterval(high.timeIntervalSince(low) * $0)) }
        case .id: keys = []
        }
        var cursors = zip(keys, fractions).map { UserCursor(key: $0, id: id(at: $1)) }
        // Users who never signed in sort first: page through them too.
        if column == .lastSignIn { cursors += fractions.map { UserCursor(key: .none, id: id(at: $0)) } }
        for ascending in [true, false] {
            for backwards in [false, true] {
                var times: [Double] = []
                var rows = 0
                for cursor in cursors {
                    var readings: [Double] = []
                    for _ in 0..<3 {
                        let query = UserQuery(sort: UserSort(column, ascending: ascending),
                                              position: backwards ? .before(cursor) : .after(cursor), limit: pageSize)
                        let (page, ms) = try read(query)
                        readings.append(ms)
                        rows = max(rows, page.count)
                    }
                    times.append(readings.sorted()[1])
                }
                all += times
                print(String(format: "%@ %@ %@: %@ ms per %d rows", column.rawValue, ascending ? "ascending" : "descending",
                             backwards ? "before" : "after", times.map { String(format: "%.1f", $0) }.joined(separator: " / "), rows))
            }
        }
    }
    all.sort()
    print(String(format: "pages of %d: median %.1f ms, slowest %.1f ms (n=%d)", pageSize, all[all.count / 2], all.last ?? 0, all.count))
}
