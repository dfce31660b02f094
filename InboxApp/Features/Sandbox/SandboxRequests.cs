using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Messaging;

namespace InboxApp.Features.Sandbox;

public sealed record CreateSandboxNumberRequest([property: StringLength(100, MinimumLength = 1)] string? Alias);

/// <summary>The simulated customer: <c>{ name, phone? , userId?, username? }</c>.</summary>
public sealed record SimulatedContactBody(string? Name, string? Phone, string? UserId, string? Username);

/// <summary><c>{ phoneNumberId?, contact: { name, phone? or userId? }, messages: [ "text", … ] }</c></summary>
public sealed record SimulateConversationRequest(Guid? PhoneNumberId, SimulatedContactBody? Contact, IReadOnlyList<string>? Messages) : IValidatableObject
{
    public SimulatedConversation ToSimulation() => new(PhoneNumberId,
        new SimulatedContact(Contact!.Name, Contact.Phone, Contact.UserId, Contact.Username),
        Messages!.Select(SimulatedContent.OfText).ToList());

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) => Check("");

    internal IEnumerable<ValidationResult> Check(string prefix)
    {
        if (Contact is null)
        {
            yield return new ValidationResult("contact is required", [prefix + "contact"]);
        }
        else
        {
            if (Contact.Name is { Length: > 100 } || (Contact.Name is not null && string.IsNullOrWhiteSpace(Contact.Name)))
                yield return new ValidationResult("contact.name must be 1 to 100 characters", [prefix + "contact.name"]);
            if (Contact.Phone is not null && !SimulationRules.Phone().IsMatch(Contact.Phone))
                yield return new ValidationResult("contact.phone must be a phone number with 6 to 15 digits", [prefix + "contact.phone"]);
            if (Contact.UserId is not null && !SimulationRules.UserId().IsMatch(Contact.UserId))
                yield return new ValidationResult("contact.userId must be 1 to 128 letters, digits, dots, dashes or underscores", [prefix + "contact.userId"]);
            if (Contact.Username is { Length: 0 or > 100 })
                yield return new ValidationResult("contact.username must be 1 to 100 characters", [prefix + "contact.username"]);
        }
        if (Messages is null || Messages.Count == 0 || Messages.Count > SandboxSimulator.MaxMessages)
            yield return new ValidationResult($"messages must hold 1 to {SandboxSimulator.MaxMessages} texts", [prefix + "messages"]);
        else if (Messages.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > MessageSender.MaxTextLength))
            yield return new ValidationResult($"each message must be 1 to {MessageSender.MaxTextLength} characters", [prefix + "messages"]);
    }
}

public sealed record SimulateBatchRequest(IReadOnlyList<SimulateConversationRequest>? Conversations) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Conversations is null || Conversations.Count == 0 || Conversations.Count > SandboxSimulator.MaxBatch)
        {
            yield return new ValidationResult($"conversations must hold 1 to {SandboxSimulator.MaxBatch} items", [nameof(Conversations)]);
            yield break;
        }
        for (var i = 0; i < Conversations.Count; i++)
        {
            if (Conversations[i] is null) yield return new ValidationResult("an item is empty", [$"conversations[{i}]"]);
            else foreach (var error in Conversations[i].Check($"conversations[{i}].")) yield return error;
        }
    }
}

/// <summary>
/// A customer message on an existing sandbox conversation: <c>{ conversationId, text }</c>, or with <c>type</c>:
/// <c>location</c> (latitude, longitude, name?, address?), <c>reaction</c> (messageId, emoji; empty emoji removes it),
/// <c>interactive</c> (a button reply: buttonTitle, buttonId?; with messageId, a reply to that interactive message of ours,
/// which must have offered the option).
/// </summary>
public sealed record SimulateMessageRequest(
    [property: Required] Guid? ConversationId, string? Type, string? Text,
    double? Latitude, double? Longitude, string? Name, string? Address,
    Guid? MessageId, string? Emoji, string? ButtonId, string? ButtonTitle) : IValidatableObject
{
    public string Kind => string.IsNullOrEmpty(Type) ? "text" : Type;

    public SimulatedContent ToContent() => new(Kind, Text, Latitude, Longitude, Name, Address, MessageId?.ToString(), Emoji, ButtonId, ButtonTitle);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        switch (Kind)
        {
            case "text":
                if (string.IsNullOrWhiteSpace(Text) || Text.Length > MessageSender.MaxTextLength)
                    yield return new ValidationResult($"text must be 1 to {MessageSender.MaxTextLength} characters", [nameof(Text)]);
                break;
            case "location":
                if (Latitude is not (>= -90 and <= 90)) yield return new ValidationResult("latitude must be between -90 and 90", [nameof(Latitude)]);
                if (Longitude is not (>= -180 and <= 180)) yield return new ValidationResult("longitude must be between -180 and 180", [nameof(Longitude)]);
                if (Name is { Length: > 300 }) yield return new ValidationResult("name must be at most 300 characters", [nameof(Name)]);
                if (Address is { Length: > 500 }) yield return new ValidationResult("address must be at most 500 characters", [nameof(Address)]);
                break;
            case "reaction":
                if (MessageId is null) yield return new ValidationResult("messageId is required for a reaction", [nameof(MessageId)]);
                if (Emoji is null || Emoji.Length > 16) yield return new ValidationResult("emoji is required (empty to remove the reaction), at most 16 characters", [nameof(Emoji)]);
                break;
            case "interactive":
                // With messageId (one of our interactive messages) the option may be named by buttonId alone; its title comes from the message.
                if (MessageId is not null && ButtonId is not null && ButtonTitle is null) { }
                else if (string.IsNullOrWhiteSpace(ButtonTitle) || ButtonTitle.Length > 24) yield return new ValidationResult("buttonTitle must be 1 to 24 characters", [nameof(ButtonTitle)]);
                if (ButtonId is { Length: > 256 }) yield return new ValidationResult("buttonId must be at most 256 characters", [nameof(ButtonId)]);
                break;
            default:
                yield return new ValidationResult("type must be one of " + string.Join(", ", SimulatedContent.Types), [nameof(Type)]);
                break;
        }
    }
}

public sealed record SimulateTemplateStatusRequest(
    [property: Required, StringLength(512, MinimumLength = 1), RegularExpression("^[a-z0-9_]+$", ErrorMessage = "templateName must be lowercase letters, digits and underscores")] string? TemplateName,
    [property: Required] string? Event,
    [property: StringLength(15, MinimumLength = 2)] string? Language,
    [property: StringLength(500)] string? Reason,
    Guid? PhoneNumberId) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Event is not null && !SandboxSimulator.TemplateEvents.Contains(Event))
            yield return new ValidationResult("event must be one of " + string.Join(", ", SandboxSimulator.TemplateEvents), [nameof(Event)]);
    }
}

/// <summary>Arms a failure for the next reply: in a conversation, or on a number. Default code 131026 (undeliverable).</summary>
public sealed record ArmFailureRequest(Guid? ConversationId, Guid? PhoneNumberId, [property: Range(1, 999_999)] int? ErrorCode);

internal static partial class SimulationRules
{
    /// <summary>Digits with optional "+", spaces, dashes, dots or parentheses; 6 to 15 digits in all.</summary>
    [GeneratedRegex(@"^(?=(?:\D*\d){6,15}\D*$)\+?[0-9][0-9 ()\-.]{4,24}$")]
    public static partial Regex Phone();

    [GeneratedRegex(@"^[A-Za-z0-9._\-]{1,128}$")]
    public static partial Regex UserId();
}
