using InboxApp.Core.Common;

namespace InboxApp.Core.Contacts;

/// <summary>
/// A WhatsApp customer known inside one phone number's inbox. Keyed on a stable <see cref="Identifier"/>: the wa_id, or
/// the business-scoped user id (BSUID) when WhatsApp gives no phone number. Replies go to <see cref="ReplyTo"/>.
/// </summary>
public class Contact : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid PhoneNumberId { get; set; }
    /// <summary>wa_id when known, else the BSUID (<c>user_id</c>).</summary>
    public required string Identifier { get; set; }
    public string? WaId { get; set; }
    public string? Bsuid { get; set; }
    /// <summary>E.164 digits without "+", when known; optional.</summary>
    public string? Phone { get; set; }
    /// <summary>Phone digits normalized for matching variants of one number (for example Brazil's ninth digit).</summary>
    public string? PhoneKey { get; set; }
    public string? Username { get; set; }
    /// <summary>The WhatsApp profile name, as last received.</summary>
    public string? ProfileName { get; set; }
    /// <summary>The name agents gave the contact; shown before the profile name.</summary>
    public string? Name { get; set; }
    public string? Category { get; set; }
    /// <summary>Custom attributes as a JSON object.</summary>
    public string AttributesJson { get; set; } = "{}";
    /// <summary>The identifier the last webhook gave for this person: where replies go.</summary>
    public required string ReplyTo { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public string DisplayName => Name ?? ProfileName ?? Username ?? (Phone is null ? Identifier : "+" + Phone);
}
