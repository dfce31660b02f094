using InboxApp.Core.Messaging;

namespace InboxApp.Core.PublicApi;

/// <summary>
/// A file of a media message (<c>image</c>, <c>video</c>, <c>audio</c>, <c>document</c>, <c>sticker</c>) in a JSON body: its
/// bytes base64-encoded in <see cref="Data"/> or its public https address in <see cref="Link"/> (one of the two), the content
/// type (else taken from the file name; a link's own content type comes first), the name and a caption.
/// </summary>
public sealed record PublicMedia(string? Data = null, string? MimeType = null, string? FileName = null, string? Caption = null, string? Link = null);

/// <summary>An approved template by name, its language (optional when it has one) and the values of its variables.</summary>
public sealed record PublicTemplate(string? Name, string? Language = null, Dictionary<string, string?>? Parameters = null);

/// <summary>A reaction to a message of the conversation (its id in this API), or an empty emoji to remove ours.</summary>
public sealed record PublicReaction(Guid? MessageId, string? Emoji);

/// <summary>What <c>POST /v1/phones/{phoneId}/messages</c> sends: the type and the field of that type.</summary>
public sealed record PublicOutgoing(string Type)
{
    public string? Text { get; init; }
    public PublicMedia? Media { get; init; }
    public LocationContent? Location { get; init; }
    public IReadOnlyList<ContactCard>? Contacts { get; init; }
    public InteractiveContent? Interactive { get; init; }
    public PublicTemplate? Template { get; init; }
    public PublicReaction? Reaction { get; init; }
    public Guid? ReplyTo { get; init; }
}

public static class PublicMessageTypes
{
    public const string Text = "text", Image = "image", Video = "video", Audio = "audio", Document = "document", Sticker = "sticker",
        Location = "location", Contacts = "contacts", Interactive = "interactive", Template = "template", Reaction = "reaction";

    public static readonly string[] All = [Text, Image, Video, Audio, Document, Sticker, Location, Contacts, Interactive, Template, Reaction];

    public static readonly string[] Media = [Image, Video, Audio, Document, Sticker];
}
