namespace InboxApp.Core.Messaging;

/// <summary>Which outbound messages the failed-messages list shows.</summary>
public enum FailedMessageState
{
    /// <summary>Meta refused or reported failure.</summary>
    FAILED,
    /// <summary>The send's response was lost; waiting for status webhooks.</summary>
    UNKNOWN,
    /// <summary>Never handed to Meta (the server stopped mid-send): PENDING with no wamid for a while.</summary>
    PENDING,
}

public sealed record FailedMessageFilter(
    FailedMessageState? Status = null,
    Guid? PhoneNumberId = null,
    string? ErrorCode = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Search = null,
    bool Discarded = false);

/// <summary>A failed outbound message with what an admin needs to decide: the error, the contact, whether the window is open.</summary>
public sealed record FailedMessageDto(
    Guid Id,
    Guid ConversationId,
    Guid PhoneNumberId,
    string? PhoneNumber,
    string ContactName,
    string ContactIdentifier,
    string? Text,
    MessageStatus Status,
    MessageErrorDto? Error,
    Guid? SentById,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? DiscardedAt,
    bool WindowOpen,
    bool CanRetry);

public sealed record FailedMessagePage(IReadOnlyList<FailedMessageDto> Items, int Total);

public sealed record ErrorCodeCount(string Code, string? Title, int Count);

public sealed record DayCount(DateOnly Date, int Count);

/// <summary>Counts of failed (not discarded) outbound messages in a period, by Meta error code and by UTC day.</summary>
public sealed record FailedMessageStats(
    DateTimeOffset From, DateTimeOffset To, int Failed, int Unknown, int Discarded,
    IReadOnlyList<ErrorCodeCount> ByErrorCode, IReadOnlyList<DayCount> ByDay);

public sealed record BulkItemError(string Code, string Message);

/// <summary>One id's outcome in a bulk retry or discard.</summary>
public sealed record BulkItemResult(Guid Id, bool Ok, MessageStatus? Status, BulkItemError? Error);

public sealed record BulkResult(int Succeeded, int Failed, IReadOnlyList<BulkItemResult> Results);

public sealed record PhoneNumberOption(Guid Id, string Label);
