using System.Text.Json.Serialization;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;

namespace InboxApp.Core.Conversations;

/// <summary>Order of the conversation list.</summary>
public enum ConversationSort
{
    /// <summary>Last message first (default).</summary>
    newest,
    oldest,
    /// <summary>Longest-waiting customer first; conversations nobody waits on come after, newest first.</summary>
    waiting_longest,
    created_newest,
    created_oldest,
}

/// <summary>The sub-filter pills: <c>unread</c> (unread count above 0), <c>needs_action</c> (the last message is the customer's).</summary>
public enum ConversationSubFilter { unread, needs_action }

/// <summary>Who the conversations are assigned to: anyone (null), nobody, or one user.</summary>
public sealed record AssigneeFilter(bool Unassigned, Guid? UserId);

/// <summary>The list's filters (also those of the counts, which ignore <see cref="SubFilter"/>).</summary>
public sealed record ConversationFilter(
    ConversationStatus? Status = null,
    AssigneeFilter? AssignedTo = null,
    Guid? TeamId = null,
    string? Category = null,
    Guid? TagId = null,
    ConversationOrigin? Origin = null,
    string? Search = null,
    ConversationSubFilter? SubFilter = null)
{
    public const int MaxSearchLength = 100;

    /// <summary>Only conversations that are not resolved (the inbox's "Active" tab); ignored when <see cref="Status"/> is set.</summary>
    public bool ActiveOnly { get; init; }

    /// <summary>
    /// Parses the query-string values strictly: enum names in any case, guids, <c>me</c>/<c>unassigned</c>; anything else is a
    /// 400 naming the field. <c>assignedTo=me</c> needs a signed-in user (an API key has none).
    /// </summary>
    public static ConversationFilter Parse(Actor actor, string? status, string? assignedTo, string? teamId, string? category, string? tag,
        string? origin, string? search, string? subFilter)
    {
        var term = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (term is { Length: > MaxSearchLength }) throw InboxException.Invalid("search", $"search must be at most {MaxSearchLength} characters");
        var categoryValue = string.IsNullOrWhiteSpace(category) ? null : category.Trim();
        if (categoryValue is { Length: > 100 }) throw InboxException.Invalid("category", "category must be at most 100 characters");
        return new ConversationFilter(
            QueryValues.Enum<ConversationStatus>(status, "status"),
            Assignee(actor, assignedTo),
            QueryValues.Guid(teamId, "teamId"),
            categoryValue,
            QueryValues.Guid(tag, "tag"),
            QueryValues.Enum<ConversationOrigin>(origin, "origin"),
            term,
            QueryValues.Enum<ConversationSubFilter>(subFilter, "subFilter"));
    }

    private static AssigneeFilter? Assignee(Actor actor, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var v = value.Trim();
        if (v.Equals("unassigned", StringComparison.OrdinalIgnoreCase)) return new AssigneeFilter(true, null);
        if (v.Equals("me", StringComparison.OrdinalIgnoreCase))
            return new AssigneeFilter(false, actor.UserId ?? throw InboxException.Invalid("assignedTo", "assignedTo=me needs a signed-in user; API keys pass a user id"));
        return System.Guid.TryParse(v, out var id)
            ? new AssigneeFilter(false, id)
            : throw InboxException.Invalid("assignedTo", "assignedTo must be me, unassigned or a user id");
    }
}

/// <summary>
/// <c>GET /conversations/counts</c>: how many conversations the filters match, and of those how many are unread or need
/// action. <see cref="Complete"/> is false when a search for a frequent term stopped counting (at the first 200 matches, or
/// after testing the newest 2,000 conversations of the other filters): the figures are then lower bounds (shown as "200+").
/// </summary>
public sealed record ConversationCounts(int All, int Unread, [property: JsonPropertyName("needs_action")] int NeedsAction, bool Complete = true);

/// <summary>The inbox tabs' counts: conversations per status for the filters; <see cref="Complete"/> as in <see cref="ConversationCounts"/>.</summary>
public sealed record ConversationStatusCounts(IReadOnlyDictionary<ConversationStatus, int> ByStatus, bool Complete);
