using InboxApp.Core.Common;

namespace InboxApp.Api;

/// <summary>Validated <c>page</c> and <c>limit</c> query parameters.</summary>
public readonly record struct PageQuery(int Page, int Limit)
{
    /// <summary>The page size when none is given, and the largest one.</summary>
    public const int DefaultLimit = 20, MaxLimit = 100;

    public int Skip => (Page - 1) * Limit;

    public static PageQuery From(int? page, int? limit, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit)
    {
        var p = page ?? 1;
        var l = limit ?? defaultLimit;
        if (p < 1) throw InboxException.Invalid("page", "page must be 1 or more");
        if (l < 1 || l > maxLimit) throw InboxException.Invalid("limit", $"limit must be between 1 and {maxLimit}");
        return new PageQuery(p, l);
    }
}
