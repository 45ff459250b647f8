import Parquet
import Testing

struct ParquetValueTests {
    @Test func integersPickTheCaseThatHoldsThem() {
        #expect(ParquetValue(UInt8(5)) == .integer(5))
        #expect(ParquetValue(Int64.min) == .integer(.min))
        #expect(ParquetValue(UInt64(Int64.max)) == .integer(.max))
        #expect(ParquetValue(UInt64.max) == .unsignedInteger(.max))
    }

    @Test func literalsMakeTheMatchingCases() {
        let row: [ParquetValue] = ["text", 7, 2.5, true, nil]
        #expect(row == [.string("text"), .integer(7), .double(2.5), .boolean(true), .null])
    }
}
