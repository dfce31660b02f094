namespace InboxApp.Core.Contacts;

/// <summary>
/// A matching key for phone numbers so that variants of one person's number resolve to one contact. Brazil's mobile
/// numbers exist with and without the ninth digit (55 + area code + [9] + 8 digits); WhatsApp may report either.
/// </summary>
public static class PhoneKeys
{
    public static string? Digits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 6 and <= 20 ? digits : null;
    }

    public static string? Key(string? phone)
    {
        var digits = Digits(phone);
        if (digits is null) return null;
        // 55 AA 9 XXXXXXXX (13 digits, mobile with the ninth digit) → 55 AA XXXXXXXX
        if (digits.Length == 13 && digits.StartsWith("55", StringComparison.Ordinal) && digits[4] == '9') return digits.Remove(4, 1);
        return digits;
    }
}
