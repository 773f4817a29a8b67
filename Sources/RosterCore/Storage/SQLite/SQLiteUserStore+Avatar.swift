import Foundation
import GRDB

extension SQLiteUserStore {
    func avatar(of user: UserID) throws -> Avatar? {
        // The image itself is left on disk: the drawer needs its size and preview only.
        guard let row = try Row.fetchOne(db, sql: """
            SELECT format, width, height, length(image) AS byteCount, previewWidth, previewHeight, preview, setAt, setBy
            FROM avatar WHERE userId = ?
            """, arguments: [user]),
            let format = AvatarFormat(rawValue: row["format"]),
            let preview = AvatarPreview(width: row["previewWidth"], height: row["previewHeight"], rgba: [UInt8](row["preview"] as Data))
        else { return nil }
        return Avatar(userId: user, format: format, width: row["width"], height: row["height"], byteCount: row["byteCount"],
                      preview: preview, setAt: try row.date("setAt"), setBy: row["setBy"])
    }

    func saveAvatar(_ image: AvatarImage, for user: UserID, at: Date, by: String) throws {
        try db.execute(sql: """
            INSERT OR REPLACE INTO avatar (userId, format, width, height, image, previewWidth, previewHeight, preview, setAt, setBy)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [user, image.format.rawValue, image.width, image.height, image.data,
                             image.preview.width, image.preview.height, Data(image.preview.rgba), at.stored, by])
    }

    func deleteAvatar(of user: UserID) throws -> Bool {
        try db.execute(sql: "DELETE FROM avatar WHERE userId = ?", arguments: [user])
        return db.changesCount > 0
    }
}
