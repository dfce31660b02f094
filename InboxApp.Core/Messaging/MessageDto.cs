using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Messaging;

/// <summary>A Graph error kept on a message: Meta's code, title and details.</summary>
public sealed record MessageErrorDto(string? Code, string? Title, string? Details);

/// <summary>A reaction shown on a message: the customer's (inbound) or ours (outbound); the latest per side.</summary>
public sealed record ReactionDto(string Emoji, MessageDirection Direction, DateTimeOffset At);

/// <summary>A message as the API and the UI show it (the conversations feature reuses it).</summary>
public sealed record MessageDto(
    Guid Id,
    Guid ConversationId,
    string? WaMessageId,
    MessageDirection Direction,
    MessageType Type,
    string? Text,
    string? Caption,
    string? MimeType,
    string? FileName,
    long? MediaSize,
    MediaStatus MediaStatus,
    string? MediaUrl,
    double? Latitude,
    double? Longitude,
    string? LocationName,
    string? LocationAddress,
    string? ReplyOptionId,
    string? ReplyOptionTitle,
    string? ReplyToWaMessageId,
    string? Emoji,
    MessageStatus Status,
    MessageErrorDto? Error,
    IReadOnlyList<ReactionDto> Reactions,
    Guid? SentById,
    bool IsHidden,
    DateTimeOffset Timestamp,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? ReadAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? DiscardedAt,
    DateTimeOffset? EditedAt = null,
    DateTimeOffset? RevokedAt = null,
    MessageDetails? Details = null,
    Guid? SentByLinkId = null)
{
    /// <summary>Where a downloaded media file is served.</summary>
    public static string MediaUrlFor(Guid messageId) => $"/api/v1/messages/{messageId}/media";

    public static MessageDto From(Message m, IReadOnlyList<ReactionDto>? reactions = null) => new(
        m.Id, m.ConversationId, m.WaMessageId, m.Direction, m.Type, m.Text, m.Caption, m.MimeType, m.FileName, m.MediaSize, m.MediaStatus,
        m.MediaStatus == MediaStatus.DOWNLOADED ? MediaUrlFor(m.Id) : null,
        m.Latitude, m.Longitude, m.LocationName, m.LocationAddress, m.ReplyOptionId, m.ReplyOptionTitle, m.ContextWaMessageId, m.Emoji,
        m.Status,
        m.ErrorCode is null && m.ErrorTitle is null && m.ErrorDetails is null ? null : new MessageErrorDto(m.ErrorCode, m.ErrorTitle, m.ErrorDetails),
        reactions ?? [],
        m.SentById, m.IsHidden, m.Timestamp, m.CreatedAt, m.SentAt, m.DeliveredAt, m.ReadAt, m.FailedAt, m.DiscardedAt,
        m.EditedAt, m.RevokedAt, m.Details, m.SentByLinkId);
}

public static class MessageDtos
{
    /// <summary>DTOs for <paramref name="messages"/> (all of <paramref name="db"/>'s organization) with their reactions attached.</summary>
    public static async Task<IReadOnlyList<MessageDto>> ToDtosAsync(this InboxDbContext db, IReadOnlyList<Message> messages, CancellationToken ct = default)
    {
        var wamids = messages.Where(m => m.WaMessageId != null && m.Type != MessageType.REACTION).Select(m => m.WaMessageId!).Distinct().ToList();
        var reactions = wamids.Count == 0 ? [] : await db.Messages.AsNoTracking()
            // A reaction of ours that failed never showed on WhatsApp: it does not show here either.
            .Where(r => r.Type == MessageType.REACTION && r.ContextWaMessageId != null && wamids.Contains(r.ContextWaMessageId) && r.Status != MessageStatus.FAILED)
            .Select(r => new { Target = r.ContextWaMessageId!, r.Direction, r.Emoji, r.Timestamp, r.CreatedAt })
            .ToListAsync(ct);
        var byTarget = reactions
            .GroupBy(r => (r.Target, r.Direction))
            .Select(g => g.OrderByDescending(r => r.Timestamp).ThenByDescending(r => r.CreatedAt).First())
            .Where(r => !string.IsNullOrEmpty(r.Emoji))
            .GroupBy(r => r.Target)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<ReactionDto>)g.Select(r => new ReactionDto(r.Emoji!, r.Direction, r.Timestamp)).ToList());
        return messages.Select(m => MessageDto.From(m, m.WaMessageId is { } id && byTarget.TryGetValue(id, out var list) ? list : null)).ToList();
    }

    /// <summary>One message of the organization as a DTO, or 404.</summary>
    public static async Task<MessageDto> MessageDtoAsync(this InboxDbContext db, Guid messageId, CancellationToken ct = default)
    {
        var message = await db.Messages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, ct)
            ?? throw Common.InboxException.NotFound("Message");
        return (await db.ToDtosAsync([message], ct))[0];
    }
}
