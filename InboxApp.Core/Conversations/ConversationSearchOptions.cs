using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Conversations;

/// <summary>
/// How the list's <c>search</c> chooses its plan (section <c>Search</c>). The defaults suit an organization of 100,000
/// conversations; <c>docs/performance.md</c> has the measurements behind them. Tests lower them to reach every plan with
/// a few rows.
/// </summary>
public sealed class ConversationSearchOptions
{
    public const string SectionName = "Search";

    /// <summary>
    /// A term is rare when at most this many contacts, and at most this many messages, match it; its pages and counts are
    /// then read from those matches, exactly. Default 200.
    /// </summary>
    [Range(0, 10_000)]
    public int RareMatchLimit { get; set; } = 200;

    /// <summary>
    /// How many rows of the list (the other filters, after the cursor, in the sort's order) a page or a count of a
    /// frequent term tests, one by one. Default 2,000.
    /// </summary>
    [Range(1, 100_000)]
    public int WalkWindow { get; set; } = 2_000;

    /// <summary>
    /// A frequent term's counts stop at this many matching conversations, and say they are not complete. Default 200.
    /// </summary>
    [Range(1, 100_000)]
    public int CountLimit { get; set; } = 200;
}
