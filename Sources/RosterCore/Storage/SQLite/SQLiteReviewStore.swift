import Foundation
import GRDB

/// `ReviewStore` over SQLite.
struct SQLiteReviewStore: ReviewStore {
    let db: Database

    func insert(_ review: AccessReview, items: [ReviewItem]) throws -> ReviewSheet {
        var stored = review
        stored.id = nil
        try stored.insert(db)
        guard let id = stored.id else { throw RosterError.notFound(kind: "review", reference: "", hint: "") }
        let storedItems = try items.map { item in
            var copy = item
            copy.id = nil
            copy.reviewId = id
            try copy.insert(db)
            return copy
        }
        return ReviewSheet(review: stored, items: storedItems)
    }

    func find(_ id: ReviewID) throws -> AccessReview? {
        try AccessReview.fetchOne(db, is: id.rawValue)
    }

    func open(in org: OrgID) throws -> AccessReview? {
        try AccessReview.fetchOne(db, sql: "SELECT * FROM accessReview WHERE orgId = ? AND submittedAt IS NULL", arguments: [org])
    }

    func list(org: OrgID?, limit: Int) throws -> [AccessReview] {
        if let org {
            return try AccessReview.fetchAll(db, sql: "SELECT * FROM accessReview WHERE orgId = ? ORDER BY id DESC LIMIT ?", arguments: [org, limit])
        }
        return try AccessReview.fetchAll(db, sql: "SELECT * FROM accessReview ORDER BY id DESC LIMIT ?", arguments: [limit])
    }

    func items(of review: ReviewID) throws -> [ReviewItem] {
        try ReviewItem.fetchAll(db, sql: "SELECT * FROM accessReviewItem WHERE reviewId = ? ORDER BY id", arguments: [review])
    }

    func updateItem(_ item: ReviewItem) throws {
        try item.update(db)
    }

    func submit(_ id: ReviewID, by: String, at: Date) throws -> Bool {
        try db.execute(sql: "UPDATE accessReview SET submittedBy = ?, submittedAt = ? WHERE id = ? AND submittedAt IS NULL",
                       arguments: [by, at.stored, id])
        return db.changesCount == 1
    }
}
