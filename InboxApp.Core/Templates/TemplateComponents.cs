using System.Text.Json;
using System.Text.Json.Serialization;

namespace InboxApp.Core.Templates;

// A template's components in Meta's own JSON shape (the names below are Meta's), so that what the API takes, what is
// stored and what goes to Graph are the same document:
//   { "type": "HEADER", "format": "TEXT", "text": "Order {{1}}", "example": { "header_text": ["#1234"] } }
//   { "type": "BODY", "text": "Hi {{1}}, …", "example": { "body_text": [["Ana"]] } }       (or body_text_named_params)
//   { "type": "FOOTER", "text": "Reply STOP to opt out" }
//   { "type": "BUTTONS", "buttons": [ { "type": "QUICK_REPLY", "text": "Yes" }, { "type": "URL", "text": "Track",
//       "url": "https://x.test/t/{{1}}", "example": ["https://x.test/t/abc"] }, { "type": "PHONE_NUMBER", … },
//       { "type": "COPY_CODE", "example": "SAVE10" }, { "type": "OTP", "otp_type": "COPY_CODE", "text": "Copy code" } ] }

/// <summary>A named variable's example (<c>{ "param_name": "first_name", "example": "Ana" }</c>).</summary>
public sealed record TemplateNamedExample(
    [property: JsonPropertyName("param_name")] string? ParamName,
    [property: JsonPropertyName("example")] string? Example);

/// <summary>The examples Meta reviews: header text, body rows (positional) or named parameters, header media handles.</summary>
public sealed record TemplateExample(
    [property: JsonPropertyName("header_text")] IReadOnlyList<string>? HeaderText = null,
    [property: JsonPropertyName("header_text_named_params")] IReadOnlyList<TemplateNamedExample>? HeaderTextNamedParams = null,
    [property: JsonPropertyName("body_text")] IReadOnlyList<IReadOnlyList<string>>? BodyText = null,
    [property: JsonPropertyName("body_text_named_params")] IReadOnlyList<TemplateNamedExample>? BodyTextNamedParams = null,
    [property: JsonPropertyName("header_handle")] IReadOnlyList<string>? HeaderHandle = null);

/// <summary>
/// A button: <c>QUICK_REPLY</c>, <c>URL</c> (optionally with one variable at the end of the url and its example),
/// <c>PHONE_NUMBER</c>, <c>COPY_CODE</c> (the example is the code) or <c>OTP</c> (authentication templates).
/// </summary>
public sealed record TemplateButton(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("url")] string? Url = null,
    [property: JsonPropertyName("phone_number")] string? PhoneNumber = null,
    [property: JsonPropertyName("example")] JsonElement? Example = null,
    [property: JsonPropertyName("otp_type")] string? OtpType = null)
{
    /// <summary>The example as Meta gives it: a list of strings for URL buttons, one string for copy-code buttons.</summary>
    [JsonIgnore]
    public string? ExampleValue => Example switch
    {
        { ValueKind: JsonValueKind.String } e => e.GetString(),
        { ValueKind: JsonValueKind.Array } e when e.GetArrayLength() > 0 && e[0].ValueKind == JsonValueKind.String => e[0].GetString(),
        _ => null,
    };
}

/// <summary>One component: <c>HEADER</c> (with a <see cref="Format"/>), <c>BODY</c>, <c>FOOTER</c> or <c>BUTTONS</c>.</summary>
public sealed record TemplateComponentSpec(
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("format")] string? Format = null,
    [property: JsonPropertyName("text")] string? Text = null,
    [property: JsonPropertyName("example")] TemplateExample? Example = null,
    [property: JsonPropertyName("buttons")] IReadOnlyList<TemplateButton>? Buttons = null,
    [property: JsonPropertyName("add_security_recommendation")] bool? AddSecurityRecommendation = null,
    [property: JsonPropertyName("code_expiration_minutes")] int? CodeExpirationMinutes = null)
{
    [JsonIgnore] public string Kind => Type?.Trim().ToUpperInvariant() ?? "";
    [JsonIgnore] public string HeaderFormat => Format?.Trim().ToUpperInvariant() ?? "TEXT";
}

/// <summary>Reads and writes components in Meta's JSON (nulls left out).</summary>
public static class TemplateJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(IReadOnlyList<TemplateComponentSpec> components) => JsonSerializer.Serialize(components, Options);

    public static IReadOnlyList<TemplateComponentSpec> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<TemplateComponentSpec>>(json, Options) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    public static JsonElement Element(string json)
    {
        using var doc = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return doc.RootElement.Clone();
    }

    /// <summary>The component of a kind (HEADER, BODY, FOOTER, BUTTONS), if present.</summary>
    public static TemplateComponentSpec? Find(this IReadOnlyList<TemplateComponentSpec> components, string kind) =>
        components.FirstOrDefault(c => c.Kind == kind);
}
