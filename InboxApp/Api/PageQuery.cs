using InboxApp.Core.Common;

namespace InboxApp.Api;

/// <summary>Validated <c>page</c> and <c>limit</c> query parameters.</summary>
public readonly record struct PageQuery(int Page, int Limit)
{
    /// <summary>The last page anyone may ask for: far beyond any list, and <c>(page - 1) × limit</c> stays within an <c>int</c>.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>The page size when none is given, and the largest one.</summary>
    public const int DefaultLimit = 20, MaxLimit = 100;

    public int Skip => (Page - 1) * Limit;

    public static PageQuery From(int? page, int? limit, int defaultLimit = DefaultLimit, int maxLimit = MaxLimit)
    {
        var p = page ?? 1;
        var l = limit ?? defaultLimit;
        if (p < 1 || p > MaxPage) throw InboxException.Invalid("page", $"page must be between 1 and {MaxPage}");
        if (l < 1 || l > maxLimit) throw InboxException.Invalid("limit", $"limit must be between 1 and {maxLimit}");
        return new PageQuery(p, l);
    }
}
