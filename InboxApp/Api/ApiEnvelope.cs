namespace InboxApp.Api;

/// <summary><c>{ "data": … }</c></summary>
public sealed record DataEnvelope<T>(T Data);

/// <summary><c>{ "data": [ … ], "meta": { "pagination": … } }</c></summary>
public sealed record ListEnvelope<T>(IReadOnlyList<T> Data, ListMeta Meta);

public sealed record ListMeta(object Pagination);

public sealed record PagePagination(int Page, int Limit, int Total, bool HasMore);

public sealed record CursorPagination(int Limit, string? NextCursor, bool HasMore);

/// <summary><c>{ "error": { "message", "code", "details"? } }</c></summary>
public sealed record ErrorEnvelope(ErrorBody Error);

public sealed record ErrorBody(string Message, string Code, IReadOnlyDictionary<string, string[]>? Details = null);

public static class Envelope
{
    public static DataEnvelope<T> Data<T>(T data) => new(data);

    public static ListEnvelope<T> Page<T>(IReadOnlyList<T> items, int page, int limit, int total) =>
        new(items, new ListMeta(new PagePagination(page, limit, total, (long)page * limit < total)));

    public static ListEnvelope<T> Cursor<T>(IReadOnlyList<T> items, int limit, string? nextCursor) =>
        new(items, new ListMeta(new CursorPagination(limit, nextCursor, nextCursor is not null)));

    /// <summary>A whole list in one response (small bounded collections such as API keys).</summary>
    public static ListEnvelope<T> All<T>(IReadOnlyList<T> items) =>
        new(items, new ListMeta(new PagePagination(1, items.Count, items.Count, false)));
}
