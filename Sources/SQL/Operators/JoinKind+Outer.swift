extension JoinKind {
    /// Whether rows of `side` without a match are kept, padded with NULLs.
    func keepsUnmatched(_ side: JoinSide) -> Bool {
        switch (self, side) {
        case (.full, _), (.left, .left), (.right, .right): true
        default: false
        }
    }
}
