using System.ComponentModel.DataAnnotations;
using InboxApp.Core.Messaging;
using InboxApp.Core.PublicApi;

namespace InboxApp.Features.PublicApi;

/// <summary>
/// <c>{ type, to, text | image | video | audio | document | sticker | location | contacts | interactive | template | reaction,
/// replyTo? }</c>: <c>to</c> is a phone number with its country code or a contact identifier (wa_id or BSUID); the field
/// named by <c>type</c> carries the content (<c>text</c> is a string, media carry base64 <c>data</c> or an https <c>link</c>).
/// </summary>
public sealed record SendPublicMessageRequest(
    string? Type, string? To, string? Text = null,
    PublicMedia? Image = null, PublicMedia? Video = null, PublicMedia? Audio = null, PublicMedia? Document = null, PublicMedia? Sticker = null,
    LocationContent? Location = null, IReadOnlyList<ContactCard>? Contacts = null, InteractiveContent? Interactive = null,
    PublicTemplate? Template = null, PublicReaction? Reaction = null, Guid? ReplyTo = null) : IValidatableObject
{
    private object? ContentOf(string type) => type switch
    {
        PublicMessageTypes.Text => Text,
        PublicMessageTypes.Image => Image,
        PublicMessageTypes.Video => Video,
        PublicMessageTypes.Audio => Audio,
        PublicMessageTypes.Document => Document,
        PublicMessageTypes.Sticker => Sticker,
        PublicMessageTypes.Location => Location,
        PublicMessageTypes.Contacts => Contacts,
        PublicMessageTypes.Interactive => Interactive,
        PublicMessageTypes.Template => Template,
        PublicMessageTypes.Reaction => Reaction,
        _ => null,
    };

    public PublicOutgoing ToOutgoing() => new(Type!)
    {
        Text = Text,
        Media = Type switch
        {
            PublicMessageTypes.Image => Image,
            PublicMessageTypes.Video => Video,
            PublicMessageTypes.Audio => Audio,
            PublicMessageTypes.Document => Document,
            PublicMessageTypes.Sticker => Sticker,
            _ => null,
        },
        Location = Location, Contacts = Contacts, Interactive = Interactive, Template = Template, Reaction = Reaction, ReplyTo = ReplyTo,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(To)) yield return new ValidationResult("to is required: a phone number or a contact identifier", [nameof(To)]);
        else if (To.Length > PublicMessagingService.MaxRecipientLength)
            yield return new ValidationResult($"to must be at most {PublicMessagingService.MaxRecipientLength} characters", [nameof(To)]);
        if (string.IsNullOrWhiteSpace(Type))
        {
            yield return new ValidationResult("type is required", [nameof(Type)]);
            yield break;
        }
        if (!PublicMessageTypes.All.Contains(Type))
        {
            yield return new ValidationResult("type must be one of " + string.Join(", ", PublicMessageTypes.All), [nameof(Type)]);
            yield break;
        }
        foreach (var other in PublicMessageTypes.All.Where(t => t != Type && ContentOf(t) is not null))
            yield return new ValidationResult($"{other} does not belong in a {Type} message", [other]);
        if (ContentOf(Type) is null)
        {
            yield return new ValidationResult($"{Type} is required for a {Type} message", [Type]);
            yield break;
        }
        switch (Type)
        {
            case PublicMessageTypes.Text when string.IsNullOrWhiteSpace(Text):
                yield return new ValidationResult("text must not be empty", [nameof(Text)]);
                break;
            case PublicMessageTypes.Text when Text!.Length > MessageSender.MaxTextLength:
                yield return new ValidationResult($"text must be at most {MessageSender.MaxTextLength} characters", [nameof(Text)]);
                break;
            case PublicMessageTypes.Template when string.IsNullOrWhiteSpace(Template!.Name):
                yield return new ValidationResult("template.name is required", ["template.name"]);
                break;
            case PublicMessageTypes.Template when Template!.Language is { Length: > 16 }:
                yield return new ValidationResult("template.language must be at most 16 characters", ["template.language"]);
                break;
            case PublicMessageTypes.Reaction when Reaction!.MessageId is null:
                yield return new ValidationResult("reaction.messageId is required", ["reaction.messageId"]);
                break;
            case PublicMessageTypes.Reaction when ReplyTo is not null:
                yield return new ValidationResult("a reaction cannot quote a message; name it in reaction.messageId", [nameof(ReplyTo)]);
                break;
            case PublicMessageTypes.Template when ReplyTo is not null:
                yield return new ValidationResult("a template cannot quote a message", [nameof(ReplyTo)]);
                break;
        }
        if (PublicMessageTypes.Media.Contains(Type) && ContentOf(Type) is PublicMedia media)
        {
            if (!string.IsNullOrEmpty(media.Link))
            {
                if (!string.IsNullOrEmpty(media.Data))
                    yield return new ValidationResult($"give the file either in {Type}.data or by {Type}.link, not both", [$"{Type}.link"]);
                else if (media.Link.Length > MaxLinkLength)
                    yield return new ValidationResult($"{Type}.link must be at most {MaxLinkLength} characters", [$"{Type}.link"]);
                else if (!Uri.TryCreate(media.Link, UriKind.Absolute, out var link) || (link.Scheme != Uri.UriSchemeHttps && link.Scheme != Uri.UriSchemeHttp))
                    yield return new ValidationResult($"{Type}.link must be an absolute https URL", [$"{Type}.link"]);
            }
            else if (string.IsNullOrEmpty(media.Data))
                yield return new ValidationResult($"{Type}.data or {Type}.link is required: the file's bytes, base64-encoded, or its https URL", [$"{Type}.data"]);
            else if (!IsBase64(media.Data)) yield return new ValidationResult($"{Type}.data must be base64", [$"{Type}.data"]);
            if (media.FileName is { Length: > 255 }) yield return new ValidationResult($"{Type}.fileName must be at most 255 characters", [$"{Type}.fileName"]);
            if (media.MimeType is { Length: > 100 }) yield return new ValidationResult($"{Type}.mimeType must be at most 100 characters", [$"{Type}.mimeType"]);
        }
    }

    /// <summary>The longest media <c>link</c> accepted.</summary>
    public const int MaxLinkLength = 2048;

    private static bool IsBase64(string data) => System.Buffers.Text.Base64.IsValid(data);
}
