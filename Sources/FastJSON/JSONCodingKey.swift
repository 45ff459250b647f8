/// A coding key made at run time: array positions, the "super" member, and the fields a
/// `JSONObjectDecodable` type reads by name.
package struct JSONCodingKey: CodingKey {
    package var stringValue: String
    package var intValue: Int?

    package init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    package init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}
