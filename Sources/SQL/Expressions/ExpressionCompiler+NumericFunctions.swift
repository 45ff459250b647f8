import Foundation

/// ABS, MOD, ROUND, FLOOR, CEIL, SIGN and the DOUBLE functions, typed as Flink types them.
extension ExpressionCompiler {
    func compileNumericFunction(_ call: Call) throws(SQLError) -> CompiledExpression? {
        let isNumeric: (Int, SQLType) -> Bool = { _, type in type.isNumeric }
        switch call.name {
        case "ABS", "SIGN":
            try call.require(1...1, isNumeric)
            let isSign = call.name == "SIGN"
            return call.strict(call.types[0].kind == .null ? .integer : call.types[0].kind) { values throws(SQLError) in
                switch values[0] {
                case .integer(let value): .integer(isSign ? value.signum() : abs(value))
                case .double(let value): .double(isSign ? (value > 0 ? 1 : value < 0 ? -1 : 0) : abs(value))
                case .decimal(let value):
                    .decimal(isSign ? Decimal(value > 0 ? 1 : value < 0 ? -1 : 0) : value.magnitude)
                default: .null
                }
            }
        case "MOD":
            try call.require(2...2, isNumeric)
            guard let type = TypeMerging.arithmetic(.modulo, call.types[0], call.types[1]) else { throw call.noMatch }
            return call.strict(type.kind) { values throws(SQLError) in
                try SQLValue.arithmetic(.modulo, values[0], values[1], as: type)
            }
        case "ROUND", "TRUNCATE":
            try call.require(1...2) { index, type in index == 0 ? type.isNumeric : type.isExactInteger }
            var places: Int64 = 0
            if call.arguments.count == 2 {
                guard let constant = call.constant(1)?.integerValue else { throw call.noMatch }
                places = constant
            }
            let digits = Int(places)
            let isTruncation = call.name == "TRUNCATE"
            var kind = call.types[0].kind
            if case .decimal(let precision, let scale) = kind, digits < scale {
                // Flink's `findRoundDecimalType`: rounding may carry one digit.
                kind =
                    digits < 0
                    ? .decimal(precision: min(TypeMerging.maximumPrecision, 1 + precision - scale), scale: 0)
                    : .decimal(precision: 1 + precision - scale + digits, scale: digits)
            }
            let resultKind = kind
            return call.strict(kind == .null ? .integer : kind) { values throws(SQLError) in
                guard let decimal = values[0].decimalValue else { return .null }
                let rounded =
                    isTruncation
                    ? DecimalMath.truncated(decimal, scale: digits) : DecimalMath.rounded(decimal, scale: digits)
                switch values[0] {
                case .integer: return .integer(SQLValue.wrapped(DecimalMath.int64(rounded) ?? 0, to: resultKind))
                case .double(let value) where !value.isFinite: return values[0]
                case .double: return .double(DecimalMath.double(rounded))
                default: return .decimal(rounded)
                }
            }
        case "FLOOR", "CEIL", "CEILING":
            // With a time unit it is a time function.
            guard call.timeUnit == nil else { return nil }
            try call.require(1...1, isNumeric)
            var kind = call.types[0].kind
            if case .decimal(let precision, let scale) = kind, scale > 0 {
                kind = .decimal(precision: min(TypeMerging.maximumPrecision, precision - scale + 1), scale: 0)
            }
            let isFloor = call.name == "FLOOR"
            return call.strict(kind == .null ? .integer : kind) { values throws(SQLError) in
                switch values[0] {
                case .double(let value): return .double(isFloor ? value.rounded(.down) : value.rounded(.up))
                case .decimal(let value):
                    var input = value
                    var result = Decimal()
                    NSDecimalRound(&result, &input, 0, isFloor ? .down : .up)
                    return .decimal(result)
                default: return values[0]
                }
            }
        case "POWER", "POWER_", "SQRT", "LN", "LOG10", "LOG2", "EXP", "LOG", "SIN", "COS", "TAN", "ASIN", "ACOS",
            "ATAN", "DEGREES", "RADIANS", "CBRT":
            let name = call.name
            let arity = name == "POWER" ? 2...2 : name == "LOG" ? 1...2 : 1...1
            try call.require(arity, isNumeric)
            return call.strict(.double) { values throws(SQLError) in
                let first = values[0].doubleValue ?? .nan
                let second = values.count > 1 ? values[1].doubleValue ?? .nan : 0
                let result: Double
                switch name {
                case "POWER": result = Foundation.pow(first, second)
                case "SQRT": result = first.squareRoot()
                case "LN": result = Foundation.log(first)
                case "LOG10": result = Foundation.log10(first)
                case "LOG2": result = Foundation.log2(first)
                case "LOG":
                    result = values.count == 2 ? Foundation.log(second) / Foundation.log(first) : Foundation.log(first)
                case "EXP": result = Foundation.exp(first)
                case "SIN": result = Foundation.sin(first)
                case "COS": result = Foundation.cos(first)
                case "TAN": result = Foundation.tan(first)
                case "ASIN": result = Foundation.asin(first)
                case "ACOS": result = Foundation.acos(first)
                case "ATAN": result = Foundation.atan(first)
                case "DEGREES": result = first * 180 / .pi
                case "RADIANS": result = first * .pi / 180
                default: result = Foundation.cbrt(first)
                }
                return .double(result)
            }
        default:
            return nil
        }
    }
}
