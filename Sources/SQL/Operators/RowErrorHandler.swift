/// What an operator does with a row whose compiled expression failed at run time (a division by
/// zero, a cast that does not parse): the row is skipped, changing no state, and handed here with
/// the error, for the planner to dead-letter or count.
public typealias RowErrorHandler = (SQLError, SQLRow) -> Void
