using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace InboxApp.Core.Conversations;

/// <summary>
/// A PATCH field that tells "absent" (<see cref="IsSet"/> false) from "sent as null" (<see cref="IsSet"/> true, <see cref="Value"/> null),
/// so that <c>{ "category": null }</c> clears the category while <c>{}</c> leaves it alone.
/// </summary>
[JsonConverter(typeof(PatchFieldJsonConverterFactory))]
public readonly struct PatchField<T>
{
    public PatchField(T? value)
    {
        IsSet = true;
        Value = value;
    }

    public bool IsSet { get; }
    public T? Value { get; }

    public static implicit operator PatchField<T>(T? value) => new(value);
}

public sealed class PatchFieldJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(PatchField<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(PatchFieldJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class PatchFieldJsonConverter<T> : JsonConverter<PatchField<T>>
    {
        public override bool HandleNull => true;

        public override PatchField<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? new PatchField<T>(default) : new PatchField<T>(JsonSerializer.Deserialize<T>(ref reader, options));

        public override void Write(Utf8JsonWriter writer, PatchField<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}

/// <summary>
/// <c>PATCH /conversations/{id}</c>: every field optional. <c>status</c> any but CLOSED (resolving goes through <c>resolve</c>);
/// <c>category</c> up to 100 characters, null clears it; <c>teamId</c> an active team of the organization, null clears it.
/// </summary>
public sealed record UpdateConversationRequest
{
    [Description("BOT_HANDLING, HUMAN_HANDLING, OPEN or WAITING_FOR_CUSTOMER (close with POST /conversations/{id}/resolve)")]
    public PatchField<ConversationStatus?> Status { get; init; }

    [Description("Up to 100 characters; null clears it")]
    public PatchField<string?> Category { get; init; }

    [Description("An active team of the organization (uuid); null clears it")]
    public PatchField<Guid?> TeamId { get; init; }

    public bool HasChanges() => Status.IsSet || Category.IsSet || TeamId.IsSet;
}

/// <summary><c>{ userId }</c>: who is to handle the conversation.</summary>
public sealed record AssignConversationRequest([property: Required] Guid? UserId);

/// <summary><c>{ handoffSummary? }</c>: context for the bot, edited by the agent; kept on the conversation.</summary>
public sealed record ReturnToBotRequest([property: StringLength(ConversationService.MaxHandoffSummaryLength)] string? HandoffSummary);

/// <summary><c>{ note?, dueAt }</c>: the due time (required, in the future) and an optional note up to 1000 characters.</summary>
public sealed record FollowUpRequest(
    [property: StringLength(ConversationService.MaxFollowUpNoteLength)] string? Note,
    [property: Required, Description("When to follow up (ISO 8601, in the future)")] DateTimeOffset? DueAt);

/// <summary><c>{ tagId }</c>: a tag of the organization.</summary>
public sealed record AddConversationTagRequest([property: Required] Guid? TagId);
