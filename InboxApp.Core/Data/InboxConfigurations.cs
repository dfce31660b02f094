using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.QuickReplies;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Data;

public sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> b)
    {
        b.Property(t => t.Name).HasMaxLength(50);
        b.Property(t => t.NormalizedName).HasMaxLength(50);
        b.Property(t => t.Color).HasMaxLength(7);
        b.HasIndex(t => new { t.OrganizationId, t.NormalizedName }).IsUnique();
    }
}

public sealed class ConversationTagConfiguration : IEntityTypeConfiguration<ConversationTag>
{
    public void Configure(EntityTypeBuilder<ConversationTag> b)
    {
        b.HasKey(t => new { t.ConversationId, t.TagId });
        b.HasIndex(t => new { t.OrganizationId, t.TagId, t.ConversationId });
        b.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Conversation>().WithMany().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> b)
    {
        b.Property(t => t.Name).HasMaxLength(100);
        b.Property(t => t.NormalizedName).HasMaxLength(100);
        b.Property(t => t.Description).HasMaxLength(500);
        b.HasIndex(t => new { t.OrganizationId, t.NormalizedName }).IsUnique();
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> b)
    {
        b.HasKey(m => new { m.TeamId, m.UserId });
        b.HasIndex(m => new { m.OrganizationId, m.UserId });
        b.HasOne<Team>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<User>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class QuickReplyConfiguration : IEntityTypeConfiguration<QuickReply>
{
    public void Configure(EntityTypeBuilder<QuickReply> b)
    {
        b.Property(q => q.Shortcut).HasMaxLength(50);
        b.Property(q => q.Title).HasMaxLength(100);
        b.Property(q => q.Text).HasMaxLength(4096);
        b.Property(q => q.Category).HasMaxLength(100);
        b.Property(q => q.MediaPath).HasMaxLength(500);
        b.Property(q => q.MediaMimeType).HasMaxLength(128);
        b.Property(q => q.MediaFileName).HasMaxLength(260);
        b.HasIndex(q => new { q.OrganizationId, q.Shortcut }).IsUnique();
    }
}
