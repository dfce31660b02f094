using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InboxApp.Core.Identity;

/// <summary>
/// A self-service sign-up waiting for its address to be confirmed: the organization and its admin are created only when
/// the emailed link is opened (<see cref="AccountService.CompleteSignupAsync"/>). The answer to a sign-up is the same
/// whether or not the address already has an account, so it reveals nothing; only the mailbox's owner learns which.
/// The token leaves the server only in the email; the table keeps its SHA-256 and the chosen password's hash.
/// </summary>
public class SignupRequest
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string NormalizedEmail { get; set; }
    public required string Name { get; set; }
    public required string OrganizationName { get; set; }
    public required string PasswordHash { get; set; }
    public required string TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}

public enum SignupStatus { PENDING, COMPLETED, EXPIRED }

/// <summary>What the confirmation page shows about a sign-up link.</summary>
public sealed record SignupLookupDto(string Email, string Name, string OrganizationName, SignupStatus Status, DateTimeOffset ExpiresAt);

public sealed class SignupRequestConfiguration : IEntityTypeConfiguration<SignupRequest>
{
    public void Configure(EntityTypeBuilder<SignupRequest> b)
    {
        b.Property(s => s.Email).HasMaxLength(256);
        b.Property(s => s.NormalizedEmail).HasMaxLength(256);
        b.Property(s => s.Name).HasMaxLength(200);
        b.Property(s => s.OrganizationName).HasMaxLength(200);
        b.Property(s => s.PasswordHash).HasMaxLength(500);
        b.Property(s => s.TokenHash).HasMaxLength(64);
        b.HasIndex(s => s.TokenHash).IsUnique();
        b.HasIndex(s => s.ExpiresAt);
    }
}
