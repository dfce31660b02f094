using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Templates;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.SharedInboxLinks;

/// <summary>What the holder of a live link sees about it: the number, the organization and the permissions (read now).</summary>
public sealed record SharedInboxSession(
    Guid LinkId, Guid OrganizationId, Guid PhoneNumberId, string LinkName, string PhoneNumber, string? VerifiedName,
    SharedInboxPermissions Permissions, Actor Actor);

/// <summary>
/// The inbox of one phone number for the holder of a shared inbox link (<c>/s/{token}</c>). Every call takes the URL's
/// secret and checks the link again (live, not rotated, revoked or expired; its current permissions), so an open page stops
/// working the moment the link does. Reads are limited to the link's number; contact details are masked without
/// <c>readDetails</c>. Actions run in the usual services with the link as the actor (<see cref="Actor.Link"/>), which check
/// the permission and the number themselves and record the link as who did it.
/// </summary>
public sealed class SharedInboxService(InboxDb inboxDb, TimeProvider clock, ConversationService conversations, MessageSender sender,
    MediaSendService mediaSender, MediaService media, TemplateService templates)
{
    public const int MaxConversations = 100;
    public const int MaxMessages = 100;
    public const int MaxTemplates = 200;
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    /// <summary>The link of <paramref name="token"/> if live (403 LINK_UNAVAILABLE otherwise); notes its use (to the minute).</summary>
    public async Task<SharedInboxSession> OpenAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) throw SharedLinkGate.Unavailable("This link is no longer valid: it was replaced or never existed");
        var hash = Secrets.Hash(token);
        var now = clock.GetUtcNow();
        await using var system = inboxDb.System();
        var link = await system.Set<SharedInboxLink>().IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash, ct);
        SharedLinkGate.EnsureLive(link, hash, now);
        await using var db = inboxDb.For(link!.OrganizationId);
        var number = await db.PhoneNumbers.AsNoTracking().Where(p => p.Id == link.PhoneNumberId)
            .Select(p => new { p.DisplayPhoneNumber, p.VerifiedName }).FirstOrDefaultAsync(ct)
            ?? throw SharedLinkGate.Unavailable("This link's phone number was removed");
        if (link.LastUsedAt is not { } used || now - used >= LastUsedPrecision)
            await db.Set<SharedInboxLink>().Where(l => l.Id == link.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.LastUsedAt, now), ct);
        var grant = new SharedLinkGrant(link.Id, link.PhoneNumberId, hash, link.Permissions);
        return new SharedInboxSession(link.Id, link.OrganizationId, link.PhoneNumberId, link.Name, number.DisplayPhoneNumber, number.VerifiedName,
            link.Permissions, Actor.ForLink(link.OrganizationId, grant));
    }

    /// <summary>
    /// The origins a live link lets frame its page: the link's own, its organization's partner's and the organization's
    /// (<see cref="Partners.FrameOriginsService.AncestorsAsync"/>); none for an unknown, revoked or expired link.
    /// </summary>
    public async Task<IReadOnlyList<string>> FrameOriginsAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return [];
        var hash = Secrets.Hash(token);
        var now = clock.GetUtcNow();
        await using var system = inboxDb.System();
        var link = await system.Set<SharedInboxLink>().IgnoreQueryFilters().AsNoTracking()
            .Where(l => l.TokenHash == hash && l.RevokedAt == null).Select(l => new { l.OrganizationId, l.AllowedOrigins, l.ExpiresAt }).FirstOrDefaultAsync(ct);
        if (link is null || link.ExpiresAt is { } e && e <= now) return [];
        var organization = await Partners.FrameOriginsService.AncestorsAsync(system, link.OrganizationId, ct);
        return link.AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries).Concat(organization).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The number's conversations, most recent first (at most <see cref="MaxConversations"/>).</summary>
    public async Task<IReadOnlyList<ConversationDto>> ConversationsAsync(string token, CancellationToken ct = default)
    {
        var session = await ReadableAsync(token, ct);
        await using var db = inboxDb.For(session.OrganizationId);
        var rows = await db.Conversations.AsNoTracking().Include(c => c.Contact)
            .Where(c => c.PhoneNumberId == session.PhoneNumberId)
            .OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id)
            .Take(MaxConversations).ToListAsync(ct);
        var dtos = await ConversationReader.ToDtosAsync(db, rows, clock.GetUtcNow(), ct);
        return dtos.Select(c => Shown(c, session.Permissions)).ToList();
    }

    /// <summary>One conversation of the number and its newest messages, oldest first; 404 for any other conversation.</summary>
    public async Task<(ConversationDto Conversation, IReadOnlyList<MessageDto> Messages)> ThreadAsync(string token, Guid conversationId, CancellationToken ct = default)
    {
        var session = await ReadableAsync(token, ct);
        await using var db = inboxDb.For(session.OrganizationId);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId && c.PhoneNumberId == session.PhoneNumberId, ct))
            throw InboxException.NotFound("Conversation");
        var conversation = (await ConversationReader.LoadAsync(db, [conversationId], clock.GetUtcNow(), ct)).Single();
        var rows = await db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId && m.Type != MessageType.REACTION)
            .OrderByDescending(m => m.Timestamp).ThenByDescending(m => m.Id).Take(MaxMessages).ToListAsync(ct);
        rows.Reverse();
        var messages = await db.ToDtosAsync(rows, ct);
        // Files are served to the link by its own path; the inbox's media URL needs an account.
        var shown = messages.Select(m => m.MediaUrl is null ? m : m with { MediaUrl = MediaPath(token, m.Id) }).ToList();
        return (Shown(conversation, session.Permissions), shown);
    }

    /// <summary>A downloaded file of a message of the number (for the page's images and downloads).</summary>
    public async Task<MessageMediaFile> MediaAsync(string token, Guid messageId, CancellationToken ct = default)
    {
        var session = await ReadableAsync(token, ct);
        return await media.OpenAsync(session.Actor, messageId, ct);
    }

    /// <summary>
    /// Approved templates of the number's WhatsApp account, with their variables and preview (for links that may send
    /// templates; none otherwise): optionally of one <paramref name="language"/>, or whose name or body contains
    /// <paramref name="search"/>. The header media's address is left out (it needs an account to open).
    /// </summary>
    public async Task<IReadOnlyList<TemplateDto>> TemplatesAsync(string token, string? language = null, string? search = null, CancellationToken ct = default)
    {
        var session = await OpenAsync(token, ct);
        if (!session.Permissions.Has(SharedLinkPermission.SendTemplates)) return [];
        await using var db = inboxDb.For(session.OrganizationId);
        var account = await db.PhoneNumbers.Where(p => p.Id == session.PhoneNumberId).Select(p => p.AccountId).FirstAsync(ct);
        var query = db.Set<MessageTemplate>().AsNoTracking().Where(t => t.AccountId == account && t.Status == TemplateStatus.APPROVED);
        if (!string.IsNullOrWhiteSpace(language)) query = query.Where(t => t.Language == language);
        var rows = await query.OrderBy(t => t.Name).ThenBy(t => t.Language).Take(MaxTemplates).ToListAsync(ct);
        var term = search?.Trim();
        return rows.Select(TemplateDto.From)
            .Where(t => string.IsNullOrEmpty(term) || t.Name.Contains(term, StringComparison.OrdinalIgnoreCase) || t.Preview.Body.Contains(term, StringComparison.OrdinalIgnoreCase))
            .Select(t => t with { HeaderMediaUrl = null })
            .ToList();
    }

    public async Task MarkReadAsync(string token, Guid conversationId, CancellationToken ct = default)
    {
        var session = await OpenAsync(token, ct);
        await conversations.MarkReadAsync(session.Actor, conversationId, ct);
    }

    public async Task<MessageDto> SendTextAsync(string token, Guid conversationId, string text, CancellationToken ct = default)
    {
        var session = await OpenAsync(token, ct);
        return await sender.SendTextAsync(session.Actor, conversationId, text, null, ct);
    }

    public async Task<MessageDto> SendMediaAsync(string token, Guid conversationId, MediaUpload upload, CancellationToken ct = default)
    {
        var session = await OpenAsync(token, ct);
        return await mediaSender.SendAsync(session.Actor, conversationId, upload, ct);
    }

    /// <summary>
    /// Sends an approved template with its variables' values (<c>header.…</c>, <c>body.…</c>, <c>button.{i}</c>, as the agents'
    /// picker sends them) through <see cref="TemplateService.SendAsync"/>: the same checks and the same 400s naming
    /// <c>parameters.{key}</c> for a missing or unknown variable.
    /// </summary>
    public async Task<MessageDto> SendTemplateAsync(string token, Guid conversationId, string name, string? language,
        IReadOnlyDictionary<string, string?>? parameters = null, CancellationToken ct = default)
    {
        var session = await OpenAsync(token, ct);
        return await templates.SendAsync(session.Actor, name, conversationId, language, parameters, ct);
    }

    public async Task<MessageDto> SendLocationAsync(string token, Guid conversationId, LocationContent location, CancellationToken ct = default)
    {
        var session = await OpenAsync(token, ct);
        return await sender.SendLocationAsync(session.Actor, conversationId, location, null, ct);
    }

    public static string MediaPath(string token, Guid messageId) => $"{SharedInboxLinkService.PathPrefix}{token}/media/{messageId}";

    private async Task<SharedInboxSession> ReadableAsync(string token, CancellationToken ct)
    {
        var session = await OpenAsync(token, ct);
        if (!session.Permissions.ReadInbox) throw InboxException.Forbidden("This link does not allow reading the inbox", SharedLinkErrors.NotPermitted);
        return session;
    }

    /// <summary>Without <c>readDetails</c> the contact is a name only (no number, WhatsApp id, username or identifier).</summary>
    private static ConversationDto Shown(ConversationDto c, SharedInboxPermissions permissions)
    {
        if (permissions.Has(SharedLinkPermission.ReadDetails)) return c;
        var contact = c.Contact;
        var name = contact.Name ?? contact.ProfileName ?? "Customer " + contact.Id.ToString("N")[..4].ToUpperInvariant();
        return c with
        {
            Contact = new ConversationContactDto(contact.Id, "hidden", null, null, null, contact.ProfileName, contact.Name, name, null),
            FollowUp = null,
            HandoffSummary = null,
        };
    }
}
