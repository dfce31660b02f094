namespace InboxApp.Core.Common;

/// <summary>Strict parsing of query-string values into enums and guids, with a 400 naming the field.</summary>
public static class QueryValues
{
    public static T? Enum<T>(string? value, string field) where T : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        if (!trimmed.All(c => char.IsLetter(c) || c == '_') || !System.Enum.TryParse<T>(trimmed, ignoreCase: true, out var parsed))
            throw InboxException.Invalid(field, $"{field} must be one of: {string.Join(", ", System.Enum.GetNames<T>())}");
        return parsed;
    }

    public static Guid? Guid(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return System.Guid.TryParse(value.Trim(), out var id) ? id : throw InboxException.Invalid(field, $"{field} must be an id (a guid)");
    }
}
