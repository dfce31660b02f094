using InboxApp.Core.Common;
using InboxApp.Core.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Channels.Sandbox;

/// <summary>
/// An armed failure on a sandbox number: the next reply in <see cref="ConversationId"/> (or on the whole number when it is
/// null) fails with <see cref="ErrorCode"/>. Used once, then deleted (sandbox cleanup deletes the rest).
/// </summary>
public class SandboxFailure : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public Guid PhoneNumberId { get; set; }
    public Guid? ConversationId { get; set; }
    public int ErrorCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class SandboxFailureConfiguration : IEntityTypeConfiguration<SandboxFailure>
{
    public void Configure(EntityTypeBuilder<SandboxFailure> b)
    {
        b.HasIndex(f => new { f.PhoneNumberId, f.ConversationId, f.CreatedAt });
        b.HasOne<PhoneNumber>().WithMany().HasForeignKey(f => f.PhoneNumberId).OnDelete(DeleteBehavior.Cascade);
    }
}
