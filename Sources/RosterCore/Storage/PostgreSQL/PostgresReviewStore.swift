import Foundation

/// `ReviewStore` over PostgreSQL.
struct PostgresReviewStore: ReviewStore {
    let db: PGConnection

    static let reviewColumns = "id, orgId, orgName, startedBy, startedAt, submittedBy, submittedAt"
    static let itemColumns = "id, reviewId, userId, email, name, orgRole, systemRole, lastSignInAt, mfaEnabled, apiKeys, sshKeys, groupNames, "
        + "decision, decidedBy, decidedAt"

    func insert(_ review: AccessReview, items: [ReviewItem]) throws -> ReviewSheet {
        var stored = review
        guard let id = try PGRecord.insert(review, into: "accessReview", omitting: ["id"], on: db, returningID: true).map(ReviewID.init) else {
            throw RosterError.notFound(kind: "review", reference: "", hint: "")
        }
        stored.id = id
        let storedItems = try items.map { item in
            var copy = item
            copy.reviewId = id
            copy.id = try PGRecord.insert(copy, into: "accessReviewItem", omitting: ["id"], on: db, returningID: true)
            return copy
        }
        return ReviewSheet(review: stored, items: storedItems)
    }

    func find(_ id: ReviewID) throws -> AccessReview? {
        try PGRecord.decodeFirst(AccessReview.self, from: db.execute("SELECT \(Self.reviewColumns) FROM accessReview WHERE id = $1", [id]))
    }

    func open(in org: OrgID) throws -> AccessReview? {
        try PGRecord.decodeFirst(AccessReview.self, from: db.execute(
            "SELECT \(Self.reviewColumns) FROM accessReview WHERE orgId = $1 AND submittedAt IS NULL", [org]))
    }

    func list(org: OrgID?, limit: Int) throws -> [AccessReview] {
        if let org {
            return try PGRecord.decode(AccessReview.self, from: db.execute(
                "SELECT \(Self.reviewColumns) FROM accessReview WHERE orgId = $1 ORDER BY id DESC LIMIT $2", [org, limit]))
        }
        return try PGRecord.decode(AccessReview.self, from: db.execute(
            "SELECT \(Self.reviewColumns) FROM accessReview ORDER BY id DESC LIMIT $1", [limit]))
    }

    func items(of review: ReviewID) throws -> [ReviewItem] {
        try PGRecord.decode(ReviewItem.self, from: db.execute(
            "SELECT \(Self.itemColumns) FROM accessReviewItem WHERE reviewId = $1 ORDER BY id", [review]))
    }

    func updateItem(_ item: ReviewItem) throws {
        try PGRecord.update(item, in: "accessReviewItem", key: "id", on: db)
    }

    func submit(_ id: ReviewID, by: String, at: Date) throws -> Bool {
        try db.execute("UPDATE accessReview SET submittedBy = $1, submittedAt = $2 WHERE id = $3 AND submittedAt IS NULL",
                       [by, at, id]).affectedRows == 1
    }
}
