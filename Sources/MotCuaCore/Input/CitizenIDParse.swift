/// The outcome of reading a citizen ID number, with the reason when it is rejected.
public enum CitizenIDParse: Equatable, Sendable {
    /// The 12 digits without separators.
    case valid(String)
    /// The count of digits found when it is not 12; 9 is the old identity card (CMND).
    case wrongLength(Int)
    /// The first three digits, which are not a province code.
    case unknownProvince(String)
    /// The birth year given by digits 4 to 6, which is after today's year.
    case futureBirthYear(Int)
    /// Letters or symbols among the digits ("072/059/001/234", "07205900123a"), or two numbers.
    case unreadable
}
