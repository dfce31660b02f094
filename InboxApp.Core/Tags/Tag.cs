using InboxApp.Core.Common;

namespace InboxApp.Core.Tags;

/// <summary>A label agents put on conversations; names are unique within an organization (case-insensitive).</summary>
public class Tag : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-cased name, for uniqueness and lookups.</summary>
    public required string NormalizedName { get; set; }
    /// <summary>A colour from the palette, as <c>#rrggbb</c>.</summary>
    public required string Color { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A tag on a conversation.</summary>
public class ConversationTag : ITenantOwned
{
    public Guid OrganizationId { get; set; }
    public Guid ConversationId { get; set; }
    public Guid TagId { get; set; }
    public Tag? Tag { get; set; }
    public Guid? AddedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
