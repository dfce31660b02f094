using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.SharedInboxLinks;
using InboxApp.Core.Storage;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Messaging;

/// <summary>A file an agent sends: its bytes, what the client said it is, and the optional caption, quote and kind.</summary>
public sealed record MediaUpload(Stream Content, long Length, string? ContentType, string? FileName, string? Caption, Guid? ReplyTo, string? Kind);

/// <summary>
/// Sends a file: checks its type (by its bytes) and size against WhatsApp's limits for its kind, checks the window, stores it
/// with the <see cref="MediaStore"/> (so the thread shows it at once), then hands the message to the pipeline, which uploads
/// it to <c>/{phone-number-id}/media</c> and sends it by media id.
/// </summary>
public sealed class MediaSendService(MessageSender sender, MediaStore store, IOptions<MessagingOptions> options)
{
    public async Task<MessageDto> SendAsync(Actor actor, Guid conversationId, MediaUpload upload, CancellationToken ct = default)
    {
        SharedLinkGate.Require(actor, SharedLinkPermission.SendMedia);
        var requested = OutboundMediaRules.ParseKind(upload.Kind);
        var header = new byte[OutboundMediaRules.HeaderLength];
        var headerLength = await upload.Content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct);
        if (headerLength == 0) throw InboxException.Invalid("file", "The file is empty");
        var media = OutboundMediaRules.Classify(upload.ContentType, upload.FileName, header.AsMemory(0, headerLength), requested);
        var max = options.Value.MaxBytesFor(media.Kind);
        OutboundMediaRules.CheckSize(media.Kind, upload.Length > 0 ? upload.Length : headerLength, options.Value);
        var caption = string.IsNullOrWhiteSpace(upload.Caption) ? null : upload.Caption.Trim();
        OutboundValidation.Caption(media.Kind, caption);
        await sender.CheckCanSendAsync(actor, conversationId, freeForm: true, upload.ReplyTo, ct, media.Kind);

        var content = await ReadAllAsync(upload.Content, header.AsMemory(0, headerLength), media.Kind, max, ct);
        var draft = new OutboundDraft(media.Kind)
        {
            Caption = caption,
            MimeType = media.MimeType,
            FileName = FileNameFor(upload.FileName, media),
            MediaSize = content.Length,
            ReplyTo = upload.ReplyTo,
        };
        var path = await store.SaveMessageMediaAsync(actor.Org, draft.Id, content, media.Extension, ct);
        try
        {
            return await sender.SendAsync(actor, conversationId, draft with { MediaPath = path }, ct);
        }
        catch (InboxException)
        {
            // Refused before the row was stored (the window closed meanwhile): the file has no message.
            store.DeleteMessageMedia(actor.Org, path);
            throw;
        }
    }

    /// <summary>The file's own name without any folder, or one made from the kind; at most 240 characters.</summary>
    private static string FileNameFor(string? given, OutboundMediaKind media)
    {
        var name = Path.GetFileName((given ?? "").Replace('\\', '/')).Trim();
        name = new string(name.Where(c => !char.IsControl(c)).ToArray());
        if (name.Length == 0) name = $"{MessageContentJson.MediaTypeName(media.Kind)}.{media.Extension}";
        return name.Length <= OutboundValidation.MaxFileNameLength ? name : name[^OutboundValidation.MaxFileNameLength..];
    }

    private async Task<byte[]> ReadAllAsync(Stream rest, ReadOnlyMemory<byte> head, MessageType kind, long max, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        buffer.Write(head.Span);
        var chunk = new byte[81920];
        int read;
        while ((read = await rest.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            // The declared length is not trusted: the limit holds on what actually arrives.
            if (buffer.Length > max) OutboundMediaRules.CheckSize(kind, buffer.Length, options.Value);
        }
        return buffer.ToArray();
    }
}
