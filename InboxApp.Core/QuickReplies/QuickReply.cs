using InboxApp.Core.Common;

namespace InboxApp.Core.QuickReplies;

/// <summary>
/// A canned answer agents insert by typing <c>/shortcut</c>. The text may hold placeholders such as <c>{{contact.name}}</c>,
/// filled when used; an optional media attachment is sent with it.
/// </summary>
public class QuickReply : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>Without the leading slash, lower case, unique within the organization.</summary>
    public required string Shortcut { get; set; }
    public required string Title { get; set; }
    public required string Text { get; set; }
    public string? Category { get; set; }
    public bool IsActive { get; set; } = true;
    public string? MediaPath { get; set; }
    public string? MediaMimeType { get; set; }
    public string? MediaFileName { get; set; }
    public long? MediaSize { get; set; }
    public Guid? CreatedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
