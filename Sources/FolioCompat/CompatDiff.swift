/// Comparing two data sets (a re-import).

extension CompatData {
    /// Feature keys added, removed and changed (any field, including support and subfeatures)
    /// from `old` to `new`, each sorted.
    public static func diff(from old: CompatData, to new: CompatData) -> CompatDiff {
        var added: [String] = [], removed: [String] = [], changed: [String] = []
        for (key, f) in new.features {
            if let o = old.features[key] {
                if o != f { changed.append(key) }
            } else {
                added.append(key)
            }
        }
        for key in old.features.keys where new.features[key] == nil { removed.append(key) }
        return CompatDiff(added: added.sorted(), removed: removed.sorted(), changed: changed.sorted())
    }
}

extension CompatDiff {
    public var addedCount: Int { added.count }
    public var removedCount: Int { removed.count }
    public var changedCount: Int { changed.count }
    /// Features touched in any way.
    public var totalCount: Int { added.count + removed.count + changed.count }
}
