import Foundation

/// Function calls: the dispatch by name, argument checks, and the conditional and collection
/// functions; strings, numbers and times have files of their own.
extension ExpressionCompiler {
    /// A call being compiled: its name, its compiled arguments and where it is.
    struct Call {
        /// The name in capitals, for dispatch.
        let name: String
        /// The name as written, for messages.
        var writtenName: String? = nil
        let arguments: [CompiledExpression]
        /// The time unit given as an argument (`FLOOR(ts TO HOUR)`), with its position.
        let timeUnit: (unit: TimeUnit, position: Int)?
        let location: SourceLocation

        var types: [SQLType] { arguments.map(\.type) }
        var isConstant: Bool { arguments.allSatisfy(\.isConstant) }
        var anyNullable: Bool { arguments.contains { $0.type.isNullable } }

        /// Calcite's "No match found for function signature" for these arguments.
        var noMatch: SQLError {
            var families = arguments.map { Self.family(of: $0.type) }
            if let timeUnit {
                families.insert("<\(timeUnit.unit.rawValue)>", at: min(timeUnit.position, families.count))
            }
            return .validation(
                "No match found for function signature \(writtenName ?? name)(\(families.joined(separator: ", ")))",
                at: location
            )
        }

        private static func family(of type: SQLType) -> String {
            switch type.kind {
            case .tinyInt, .smallInt, .integer, .bigInt, .float, .double, .decimal: "<NUMERIC>"
            case .char, .varchar: "<CHARACTER>"
            case .boolean: "<BOOLEAN>"
            case .timestamp, .timestampWithLocalTimeZone: "<TIMESTAMP>"
            case .date: "<DATE>"
            case .time: "<TIME>"
            case .dayTimeInterval, .yearMonthInterval: "<INTERVAL>"
            case .row: "<ROW>"
            case .array: "<ARRAY>"
            case .map: "<MAP>"
            case .null: "<NULL>"
            }
        }

        /// Throws `noMatch` unless the arguments number within `counts` and pass `test` each.
        func require(_ counts: ClosedRange<Int>, _ test: (Int, SQLType) -> Bool = { _, _ in true }) throws(SQLError) {
            guard counts.contains(arguments.count) else { throw noMatch }
            for (index, type) in types.enumerated() where type.kind != .null && !test(index, type) { throw noMatch }
        }

        /// The value of a constant argument, nil when it is not constant.
        func constant(_ index: Int) -> SQLValue? { arguments[index].constantValue }

        /// A function that is NULL when any argument is NULL, else `body` of the values.
        func strict(
            _ type: SQLType.Kind,
            alwaysNullable: Bool = false,
            _ body: @escaping @Sendable ([SQLValue]) throws(SQLError) -> SQLValue
        ) -> CompiledExpression {
            let evaluators = arguments.map(\.evaluate)
            let location = location
            return CompiledExpression(
                type: SQLType(type, isNullable: alwaysNullable || anyNullable),
                isConstant: isConstant
            ) { row throws(SQLError) in
                var values: [SQLValue] = []
                values.reserveCapacity(evaluators.count)
                for evaluate in evaluators {
                    let value = try evaluate(row)
                    if value.isNull { return .null }
                    values.append(value)
                }
                do throws(SQLError) {
                    return try body(values)
                } catch {
                    throw SQLError(error.kind, error.message, at: error.location ?? location)
                }
            }
        }
    }

    /// Functions whose result depends on when rows are processed.
    private static let nondeterministicFunctions: Set<String> = [
        "CURRENT_TIMESTAMP", "NOW", "LOCALTIMESTAMP", "CURRENT_DATE", "CURRENT_TIME", "LOCALTIME", "PROCTIME",
        "CURRENT_ROW_TIMESTAMP", "RAND", "RAND_INTEGER", "UUID",
    ]

    func compileFunction(_ function: FunctionCall, at location: SourceLocation) throws(SQLError) -> CompiledExpression {
        let name = function.name.value.uppercased()
        if Self.isAggregateFunction(name) || function.over != nil {
            throw .validation("Aggregate function '\(name)' is not allowed here", at: location)
        }
        if Self.nondeterministicFunctions.contains(name) || (name == "UNIX_TIMESTAMP" && function.arguments.isEmpty) {
            let reason =
                name.hasPrefix("RAND") || name == "UUID"
                ? "results would differ between runs and after a restart"
                : "results would depend on when rows are processed"
            throw .unsupported("\(name) in a continuous query: \(reason)", at: location)
        }
        var arguments: [CompiledExpression] = []
        var timeUnit: (TimeUnit, Int)?
        for (position, argument) in function.arguments.enumerated() {
            if case .timeUnit(let unit) = argument.kind {
                timeUnit = (unit, position)
            } else if case .star = argument.kind {
                throw .validation("'*' is not an argument of \(name)", at: argument.location)
            } else {
                arguments.append(try compile(argument))
            }
        }
        let call = Call(
            name: name,
            writtenName: function.name.value,
            arguments: arguments,
            timeUnit: timeUnit,
            location: location
        )
        if let compiled = try compileStringFunction(call) { return compiled }
        if let compiled = try compileNumericFunction(call) { return compiled }
        if let compiled = try compileTimeFunction(call) { return compiled }
        if let compiled = try compileConditionalFunction(call) { return compiled }
        if let compiled = try compileCollectionFunction(call) { return compiled }
        throw call.noMatch
    }

    private func compileConditionalFunction(_ call: Call) throws(SQLError) -> CompiledExpression? {
        switch call.name {
        case "COALESCE", "IFNULL":
            if call.name == "IFNULL" { try call.require(2...2) } else { try call.require(1...Int.max) }
            guard let common = TypeMerging.commonType(call.types) else { throw call.noMatch }
            let type = SQLType(common.kind, isNullable: call.arguments.allSatisfy(\.type.isNullable))
            let evaluators = call.arguments.map { coerced($0, to: type).evaluate }
            return CompiledExpression(type: type, isConstant: call.isConstant) { row throws(SQLError) in
                for evaluate in evaluators {
                    let value = try evaluate(row)
                    if !value.isNull { return value }
                }
                return .null
            }
        case "NULLIF":
            try call.require(2...2)
            guard TypeMerging.areComparable(call.types[0], call.types[1]) else { throw call.noMatch }
            let first = call.arguments[0].evaluate
            let second = call.arguments[1].evaluate
            return CompiledExpression(type: call.types[0].nullable, isConstant: call.isConstant) {
                row throws(SQLError) in
                let value = try first(row)
                let other = try second(row)
                return !value.isNull && !other.isNull && SQLValue.compare(value, other) == 0 ? .null : value
            }
        case "IF":
            try call.require(3...3) { index, type in index > 0 || type.kind == .boolean }
            guard let type = TypeMerging.commonType([call.types[1], call.types[2]]) else { throw call.noMatch }
            let condition = call.arguments[0].evaluate
            let then = coerced(call.arguments[1], to: type).evaluate
            let otherwise = coerced(call.arguments[2], to: type).evaluate
            return CompiledExpression(type: type, isConstant: call.isConstant) { row throws(SQLError) in
                if case .boolean(true) = try condition(row) { return try then(row) }
                return try otherwise(row)
            }
        case "GREATEST", "LEAST":
            try call.require(1...Int.max)
            guard let type = TypeMerging.commonType(call.types) else { throw call.noMatch }
            let wantsGreatest = call.name == "GREATEST"
            let arguments = call.arguments.map { coerced($0, to: type) }
            return Call(name: call.name, arguments: arguments, timeUnit: nil, location: call.location).strict(type.kind)
            {
                values throws(SQLError) in
                values.dropFirst().reduce(values[0]) { best, value in
                    let order = SQLValue.compare(value, best)
                    return (wantsGreatest ? order > 0 : order < 0) ? value : best
                }
            }
        default:
            return nil
        }
    }

    private func compileCollectionFunction(_ call: Call) throws(SQLError) -> CompiledExpression? {
        switch call.name {
        case "ITEM", "ELEMENT_AT":
            try call.require(2...2)
            switch call.types[0].kind {
            case .array(let element):
                guard call.types[1].isExactInteger || call.types[1].kind == .null else { throw call.noMatch }
                return call.strict(element.kind, alwaysNullable: true) { values throws(SQLError) in
                    guard case .array(let elements) = values[0], let index = values[1].integerValue,
                        index >= 1, index <= elements.count
                    else { return .null }
                    return elements[Int(index) - 1]
                }
            case .map(_, let value):
                return call.strict(value.kind, alwaysNullable: true) { values throws(SQLError) in
                    guard case .map(let entries) = values[0] else { return .null }
                    return entries.first { SQLValue.compare($0.key, values[1]) == 0 }?.value ?? .null
                }
            default: throw call.noMatch
            }
        case "CARDINALITY":
            try call.require(1...1) { _, type in
                if case .array = type.kind { return true }
                if case .map = type.kind { return true }
                return false
            }
            return call.strict(.integer) { values throws(SQLError) in
                switch values[0] {
                case .array(let elements): .integer(Int64(elements.count))
                case .map(let entries): .integer(Int64(entries.count))
                default: .null
                }
            }
        case "ARRAY":
            try call.require(1...Int.max)
            guard let element = TypeMerging.commonType(call.types) else { throw call.noMatch }
            let evaluators = call.arguments.map { coerced($0, to: element).evaluate }
            return CompiledExpression(
                type: SQLType(.array(element: element), isNullable: false),
                isConstant: call.isConstant
            ) {
                row throws(SQLError) in
                var elements: [SQLValue] = []
                for evaluate in evaluators { elements.append(try evaluate(row)) }
                return .array(elements)
            }
        case "ROW":
            try call.require(1...Int.max)
            let fields = call.types.enumerated().map { SQLType.Field(name: "EXPR$\($0.offset)", type: $0.element) }
            let evaluators = call.arguments.map(\.evaluate)
            return CompiledExpression(
                type: SQLType(.row(fields: fields), isNullable: false),
                isConstant: call.isConstant
            ) {
                row throws(SQLError) in
                var values: [SQLValue] = []
                for evaluate in evaluators { values.append(try evaluate(row)) }
                return .row(values)
            }
        default:
            return nil
        }
    }
}
