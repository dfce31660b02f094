using System.Globalization;
using System.Text.Json;

namespace InboxApp.Tests.ApiReference;

/// <summary>
/// Checks a JSON value against a schema of the generated OpenAPI document (the JSON Schema keywords it uses: $ref, oneOf,
/// anyOf, allOf, type, enum, properties, required, items, additionalProperties, lengths, ranges and the uuid and
/// date-time formats). Stricter than JSON Schema on one point: an object may not carry a property its schema does not
/// declare, so a misspelt field in an example is caught.
/// </summary>
internal sealed class OpenApiSchemaValidator(JsonElement document)
{
    public List<string> Validate(JsonElement schema, JsonElement value)
    {
        var errors = new List<string>();
        Check(schema, value, "$", errors);
        return errors;
    }

    private JsonElement Resolve(string reference)
    {
        var node = document;
        foreach (var part in reference.TrimStart('#', '/').Split('/'))
            node = node.GetProperty(part.Replace("~1", "/").Replace("~0", "~"));
        return node;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        if (schema.ValueKind != JsonValueKind.Object) return;
        if (schema.TryGetProperty("$ref", out var reference))
        {
            Check(Resolve(reference.GetString()!), value, path, errors);
            if (schema.EnumerateObject().All(p => p.Name is "$ref" or "description")) return;
        }
        foreach (var combinator in new[] { "oneOf", "anyOf" })
        {
            if (!schema.TryGetProperty(combinator, out var alternatives)) continue;
            var results = alternatives.EnumerateArray().Select(a => Validate(a, value)).ToList();
            if (results.All(r => r.Count > 0))
            {
                // Report why the closest alternative (for a nullable object, the object) does not match.
                var closest = results.Where(r => !r.Any(e => e.EndsWith("is not of type null", StringComparison.Ordinal))).OrderBy(r => r.Count).FirstOrDefault() ?? results[0];
                errors.AddRange(closest.Select(e => path + e[1..]));
            }
        }
        if (schema.TryGetProperty("allOf", out var all))
            foreach (var part in all.EnumerateArray()) Check(part, value, path, errors);

        if (schema.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => SameValue(v, value)))
        {
            errors.Add($"{path}: {Short(value)} is not one of {values.GetRawText()}");
            return;
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToArray() : [type.GetString()!];
            if (!types.Any(t => HasType(value, t)))
            {
                errors.Add($"{path}: {Short(value)} is not of type {string.Join(" or ", types)}");
                return;
            }
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                CheckObject(schema, value, path, errors);
                break;
            case JsonValueKind.Array:
                if (schema.TryGetProperty("items", out var items))
                {
                    var i = 0;
                    foreach (var item in value.EnumerateArray()) Check(items, item, $"{path}[{i++}]", errors);
                }
                if (schema.TryGetProperty("minItems", out var minItems) && value.GetArrayLength() < minItems.GetInt32())
                    errors.Add($"{path}: fewer than {minItems} items");
                if (schema.TryGetProperty("maxItems", out var maxItems) && value.GetArrayLength() > maxItems.GetInt32())
                    errors.Add($"{path}: more than {maxItems} items");
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (schema.TryGetProperty("minLength", out var minLength) && text.Length < minLength.GetInt32())
                    errors.Add($"{path}: shorter than {minLength}");
                if (schema.TryGetProperty("maxLength", out var maxLength) && text.Length > maxLength.GetInt32())
                    errors.Add($"{path}: longer than {maxLength}");
                if (schema.TryGetProperty("format", out var format))
                {
                    var ok = format.GetString() switch
                    {
                        "uuid" => Guid.TryParse(text, out _),
                        "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                        _ => true,
                    };
                    if (!ok) errors.Add($"{path}: \"{text}\" is not a {format}");
                }
                break;
            case JsonValueKind.Number:
                var number = value.GetDouble();
                if (schema.TryGetProperty("minimum", out var minimum) && number < Number(minimum)) errors.Add($"{path}: below the minimum {minimum}");
                if (schema.TryGetProperty("maximum", out var maximum) && number > Number(maximum)) errors.Add($"{path}: above the maximum {maximum}");
                break;
        }
    }

    private void CheckObject(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        var hasProperties = schema.TryGetProperty("properties", out var properties);
        if (schema.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: the required property \"{name}\" is missing");
        }
        var additional = schema.TryGetProperty("additionalProperties", out var a) ? a : (JsonElement?)null;
        foreach (var property in value.EnumerateObject())
        {
            if (hasProperties && properties.TryGetProperty(property.Name, out var propertySchema))
                Check(propertySchema, property.Value, $"{path}.{property.Name}", errors);
            else if (additional is { ValueKind: JsonValueKind.Object } additionalSchema)
                Check(additionalSchema, property.Value, $"{path}.{property.Name}", errors);
            else if (hasProperties || additional is { ValueKind: JsonValueKind.False })
                errors.Add($"{path}: the schema has no property \"{property.Name}\"");
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        _ => true,
    };

    private static double Number(JsonElement bound) =>
        bound.ValueKind == JsonValueKind.Number ? bound.GetDouble() : double.Parse(bound.GetString()!, CultureInfo.InvariantCulture);

    private static bool SameValue(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && (a.ValueKind == JsonValueKind.String ? a.GetString() == b.GetString() : a.GetRawText() == b.GetRawText());

    private static string Short(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length > 60 ? text[..60] + "…" : text;
    }
}
