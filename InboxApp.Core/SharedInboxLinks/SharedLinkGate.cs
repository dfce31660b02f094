using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.SharedInboxLinks;

/// <summary>
/// What a shared inbox link actor carries: the link, its phone number, the hash of the secret it was opened with (a rotated
/// link no longer matches) and the permissions it had then (the gate reads the current ones).
/// </summary>
public sealed record SharedLinkGrant(Guid LinkId, Guid PhoneNumberId, string TokenHash, SharedInboxPermissions Permissions);

public static class SharedLinkErrors
{
    /// <summary>The link's permissions do not cover the action.</summary>
    public const string NotPermitted = "LINK_NOT_PERMITTED";
    /// <summary>The link was revoked, rotated (the secret is the old one), has expired or never existed.</summary>
    public const string Unavailable = "LINK_UNAVAILABLE";
}

/// <summary>
/// The server-side rules for a shared inbox link actor, used inside the services that let links act (sending, marking read):
/// the link still exists with the same secret, is neither revoked nor expired, its permissions (read now, not when the page
/// opened) cover the action, and the conversation is on the link's phone number (otherwise 404, as another organization's id).
/// Users and API keys pass through to their role check.
/// </summary>
public static class SharedLinkGate
{
    /// <summary>Before any work: refuses a link whose permissions (as granted) lack <paramref name="permission"/>; others need the AGENT role.</summary>
    public static void Require(Actor actor, SharedLinkPermission permission)
    {
        if (actor.Link is not { } grant)
        {
            actor.Require(UserRole.AGENT);
            return;
        }
        if (!grant.Permissions.Has(permission)) throw NotPermitted(permission);
    }

    /// <summary>Inside the operation, on its context: the link is live, permits <paramref name="permission"/> now, and <paramref name="phoneNumberId"/> is its number.</summary>
    public static async Task EnsureAsync(InboxDbContext db, Actor actor, SharedLinkPermission permission, Guid phoneNumberId, DateTimeOffset now, CancellationToken ct)
    {
        if (actor.Link is not { } grant) return;
        var link = await db.Set<SharedInboxLink>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == grant.LinkId, ct);
        EnsureLive(link, grant.TokenHash, now);
        if (!link!.Permissions.Has(permission)) throw NotPermitted(permission);
        if (link.PhoneNumberId != phoneNumberId) throw InboxException.NotFound("Conversation");
    }

    /// <summary>Refuses a missing, rotated (other secret), revoked or expired link.</summary>
    public static void EnsureLive(SharedInboxLink? link, string tokenHash, DateTimeOffset now)
    {
        if (link is null || !Secrets.FixedTimeEquals(link.TokenHash, tokenHash)) throw Unavailable("This link is no longer valid: it was replaced or never existed");
        if (link.RevokedAt is not null) throw Unavailable("This link was revoked");
        if (link.IsExpired(now)) throw Unavailable("This link has expired");
    }

    /// <summary>The permission a message of <paramref name="type"/> needs.</summary>
    public static SharedLinkPermission ForType(MessageType type) => type switch
    {
        MessageType.TEXT => SharedLinkPermission.SendText,
        MessageType.IMAGE or MessageType.AUDIO or MessageType.VIDEO or MessageType.DOCUMENT or MessageType.STICKER => SharedLinkPermission.SendMedia,
        MessageType.TEMPLATE => SharedLinkPermission.SendTemplates,
        _ => SharedLinkPermission.SendAdvanced,
    };

    public static InboxException Unavailable(string message) => new(403, SharedLinkErrors.Unavailable, message);

    private static InboxException NotPermitted(SharedLinkPermission permission) =>
        InboxException.Forbidden($"This link does not allow {Describe(permission)}", SharedLinkErrors.NotPermitted);

    private static string Describe(SharedLinkPermission permission) => permission switch
    {
        SharedLinkPermission.ReadInbox => "reading the inbox",
        SharedLinkPermission.ReadDetails => "reading contact details",
        SharedLinkPermission.MarkRead => "marking conversations read",
        SharedLinkPermission.SendText => "sending text messages",
        SharedLinkPermission.SendMedia => "sending files",
        SharedLinkPermission.SendTemplates => "sending templates",
        _ => "sending interactive, location or contact messages",
    };
}
