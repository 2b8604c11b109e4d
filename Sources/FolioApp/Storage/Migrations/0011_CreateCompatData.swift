import SQLKit

extension Migration {
    /// Browser compatibility data: one row per feature and per browser, each the JSON of the
    /// FolioCompat model, so a page reads only the features it shows. The data set's version
    /// is kept in `datasets` (name `bcd`).
    static let m0011_createCompatData = Migration(version: 11, name: "create compat data") { sql, _ in
        try await sql.create(table: "bcd_features")
            .column("key", type: .text, .primaryKey(autoIncrement: false))
            .column("json", type: .text, .notNull)
            .run()
        try await sql.create(table: "bcd_browsers")
            .column("id", type: .text, .primaryKey(autoIncrement: false))
            .column("json", type: .text, .notNull)
            .run()
    }
}
