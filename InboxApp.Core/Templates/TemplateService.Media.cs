using InboxApp.Core.Channels.WhatsApp;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Templates;

/// <summary>A template's header example opened for serving.</summary>
public sealed record TemplateMediaFile(MediaFile File, string? FileName, bool Inline);

/// <summary>Header examples: uploaded to Meta (the handle goes into the template), and kept here for the preview and for sending.</summary>
public sealed partial class TemplateService
{
    /// <summary>What a header example may be: Meta's header formats and their types.</summary>
    public static readonly IReadOnlyDictionary<string, string> HeaderFormatOf = new Dictionary<string, string>
    {
        ["image/jpeg"] = "IMAGE", ["image/png"] = "IMAGE", ["video/mp4"] = "VIDEO", ["application/pdf"] = "DOCUMENT",
    };

    /// <summary>
    /// Uploads a header example through Meta's resumable upload and answers its handle. With <paramref name="templateId"/> the
    /// file is also kept as that template's header example and, for a draft, its header becomes a media header with that handle.
    /// </summary>
    public async Task<TemplateMediaUpload> UploadMediaAsync(Actor actor, Guid? templateId, Guid? accountId, TemplateUpload upload, CancellationToken ct = default)
    {
        actor.Require(ManagerRole);
        var org = actor.Org;
        var essence = MediaTypes.Essence(upload.ContentType);
        if (!HeaderFormatOf.TryGetValue(essence, out var format))
            throw InboxException.Invalid("file", "A header example must be a JPEG or PNG image, an MP4 video or a PDF document");
        var max = messaging.Value.MaxBytesFor(format switch { "IMAGE" => MessageType.IMAGE, "VIDEO" => MessageType.VIDEO, _ => MessageType.DOCUMENT });
        if (upload.Length == 0) throw InboxException.Invalid("file", "The file is empty");
        if (upload.Length > max) throw new InboxException(413, ErrorCodes.PayloadTooLarge, $"A {format.ToLowerInvariant()} header example may be at most {MediaStore.Describe(max)}");
        var bytes = new byte[upload.Length];
        await upload.Content.ReadExactlyAsync(bytes, ct);
        var fileName = QuickReplies.QuickReplyMedia.CleanFileName(upload.FileName) ?? "header." + MediaTypes.ExtensionFor(essence);

        await using var db = inboxDb.For(org);
        var template = templateId is { } tid ? await FindAsync(db, tid, ct) : null;
        var account = template is not null
            ? await db.WhatsAppAccounts.AsNoTracking().FirstAsync(a => a.Id == template.AccountId, ct)
            : await AccountAsync(db, accountId, null, ct);
        string handle;
        try
        {
            handle = await channels.For(account).UploadAsync(account, bytes, essence, fileName, ct);
        }
        catch (GraphApiException e)
        {
            throw MetaFailure(e);
        }
        if (template is null) return new TemplateMediaUpload(handle, essence, fileName, bytes.Length, null, null);

        var previous = template.HeaderMediaPath;
        var stored = await store.SaveTemplateMediaAsync(org, template.Id, MediaTypes.ExtensionFor(essence), bytes, ct);
        try
        {
            template.HeaderMediaPath = stored;
            template.HeaderMediaMimeType = essence;
            template.HeaderMediaFileName = fileName;
            if (template.Status == TemplateStatus.DRAFT)
            {
                var components = TemplateJson.Parse(template.ComponentsJson).Where(c => c.Kind != "HEADER").ToList();
                components.Insert(0, new TemplateComponentSpec("HEADER", format, Example: new TemplateExample(HeaderHandle: [handle])));
                SetComponents(template, components);
            }
            template.UpdatedAt = clock.GetUtcNow();
            await SaveAsync(db, template, ct);
        }
        catch
        {
            store.DeleteTemplateMedia(org, stored);
            throw;
        }
        if (previous != stored) store.DeleteTemplateMedia(org, previous);
        return new TemplateMediaUpload(handle, essence, fileName, bytes.Length, template.Id, TemplateDto.HeaderMediaUrlOf(template.Id));
    }

    /// <summary>The template's header example; 404 when it has none.</summary>
    public async Task<TemplateMediaFile> OpenHeaderMediaAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        var template = await FindAsync(db, id, ct, tracking: false);
        var type = template.HeaderMediaMimeType ?? "application/octet-stream";
        var file = store.OpenTemplateMedia(actor.Org, template.HeaderMediaPath, type) ?? throw InboxException.NotFound("Header media");
        return new TemplateMediaFile(file, template.HeaderMediaFileName, type.StartsWith("image/", StringComparison.Ordinal) || type.StartsWith("video/", StringComparison.Ordinal));
    }
}
