using System.Globalization;

namespace InboxApp.Components.Shared;

/// <summary>
/// An enum value or a Meta status name as people read it on a page: "IN_APPEAL" → "In appeal", "CONNECTED" → "Connected".
/// The API keeps the names (<c>"APPROVED"</c>); pages show words (the UI review of 2026-12-05 found raw names in chips).
/// </summary>
public static class EnumLabel
{
    public static string Of<T>(T value) where T : struct, Enum => Words(value.ToString());

    public static string Words(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var words = name.Trim().Replace('_', ' ').ToLower(CultureInfo.InvariantCulture);
        return char.ToUpper(words[0], CultureInfo.InvariantCulture) + words[1..];
    }
}
