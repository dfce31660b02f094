using InboxApp.Core.Contacts;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Conversations;

public sealed record ConversationContactDto(
    Guid Id, string Identifier, string? WaId, string? Phone, string? Username, string? ProfileName, string? Name, string DisplayName, string? Category);

public sealed record ConversationTagDto(Guid Id, string Name, string Color);

public sealed record UserRefDto(Guid Id, string Name);

public sealed record TeamRefDto(Guid Id, string Name);

public sealed record FollowUpDto(string? Note, DateTimeOffset? DueAt, Guid? SetById, DateTimeOffset? SetAt);

/// <summary>A conversation as the API and the UI show it: the list rows and the detail share it.</summary>
public sealed record ConversationDto(
    Guid Id,
    Guid PhoneNumberId,
    ConversationContactDto Contact,
    ConversationStatus Status,
    ConversationOrigin Origin,
    UserRefDto? Assignee,
    TeamRefDto? Team,
    string? Category,
    IReadOnlyList<ConversationTagDto> Tags,
    int UnreadCount,
    string? LastMessagePreview,
    DateTimeOffset LastMessageAt,
    MessageDirection? LastMessageDirection,
    DateTimeOffset? LastCustomerMessageAt,
    bool WindowOpen,
    DateTimeOffset? WindowExpiresAt,
    DateTimeOffset? WaitingSince,
    FollowUpDto? FollowUp,
    string? HandoffSummary,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ResolvedAt,
    DateTimeOffset? FirstResponseAt);

/// <summary>Turns conversation rows into <see cref="ConversationDto"/>s with their contact, assignee, team and tags, in a few batched queries.</summary>
public static class ConversationReader
{
    /// <summary>The DTOs of <paramref name="ids"/> in the given order; ids the context cannot see are left out.</summary>
    public static async Task<List<ConversationDto>> LoadAsync(InboxDbContext db, IReadOnlyCollection<Guid> ids, DateTimeOffset now, CancellationToken ct = default)
    {
        if (ids.Count == 0) return [];
        var rows = await db.Conversations.AsNoTracking().Include(c => c.Contact).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        return await ToDtosAsync(db, ids.Select(id => rows.Find(r => r.Id == id)).OfType<Conversation>().ToList(), now, ct);
    }

    /// <summary>DTOs for rows already loaded with their <see cref="Conversation.Contact"/>, in the same order.</summary>
    public static async Task<List<ConversationDto>> ToDtosAsync(InboxDbContext db, IReadOnlyList<Conversation> rows, DateTimeOffset now, CancellationToken ct = default)
    {
        if (rows.Count == 0) return [];
        var ids = rows.Select(r => r.Id).ToList();
        var tags = await db.ConversationTags.AsNoTracking().Where(t => ids.Contains(t.ConversationId))
            .OrderBy(t => t.CreatedAt)
            .Select(t => new { t.ConversationId, t.TagId, t.Tag!.Name, t.Tag.Color }).ToListAsync(ct);
        var userIds = rows.Where(r => r.AssigneeId != null).Select(r => r.AssigneeId!.Value).Distinct().ToList();
        var users = userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Name }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var teamIds = rows.Where(r => r.TeamId != null).Select(r => r.TeamId!.Value).Distinct().ToList();
        var teams = teamIds.Count == 0 ? [] : await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id))
            .Select(t => new { t.Id, t.Name }).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var tagsByConversation = tags.ToLookup(t => t.ConversationId, t => new ConversationTagDto(t.TagId, t.Name, t.Color));
        return rows.Select(c => ToDto(c,
            tagsByConversation[c.Id].ToList(),
            c.AssigneeId is { } a && users.TryGetValue(a, out var userName) ? new UserRefDto(a, userName) : null,
            c.TeamId is { } t && teams.TryGetValue(t, out var teamName) ? new TeamRefDto(t, teamName) : null,
            now)).ToList();
    }

    private static ConversationDto ToDto(Conversation c, IReadOnlyList<ConversationTagDto> tags, UserRefDto? assignee, TeamRefDto? team, DateTimeOffset now)
    {
        var contact = c.Contact ?? throw new InvalidOperationException("Load conversations with their contact.");
        return new ConversationDto(
            c.Id, c.PhoneNumberId, ContactRef(contact), c.Status, c.Origin, assignee, team, c.Category, tags, c.UnreadCount,
            c.LastMessagePreview, c.LastMessageAt, c.LastMessageDirection, c.LastCustomerMessageAt,
            c.IsWindowOpen(now), c.LastCustomerMessageAt?.Add(Conversation.CustomerServiceWindow), c.WaitingSince,
            c.FollowUpNote is null && c.FollowUpDueAt is null ? null : new FollowUpDto(c.FollowUpNote, c.FollowUpDueAt, c.FollowUpById, c.FollowUpSetAt),
            c.HandoffSummary, c.CreatedAt, c.UpdatedAt, c.ResolvedAt, c.FirstResponseAt);
    }

    public static ConversationContactDto ContactRef(Contact contact) => new(
        contact.Id, contact.Identifier, contact.WaId, contact.Phone, contact.Username, contact.ProfileName, contact.Name, contact.DisplayName, contact.Category);
}
