using System.Reflection;
using System.Text.Json.Nodes;

namespace InboxApp.Api;

/// <summary>
/// A feature's examples for the API reference, one per request and response type (JSON as the API reads and writes it:
/// camelCase, enums by name, nulls left out). Found by reflection: a class implementing this is all it takes. Envelopes
/// (<c>{ data }</c>, lists with <c>meta.pagination</c>) are built around them; tests check every example against its schema.
/// </summary>
public interface IApiExamples
{
    void Register(ApiExampleCatalogue examples);
}

/// <summary>Examples keyed by the C# type they are an instance of.</summary>
public sealed class ApiExampleCatalogue
{
    private readonly Dictionary<Type, List<ApiExample>> byType = [];

    /// <summary>The example of <typeparamref name="T"/>.</summary>
    public ApiExampleCatalogue Add<T>(string json) => Add(typeof(T), null, json);

    /// <summary>One of several examples of <typeparamref name="T"/> (the reference lists them by <paramref name="summary"/>).</summary>
    public ApiExampleCatalogue Add<T>(string summary, string json) => Add(typeof(T), summary, json);

    private ApiExampleCatalogue Add(Type type, string? summary, string json)
    {
        JsonNode node;
        try
        {
            node = JsonNode.Parse(json) ?? throw new InvalidOperationException("null");
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new InvalidOperationException($"The API example of {type.Name} is not valid JSON: {e.Message}", e);
        }
        if (!byType.TryGetValue(type, out var list)) byType[type] = list = [];
        list.Add(new ApiExample(summary, node));
        return this;
    }

    public IReadOnlyCollection<Type> Types => byType.Keys;

    /// <summary>The examples registered for exactly <paramref name="type"/> (empty when none).</summary>
    public IReadOnlyList<ApiExample> For(Type type) => byType.TryGetValue(type, out var list) ? list : [];

    /// <summary>
    /// Examples of <paramref name="type"/>: its own, or built from its parts for <see cref="DataEnvelope{T}"/>,
    /// <see cref="ListEnvelope{T}"/> (with a cursor or a page pagination) and lists. Empty when a part has none.
    /// </summary>
    public IReadOnlyList<ApiExample> Compose(Type type, bool cursorPaging)
    {
        var own = For(type);
        if (own.Count > 0) return own;
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var item = type.GetGenericArguments()[0];
            if (definition == typeof(DataEnvelope<>))
                return [.. Compose(item, cursorPaging).Select(e => e with { Value = new JsonObject { ["data"] = e.Value.DeepClone() } })];
            if (definition == typeof(ListEnvelope<>))
                return [.. Compose(item, cursorPaging).Select(e => e with { Value = new JsonObject
                {
                    ["data"] = new JsonArray(e.Value.DeepClone()),
                    ["meta"] = new JsonObject { ["pagination"] = cursorPaging ? CursorPagination() : PagePagination() },
                } })];
        }
        var element = ListElement(type);
        return element is null ? [] : [.. Compose(element, cursorPaging).Select(e => e with { Value = new JsonArray(e.Value.DeepClone()) })];
    }

    private static JsonNode PagePagination() => new JsonObject { ["page"] = 1, ["limit"] = PageQuery.DefaultLimit, ["total"] = 1, ["hasMore"] = false };

    private static JsonNode CursorPagination() =>
        new JsonObject { ["limit"] = Core.Common.Cursor.DefaultLimit, ["nextCursor"] = "eyJ0IjoiMjAyNi0wMS0zMVQxMjowMDowMFoifQ", ["hasMore"] = true };

    private static Type? ListElement(Type type)
    {
        if (type == typeof(string)) return null;
        if (type.IsArray) return type.GetElementType();
        return type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;
    }

    /// <summary>The catalogue of every <see cref="IApiExamples"/> class in <paramref name="assembly"/>.</summary>
    public static ApiExampleCatalogue FromAssembly(Assembly assembly)
    {
        var catalogue = new ApiExampleCatalogue();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IApiExamples).IsAssignableFrom(t)).OrderBy(t => t.FullName))
            ((IApiExamples)Activator.CreateInstance(type)!).Register(catalogue);
        return catalogue;
    }

    /// <summary>The application's examples (this assembly's), built once.</summary>
    public static ApiExampleCatalogue App => app.Value;

    private static readonly Lazy<ApiExampleCatalogue> app = new(() => FromAssembly(typeof(ApiExampleCatalogue).Assembly));
}

/// <param name="Summary">Set when a type has several examples.</param>
public sealed record ApiExample(string? Summary, JsonNode Value);
