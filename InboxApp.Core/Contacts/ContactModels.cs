using System.Text.Json;

namespace InboxApp.Core.Contacts;

/// <summary>A contact as the API shows it, with how many conversations it has and its latest one.</summary>
public sealed record ContactDto(
    Guid Id,
    Guid PhoneNumberId,
    string Identifier,
    string? WaId,
    string? Bsuid,
    string? Phone,
    string? Username,
    string? ProfileName,
    string? Name,
    string DisplayName,
    string? Category,
    JsonElement Attributes,
    int ConversationsCount,
    Guid? LastConversationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// A contact edit. Null leaves a field as it is; an empty name or category clears it. <see cref="Attributes"/> is merged
/// into the stored ones: a key with a string, number or boolean sets it, a key with null removes it.
/// </summary>
public sealed record ContactChanges(string? Name, string? Category, JsonElement? Attributes);

public sealed record ContactPage(IReadOnlyList<ContactDto> Items, int Limit, string? NextCursor);

/// <summary>The cursor of the contact list: the last row's <c>UpdatedAt</c> and id (most recently updated first).</summary>
public sealed record ContactCursorKey(DateTimeOffset At, Guid Id);
