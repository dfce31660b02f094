using InboxApp.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.OptOuts;

/// <summary>How a phone number came onto the suppression list.</summary>
public enum OptOutSource { KEYWORD, MANUAL, IMPORT, API }

/// <summary>
/// A phone number of the organization's suppression list: campaigns skip it. One row per phone key (<see cref="Contacts.PhoneKeys.Key"/>,
/// so variants of one number are one entry). Removing it (a re-subscribe keyword or a supervisor) keeps the row with
/// <see cref="RemovedAt"/> set; opting out again makes it active again.
/// </summary>
public class OptOut : ITenantOwned
{
    public const int MaxNoteLength = 500;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    /// <summary>The matching key of the number (country code and national number, without BR/AR variant digits).</summary>
    public required string PhoneKey { get; set; }
    /// <summary>The number in E.164 digits without "+", as it was given or received.</summary>
    public required string Phone { get; set; }
    public Guid? ContactId { get; set; }
    public OptOutSource Source { get; set; }
    /// <summary>For <see cref="OptOutSource.KEYWORD"/>: the keyword the customer wrote (normalized).</summary>
    public string? Keyword { get; set; }
    /// <summary>For <see cref="OptOutSource.KEYWORD"/>: the inbound message that opted them out.</summary>
    public Guid? MessageId { get; set; }
    public string? Note { get; set; }
    /// <summary>The member or API key's user who added it; null for keywords and API keys.</summary>
    public Guid? AddedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the number left the list again (null while it is on the list).</summary>
    public DateTimeOffset? RemovedAt { get; set; }
    public Guid? RemovedById { get; set; }
    /// <summary>The inbound re-subscribe message that removed it, when a keyword did.</summary>
    public Guid? RemovedByMessageId { get; set; }

    public bool IsActive => RemovedAt is null;
}

public sealed class OptOutConfiguration : IEntityTypeConfiguration<OptOut>
{
    public void Configure(EntityTypeBuilder<OptOut> b)
    {
        b.ToTable("OptOuts");
        b.Property(o => o.PhoneKey).HasMaxLength(24);
        b.Property(o => o.Phone).HasMaxLength(24);
        b.Property(o => o.Source).HasMaxLength(16);
        b.Property(o => o.Keyword).HasMaxLength(OptOutKeywords.MaxKeywordLength);
        b.Property(o => o.Note).HasMaxLength(OptOut.MaxNoteLength);
        b.Ignore(o => o.IsActive);
        // One row per number: the listener and the endpoints rely on it to stay idempotent.
        b.HasIndex(o => new { o.OrganizationId, o.PhoneKey }).IsUnique();
        b.HasIndex(o => new { o.OrganizationId, o.RemovedAt, o.CreatedAt });
    }
}
