using PhoneNumbers;

namespace InboxApp.Core.Contacts;

/// <summary>
/// Phone numbers through libphonenumber: E.164, the country, and a matching key so that variants of one person's number
/// resolve to one contact. WhatsApp reports some mobile numbers in a form that differs from the one people write:
/// Brazil with or without the ninth digit (55 AA [9] XXXXXXXX), Mexico with or without the 1 after 52 (52 [1] …, read as
/// today's form by <see cref="Parse"/>),
/// Argentina with or without the 9 after 54 (54 [9] …). The key is the form without that digit.
/// </summary>
public static class PhoneKeys
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>The digits of a number written in any way (spaces, dashes, a leading <c>+</c>), when 6 to 20 of them.</summary>
    public static string? Digits(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return null;
        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= 6 and <= 20 ? digits : null;
    }

    /// <summary>The number in international form (with or without <c>+</c>), when it is a possible number of a country.</summary>
    public static PhoneNumber? Parse(string? phone)
    {
        var digits = Digits(phone);
        if (digits is null) return null;
        // Mexico dropped the mobile 1 after 52 in 2019 and current metadata refuses it, but WhatsApp still reports it.
        if (digits.Length == 13 && digits.StartsWith("521", StringComparison.Ordinal)) digits = "52" + digits[3..];
        try
        {
            var number = Util.Parse("+" + digits, null);
            return Util.IsPossibleNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>E.164 (<c>+4915112345678</c>), or null when the number is not a possible international number.</summary>
    public static string? E164(string? phone) => Parse(phone) is { } number ? Util.Format(number, PhoneNumberFormat.E164) : null;

    /// <summary>The ISO 3166 region (<c>DE</c>, <c>BR</c>) the number belongs to, or null when unknown.</summary>
    public static string? Country(string? phone)
    {
        if (Parse(phone) is not { } number) return null;
        var region = Util.GetRegionCodeForNumber(number);
        return region is null or "ZZ" ? null : region;
    }

    /// <summary>The matching key: country code and national number, without the variant digit of BR, MX and AR mobiles.</summary>
    public static string? Key(string? phone)
    {
        var digits = Digits(phone);
        if (digits is null) return null;
        if (Parse(digits) is not { } number) return digits;
        var national = Util.GetNationalSignificantNumber(number);
        var variant = number.CountryCode switch
        {
            // Brazil: AA 9 XXXXXXXX → AA XXXXXXXX
            55 when national.Length == 11 && national[2] == '9' => national.Remove(2, 1),
            // Argentina: 9 AA XXXX XXXX → AA XXXX XXXX
            54 when national.Length == 11 && national[0] == '9' => national[1..],
            _ => national,
        };
        return number.CountryCode + variant;
    }
}
