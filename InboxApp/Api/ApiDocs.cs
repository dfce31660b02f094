using System.Globalization;

namespace InboxApp.Api;

/// <summary>
/// What an endpoint tells the API reference beyond what its handler's signature shows, written on its mapping line next to
/// <c>.WithSummary</c> and <c>.WithDescription</c>: the errors its service can answer, what its query parameters accept,
/// and bodies the handler reads itself (multipart uploads). Examples of request and response types live in the feature's
/// <see cref="IApiExamples"/> class. The rules are in docs/conventions.md (API conventions).
/// </summary>
public static class ApiDocs
{
    /// <summary>
    /// An error the operation can answer that the reference cannot infer: a 409 its service throws, a 404 for an id in the
    /// body, a 401 of a sign-in, a 503 (400 for bodies and typed query parameters, 401/403 for authorization, 404 for route
    /// ids, 413 for bodies and 429 for rate limiting are added automatically). Repeat it for each code the status may carry.
    /// </summary>
    public static TBuilder ProducesError<TBuilder>(this TBuilder builder, int status, string code, string when) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiErrorDoc(status, code, when));

    /// <summary>A query parameter: its description and, when the handler validates it, its values, default and range.</summary>
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, string name, string description,
        string[]? values = null, object? @default = null, int? minimum = null, int? maximum = null) =>
        builder.WithMetadata(new ApiQueryDoc(name, description, values, @default, minimum, maximum));

    /// <summary>A query parameter taking the names of <typeparamref name="TEnum"/> (parsed with <c>QueryValues.Enum</c>).</summary>
    public static RouteHandlerBuilder WithQuery<TEnum>(this RouteHandlerBuilder builder, string name, string description, TEnum? @default = null)
        where TEnum : struct, Enum =>
        builder.WithQuery(name, description, Enum.GetNames<TEnum>(), @default?.ToString());

    /// <summary><c>page</c> and <c>limit</c> as <see cref="PageQuery.From"/> checks them (pass its arguments when they differ).</summary>
    public static RouteHandlerBuilder WithPaging(this RouteHandlerBuilder builder, int defaultLimit = PageQuery.DefaultLimit,
        int maxLimit = PageQuery.MaxLimit, string limitName = "limit") =>
        builder
            .WithQuery("page", "The page to return, counted from 1; `meta.pagination.hasMore` tells whether another follows.", @default: 1, minimum: 1)
            .WithQuery(limitName, "Items per page.", @default: defaultLimit, minimum: 1, maximum: maxLimit);

    /// <summary><c>cursor</c> and <c>limit</c> of a keyset list (<c>Cursor.Limit</c>: default 50, at most 200).</summary>
    public static RouteHandlerBuilder WithCursorPaging(this RouteHandlerBuilder builder) =>
        builder
            .WithQuery("cursor", "Where the page starts: the previous page's `meta.pagination.nextCursor`. Leave it out for the first page; a cursor that was not given by the API is a 400.")
            .WithQuery("limit", "Items per page.", @default: Core.Common.Cursor.DefaultLimit, minimum: 1, maximum: Core.Common.Cursor.MaxLimit);

    /// <summary>A <c>multipart/form-data</c> body the handler reads itself (<see cref="MultipartUpload"/>): its fields.</summary>
    public static RouteHandlerBuilder WithMultipartBody(this RouteHandlerBuilder builder, string description, params ApiFormField[] fields) =>
        builder.WithMetadata(new ApiBodyDoc("multipart/form-data", description, fields, null));

    /// <summary>A body the handler reads as raw bytes (the WhatsApp webhook): its content type, what it is and an example.</summary>
    public static RouteHandlerBuilder WithRawBody(this RouteHandlerBuilder builder, string contentType, string description, string exampleJson) =>
        builder.WithMetadata(new ApiBodyDoc(contentType, description, [], exampleJson));
}

/// <summary>
/// An error an operation answers: <see cref="Status"/> with <c>error.code</c> = <see cref="Code"/>, when <see cref="When"/>
/// (also the example's <c>message</c>, unless <see cref="Message"/> gives the API's own wording).
/// </summary>
public sealed record ApiErrorDoc(int Status, string Code, string When, string? Message = null);

/// <summary>How a query parameter is described: <see cref="Values"/> become its enum; <see cref="Minimum"/>/<see cref="Maximum"/> make it an integer.</summary>
public sealed record ApiQueryDoc(string Name, string Description, string[]? Values, object? Default, int? Minimum, int? Maximum)
{
    public string? DefaultText => Default switch
    {
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var d => d.ToString(),
    };
}

/// <summary>A request body the handler reads itself: multipart fields, or a raw body with an example.</summary>
public sealed record ApiBodyDoc(string ContentType, string Description, IReadOnlyList<ApiFormField> Fields, string? ExampleJson);

/// <summary>One field of a multipart form. <see cref="Example"/> is a sample value (for a file, a file name).</summary>
public sealed record ApiFormField(string Name, string Description, string Example, bool Required = false, bool IsFile = false, string[]? Values = null)
{
    /// <summary>A required file field.</summary>
    public static ApiFormField File(string name, string description, string exampleFileName) => new(name, description, exampleFileName, Required: true, IsFile: true);

    /// <summary>A text field; <paramref name="values"/> when it takes one of a few words.</summary>
    public static ApiFormField Text(string name, string description, string example, bool required = false, string[]? values = null) =>
        new(name, description, example, required, false, values);
}
