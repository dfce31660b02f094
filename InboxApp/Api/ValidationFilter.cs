using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using InboxApp.Core.Common;

namespace InboxApp.Api;

/// <summary>
/// Validates every request body argument with its data annotations (and <see cref="IValidatableObject"/>) before the
/// handler runs; failures become 400 VALIDATION_ERROR with camelCase field names in <c>details</c>. No text of a request
/// (query parameters, route values, every string of a body, however deep) may contain a NUL character (U+0000): the
/// databases cannot store or compare it, so it is refused with the field named.
/// </summary>
public sealed class ValidationFilter : IEndpointFilter
{
    public const string NulMessage = "must not contain NUL characters (U+0000)";

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        foreach (var (key, values) in request.Query)
        {
            if (NulCharacters.In(key) || values.Any(NulCharacters.In)) throw InboxException.Invalid(NulCharacters.Strip(key)!, $"{NulCharacters.Strip(key)} {NulMessage}");
        }
        foreach (var (key, value) in request.RouteValues)
        {
            if (value is string text && NulCharacters.In(text)) throw InboxException.Invalid(key, $"{key} {NulMessage}");
        }
        foreach (var argument in context.Arguments)
        {
            if (argument is null) continue;
            if (argument is string text && NulCharacters.In(text)) throw InboxException.Invalid("", $"A parameter {NulMessage}");
            if (!IsRequestModel(argument.GetType())) continue;
            if (FindNul(argument, null, depth: 0) is { } field) throw InboxException.Invalid(field, $"{field} {NulMessage}");
            var errors = Validate(argument);
            if (errors.Count > 0) throw InboxException.Invalid(errors);
        }
        return next(context);
    }

    public static Dictionary<string, string[]> Validate(object model)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
        return results
            .SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (Member: JsonNamingPolicy.CamelCase.ConvertName(m), r.ErrorMessage ?? "Invalid value")))
            .GroupBy(x => x.Member, x => x.Item2)
            .ToDictionary(g => g.Key, g => g.Distinct().ToArray());
    }

    /// <summary>The camelCase path (<c>items[2].text</c>) of the first string holding a NUL in <paramref name="value"/>, or null.</summary>
    internal static string? FindNul(object? value, string? path, int depth)
    {
        if (value is null || depth > 8) return null;
        switch (value)
        {
            case string text:
                return NulCharacters.In(text) ? path ?? "" : null;
            case JsonElement element:
                return FindNul(element, path);
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key.ToString();
                    var at = Join(path, NulCharacters.Strip(key));
                    if (NulCharacters.In(key)) return at;
                    if (FindNul(entry.Value, at, depth + 1) is { } found) return found;
                }
                return null;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (FindNul(item, $"{path}[{i++}]", depth + 1) is { } found) return found;
                }
                return null;
        }
        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || type.Namespace?.StartsWith("InboxApp", StringComparison.Ordinal) != true) return null;
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.PropertyType.IsValueType && property.PropertyType != typeof(JsonElement)
                && Nullable.GetUnderlyingType(property.PropertyType) != typeof(JsonElement)) continue;
            if (FindNul(property.GetValue(value), Join(path, JsonNamingPolicy.CamelCase.ConvertName(property.Name)), depth + 1) is { } found) return found;
        }
        return null;
    }

    private static string? FindNul(JsonElement element, string? path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return NulCharacters.In(element.GetString()) ? path ?? "" : null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var at = Join(path, NulCharacters.Strip(property.Name));
                    if (NulCharacters.In(property.Name)) return at;
                    if (FindNul(property.Value, at) is { } found) return found;
                }
                return null;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FindNul(item, $"{path}[{i++}]") is { } found) return found;
                }
                return null;
            default:
                return null;
        }
    }

    private static string Join(string? path, string? name) => string.IsNullOrEmpty(path) ? name ?? "" : $"{path}.{name}";

    private static bool IsRequestModel(Type type) =>
        type.Namespace?.StartsWith("InboxApp", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal);
}
