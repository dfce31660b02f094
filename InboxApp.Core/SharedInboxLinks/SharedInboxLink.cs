using InboxApp.Core.Messaging;
using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.SharedInboxLinks;

/// <summary>
/// What a shared inbox link lets its holder do in its phone number's inbox. <see cref="ReadInbox"/> is needed to see anything;
/// <see cref="ReadDetails"/> shows the contact's phone number, WhatsApp id and username (otherwise only a masked name);
/// the send permissions cover text, files (image, audio, video, document, sticker), templates and the rest (interactive,
/// location, contacts, reactions).
/// </summary>
public sealed record SharedInboxPermissions(
    bool ReadInbox = false,
    bool ReadDetails = false,
    bool MarkRead = false,
    bool SendText = false,
    bool SendMedia = false,
    bool SendTemplates = false,
    bool SendAdvanced = false)
{
    public bool Has(SharedLinkPermission permission) => permission switch
    {
        SharedLinkPermission.ReadInbox => ReadInbox,
        SharedLinkPermission.ReadDetails => ReadInbox && ReadDetails,
        SharedLinkPermission.MarkRead => ReadInbox && MarkRead,
        SharedLinkPermission.SendText => ReadInbox && SendText,
        SharedLinkPermission.SendMedia => ReadInbox && SendMedia,
        SharedLinkPermission.SendTemplates => ReadInbox && SendTemplates,
        SharedLinkPermission.SendAdvanced => ReadInbox && SendAdvanced,
        _ => false,
    };

    public bool CanSendAnything => ReadInbox && (SendText || SendMedia || SendTemplates || SendAdvanced);
}

public enum SharedLinkPermission { ReadInbox, ReadDetails, MarkRead, SendText, SendMedia, SendTemplates, SendAdvanced }

/// <summary>
/// A public URL (<c>/s/{token}</c>) bound to one phone number's inbox, for a person without an account. Only the SHA-256
/// hash of the token is stored; rotating replaces it (the old URL stops at once), revoking ends the link for good.
/// </summary>
public class SharedInboxLink : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid PhoneNumberId { get; set; }
    public required string Name { get; set; }
    public required string TokenHash { get; set; }
    /// <summary>The first characters of the token, so the organization can tell its links (and their URLs) apart.</summary>
    public required string TokenPrefix { get; set; }
    public bool ReadInbox { get; set; }
    public bool ReadDetails { get; set; }
    public bool MarkRead { get; set; }
    public bool SendText { get; set; }
    public bool SendMedia { get; set; }
    public bool SendTemplates { get; set; }
    public bool SendAdvanced { get; set; }
    /// <summary>Origins (<c>https://app.example.com</c>) whose pages may frame the link, space-separated; empty: not frameable.</summary>
    public string AllowedOrigins { get; set; } = "";
    public DateTimeOffset? ExpiresAt { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RotatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public SharedInboxPermissions Permissions
    {
        get => new(ReadInbox, ReadDetails, MarkRead, SendText, SendMedia, SendTemplates, SendAdvanced);
        set => (ReadInbox, ReadDetails, MarkRead, SendText, SendMedia, SendTemplates, SendAdvanced) =
            (value.ReadInbox, value.ReadDetails, value.MarkRead, value.SendText, value.SendMedia, value.SendTemplates, value.SendAdvanced);
    }

    public IReadOnlyList<string> Origins => AllowedOrigins.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } e && e <= now;
}

/// <summary>One action taken through a shared inbox link (the link is the actor): who did what, for the organization's records.</summary>
public class SharedInboxLinkActivity : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid LinkId { get; set; }
    /// <summary><c>message.sent</c>, <c>conversation.read</c>.</summary>
    public required string Action { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? MessageId { get; set; }
    public DateTimeOffset At { get; set; }
}

public sealed class SharedInboxLinkConfiguration : IEntityTypeConfiguration<SharedInboxLink>
{
    public void Configure(EntityTypeBuilder<SharedInboxLink> b)
    {
        b.ToTable("SharedInboxLinks");
        b.Ignore(l => l.Permissions);
        b.Ignore(l => l.Origins);
        b.Property(l => l.Name).HasMaxLength(SharedInboxLinkService.MaxNameLength);
        b.Property(l => l.TokenHash).HasMaxLength(64);
        b.Property(l => l.TokenPrefix).HasMaxLength(16);
        b.Property(l => l.AllowedOrigins).HasMaxLength(2000);
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => new { l.OrganizationId, l.CreatedAt });
        b.HasOne<PhoneNumber>().WithMany().HasForeignKey(l => l.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SharedInboxLinkActivityConfiguration : IEntityTypeConfiguration<SharedInboxLinkActivity>
{
    public void Configure(EntityTypeBuilder<SharedInboxLinkActivity> b)
    {
        b.ToTable("SharedInboxLinkActivities");
        b.Property(a => a.Action).HasMaxLength(40);
        b.HasIndex(a => new { a.LinkId, a.At });
        b.HasOne<SharedInboxLink>().WithMany().HasForeignKey(a => a.LinkId).OnDelete(DeleteBehavior.Cascade);
    }
}
