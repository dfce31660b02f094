using System.Buffers.Text;
using System.Text.Json;

namespace InboxApp.Core.Common;

/// <summary>
/// Opaque keyset-pagination cursors: the sort key of the last row of a page, as base64url JSON. A cursor that does not
/// decode into <typeparamref name="T"/> is a 400 on the <c>cursor</c> field.
/// </summary>
public static class Cursor
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string Encode<T>(T key) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(key, Json));

    /// <summary>The key in <paramref name="cursor"/>, or default when it is null or empty.</summary>
    public static T? Decode<T>(string? cursor) where T : class
    {
        if (string.IsNullOrEmpty(cursor)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(Base64Url.DecodeFromChars(cursor), Json) ?? throw Invalid();
        }
        catch (Exception e) when (e is FormatException or JsonException or NotSupportedException)
        {
            throw Invalid();
        }
    }

    /// <summary>The page size of keyset lists when none is given, and the largest one.</summary>
    public const int DefaultLimit = 50, MaxLimit = 200;

    /// <summary>A validated page size: <paramref name="defaultLimit"/> when absent, 1..<paramref name="maxLimit"/> otherwise.</summary>
    public static int Limit(int? limit, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit) => limit switch
    {
        null => defaultLimit,
        < 1 => throw InboxException.Invalid("limit", $"limit must be between 1 and {maxLimit}"),
        var l when l > maxLimit => throw InboxException.Invalid("limit", $"limit must be between 1 and {maxLimit}"),
        var l => l.Value,
    };

    private static InboxException Invalid() => InboxException.Invalid("cursor", "cursor is not valid; pass back the nextCursor of a previous page");
}
