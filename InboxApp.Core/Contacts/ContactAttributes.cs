using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Contacts;

/// <summary>Custom attributes of a contact: a flat JSON object of strings, numbers and booleans, with bounded keys and size.</summary>
public static partial class ContactAttributes
{
    public const int MaxKeys = 50;
    public const int MaxStringLength = 1000;
    public const int MaxJsonLength = 16000;

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_.-]{0,63}$")]
    private static partial Regex KeyPattern();

    /// <summary>The stored attributes with <paramref name="changes"/> merged in (null removes a key), as JSON; 400 on the <c>attributes</c> field when invalid.</summary>
    public static string Merge(string storedJson, JsonElement changes)
    {
        if (changes.ValueKind != JsonValueKind.Object) throw Invalid("attributes must be a JSON object");
        var merged = JsonNode.Parse(storedJson) as JsonObject ?? [];
        foreach (var property in changes.EnumerateObject())
        {
            if (!KeyPattern().IsMatch(property.Name))
                throw Invalid($"attribute name '{Shorten(property.Name)}' must start with a letter or _ and use only letters, digits, _, . and - (at most 64 characters)");
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Null:
                    merged.Remove(property.Name);
                    continue;
                case JsonValueKind.String when value.GetString()!.Length > MaxStringLength:
                    throw Invalid($"attribute '{property.Name}' must be at most {MaxStringLength} characters");
                case JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                    merged[property.Name] = JsonNode.Parse(value.GetRawText());
                    continue;
                default:
                    throw Invalid($"attribute '{property.Name}' must be a string, a number, a boolean or null");
            }
        }
        if (merged.Count > MaxKeys) throw Invalid($"a contact may have at most {MaxKeys} attributes");
        var json = merged.ToJsonString();
        return json.Length > MaxJsonLength ? throw Invalid($"attributes must be at most {MaxJsonLength} characters of JSON") : json;
    }

    public static JsonElement Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : Empty();
        }
        catch (JsonException)
        {
            return Empty();
        }
    }

    private static JsonElement Empty()
    {
        using var doc = JsonDocument.Parse("{}");
        return doc.RootElement.Clone();
    }

    private static string Shorten(string name) => name.Length > 40 ? name[..40] + "…" : name;

    private static InboxException Invalid(string message) => InboxException.Invalid("attributes", message);
}
