using InboxApp.Core.Common;
using InboxApp.Core.Identity;

namespace InboxApp.Core.Invitations;

public enum InvitationStatus { PENDING, ACCEPTED, REVOKED, EXPIRED }

public class Invitation : ITenantOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; set; }
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public UserRole Role { get; set; } = UserRole.AGENT;
    public string? Name { get; set; }
    /// <summary>SHA-256 of the token in the accept link; the token itself is only ever in the email and the create/resend response.</summary>
    public required string TokenHash { get; set; }
    public Guid? InvitedById { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset LastSentAt { get; set; }
    public int SendCount { get; set; } = 1;
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public InvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? InvitationStatus.ACCEPTED
        : RevokedAt is not null ? InvitationStatus.REVOKED
        : ExpiresAt <= now ? InvitationStatus.EXPIRED
        : InvitationStatus.PENDING;
}
