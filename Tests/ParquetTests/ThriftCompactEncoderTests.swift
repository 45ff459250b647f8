import Parquet
import Testing

/// Byte-exact checks of the compact protocol against examples worked out by hand from the spec.
struct ThriftCompactEncoderTests {
    private func encoded(_ build: (inout ThriftCompactEncoder) -> Void) -> [UInt8] {
        var encoder = ThriftCompactEncoder()
        build(&encoder)
        return encoder.bytes
    }

    @Test func shortFieldHeaderPacksDeltaAndType() {
        // Field 1 of type i32 (5), delta 1: 0x15; value 1 zigzags to 2; then the stop byte.
        let bytes = encoded { encoder in
            encoder.writeInt32Field(1, 1)
            encoder.endStruct()
        }
        #expect(bytes == [0x15, 0x02, 0x00])
    }

    @Test func fieldDeltaAboveFifteenUsesLongForm() {
        // Field 1 (i32 0) then field 17: delta 16 does not fit a nibble, so the type byte comes alone
        // and the identifier follows as a zigzag varint (17 -> 34 = 0x22).
        let bytes = encoded { encoder in
            encoder.writeInt32Field(1, 0)
            encoder.writeInt32Field(17, 3)
        }
        #expect(bytes == [0x15, 0x00, 0x05, 0x22, 0x06])
    }

    @Test func zigzagVarintsOfSignedIntegers() {
        let bytes = encoded { encoder in
            encoder.writeInteger(0)
            encoder.writeInteger(-1)
            encoder.writeInteger(1)
            encoder.writeInteger(-64)
            encoder.writeInteger(64)
            encoder.writeInteger(300)
        }
        #expect(bytes == [0x00, 0x01, 0x02, 0x7F, 0x80, 0x01, 0xD8, 0x04])
    }

    @Test func extremeInt64Values() {
        #expect(
            encoded { $0.writeInteger(.min) } == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        )
        #expect(
            encoded { $0.writeInteger(.max) } == [0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]
        )
    }

    @Test func booleanFieldsCarryTheValueInTheType() {
        let bytes = encoded { encoder in
            encoder.writeBooleanField(1, true)
            encoder.writeBooleanField(2, false)
        }
        #expect(bytes == [0x11, 0x12])
    }

    @Test func byteDoubleAndBinaryFields() {
        let bytes = encoded { encoder in
            encoder.writeByteField(1, -1)
            encoder.writeDoubleField(2, 1.0)
            encoder.writeStringField(3, "ab")
            encoder.writeInt16Field(4, -2)
            encoder.writeInt64Field(5, 1)
        }
        #expect(
            bytes == [
                0x13, 0xFF,
                0x17, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xF0, 0x3F,
                0x18, 0x02, 0x61, 0x62,
                0x14, 0x03,
                0x16, 0x02,
            ]
        )
    }

    @Test func nestedStructRestartsFieldDeltasAndRestoresTheOuterOnes() {
        // { 1: { 1: i32 5 }, 2: i64 300 }
        let bytes = encoded { encoder in
            encoder.beginStructField(1)
            encoder.writeInt32Field(1, 5)
            encoder.endStruct()
            encoder.writeInt64Field(2, 300)
            encoder.endStruct()
        }
        #expect(bytes == [0x1C, 0x15, 0x0A, 0x00, 0x16, 0xD8, 0x04, 0x00])
    }

    @Test func listHeadersShortAndLong() {
        let short = encoded { encoder in
            encoder.writeListFieldHeader(1, elementType: .int32, count: 3)
            for value in [1, 2, 3] { encoder.writeInteger(Int64(value)) }
        }
        #expect(short == [0x19, 0x35, 0x02, 0x04, 0x06])

        let long = encoded { encoder in
            encoder.writeListHeader(elementType: .binary, count: 15)
            encoder.writeListHeader(elementType: .structure, count: 300)
        }
        #expect(long == [0xF8, 0x0F, 0xFC, 0xAC, 0x02])
    }

    @Test func listOfStructsEachEndWithStop() {
        // A list of two empty structs, then a field of the enclosing struct with a normal delta.
        let bytes = encoded { encoder in
            encoder.writeListFieldHeader(1, elementType: .structure, count: 2)
            encoder.beginStruct()
            encoder.endStruct()
            encoder.beginStruct()
            encoder.writeInt32Field(1, 1)
            encoder.endStruct()
            encoder.writeInt32Field(2, 1)
            encoder.endStruct()
        }
        #expect(bytes == [0x19, 0x2C, 0x00, 0x15, 0x02, 0x00, 0x15, 0x02, 0x00])
    }
}
