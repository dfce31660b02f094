using System.Security.Cryptography;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.QuickReplies;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>A file a simulated customer sends: its bytes, the declared content type and name, and its length when known.</summary>
public sealed record SandboxUpload(Stream Content, string? ContentType, string? FileName, long? Length);

public sealed partial class SandboxSimulator
{
    public const int MaxCaptionLength = 1024;

    /// <summary>
    /// The customer of a sandbox conversation sends a photo, a document or audio (a voice note with <paramref name="voice"/>). The
    /// file waits in the sandbox's media spool under a new media id, as it would at Meta; the webhook names that id and its
    /// SHA-256, and the media downloader fetches it from the spool like any inbound media. Checked as WhatsApp would: the content
    /// type must fit the kind (a raster image, audio), and the size WhatsApp's limit for it.
    /// </summary>
    public async Task<SimulatedMessageDto> SimulateMediaAsync(Actor actor, Guid conversationId, string kind, SandboxUpload upload, string? caption, bool voice,
        CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (!SimulatedContent.MediaKinds.Contains(kind))
            throw InboxException.Invalid("type", "type must be one of " + string.Join(", ", SimulatedContent.MediaKinds));
        var type = Enum.Parse<MessageType>(kind, ignoreCase: true);
        var essence = MediaTypes.Essence(upload.ContentType);
        if (essence.Length == 0) throw InboxException.Invalid("file", "The file has no content type");
        if (MediaTypes.Mismatch(type, essence) is { } mismatch) throw InboxException.Invalid("file", mismatch);
        if (voice && type != MessageType.AUDIO) throw InboxException.Invalid("voice", "Only audio can be a voice note");
        var text = string.IsNullOrWhiteSpace(caption) ? null : caption.Trim();
        if (text is not null && type == MessageType.AUDIO) throw InboxException.Invalid("caption", "Audio has no caption on WhatsApp");
        if (text is { Length: > MaxCaptionLength }) throw InboxException.Invalid("caption", $"The caption must be at most {MaxCaptionLength} characters");
        var max = mediaOptions.Value.MaxBytesFor(type);
        if (upload.Length > max) throw TooLarge(type, max);

        var content = await ReadAsync(upload.Content, max, type, ct);
        if (content.Length == 0) throw InboxException.Invalid("file", "The file is empty");
        if (!QuickReplyMedia.ContentMatches(essence, content.AsSpan(0, Math.Min(content.Length, ImageType.HeaderLength))))
            throw InboxException.Invalid("file", $"The file is not a {essence} image");

        // Checks the conversation (404 for another organization's, 400 for a Cloud API number's) before anything is stored.
        await using (var db = inboxDb.For(actor.Org))
        {
            var numberId = await db.Conversations.Where(c => c.Id == conversationId).Select(c => (Guid?)c.PhoneNumberId).FirstOrDefaultAsync(ct)
                ?? throw InboxException.NotFound("Conversation");
            await SandboxService.ResolveNumberAsync(db, numberId, ct);
        }
        var mediaId = await store.SaveSandboxMediaAsync(actor.Org, content, ct);
        try
        {
            return await SimulateMessageAsync(actor, conversationId, new SimulatedContent(kind, text,
                MediaId: mediaId, MimeType: essence, MediaSha256: Convert.ToHexStringLower(SHA256.HashData(content)),
                FileName: type == MessageType.DOCUMENT ? QuickReplyMedia.CleanFileName(upload.FileName) ?? "document" : null, Voice: voice), ct);
        }
        catch
        {
            store.DeleteSandboxMedia(actor.Org, mediaId);
            throw;
        }
    }

    private static async Task<byte[]> ReadAsync(Stream input, long max, MessageType type, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await input.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max) throw TooLarge(type, max);
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static InboxException TooLarge(MessageType type, long max)
    {
        var message = $"The {MediaTypes.Noun(type)} is larger than WhatsApp's limit of {MediaStore.Describe(max)}";
        return new InboxException(413, ErrorCodes.PayloadTooLarge, message, new Dictionary<string, string[]> { ["file"] = [message] });
    }
}
