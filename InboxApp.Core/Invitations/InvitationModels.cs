using System.ComponentModel.DataAnnotations;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;

namespace InboxApp.Core.Invitations;

/// <summary>
/// An invitation as admins see it. It never carries the accept link: the link goes only to the invited address's mailbox
/// (ADR 0029), so the answer is the same whether or not the address has an account in another organization.
/// </summary>
public sealed record InvitationDto(
    Guid Id, string Email, UserRole Role, string? Name, InvitationStatus Status, DateTimeOffset ExpiresAt, DateTimeOffset CreatedAt,
    DateTimeOffset LastSentAt, int SendCount, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt)
{
    public static InvitationDto From(Invitation i, DateTimeOffset now) => new(
        i.Id, i.Email, i.Role, i.Name, i.StatusAt(now), i.ExpiresAt, i.CreatedAt, i.LastSentAt, i.SendCount, i.AcceptedAt, i.RevokedAt);
}

/// <summary>What the public accept page shows about a token.</summary>
public sealed record InvitationLookupDto(string Email, string? Name, UserRole Role, string OrganizationName, InvitationStatus Status, DateTimeOffset ExpiresAt);

public sealed record NewInvitation(string? Email, UserRole? Role = null, string? Name = null);

public sealed record InvitationList(IReadOnlyList<InvitationDto> Items, int Total);

public sealed record BulkInvitationError(string Code, string Message);

/// <summary>One line of a bulk invitation: <c>created</c> with the invitation, or <c>error</c> with the reason.</summary>
public sealed record BulkInvitationResult(string? Email, string Status, InvitationDto? Invitation = null, BulkInvitationError? Error = null);

public static class InvitationErrors
{
    public const string Pending = "INVITATION_PENDING";
    public const string Expired = "INVITATION_EXPIRED";
    public const string Revoked = "INVITATION_REVOKED";
    public const string Accepted = "INVITATION_ACCEPTED";
}

/// <summary>Checks shared by invitations and user creation: address format and assignable roles.</summary>
public static class InviteeRules
{
    public const int MaxEmailLength = 256;
    public const int MaxNameLength = 200;
    private static readonly EmailAddressAttribute EmailFormat = new();

    /// <summary>The trimmed address, or VALIDATION_ERROR on <c>email</c>.</summary>
    public static string Email(string? email)
    {
        var trimmed = email?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw InboxException.Invalid("email", "The email is required");
        if (trimmed.Length > MaxEmailLength) throw InboxException.Invalid("email", $"The email must be at most {MaxEmailLength} characters");
        if (!EmailFormat.IsValid(trimmed) || trimmed.Any(char.IsWhiteSpace)) throw InboxException.Invalid("email", "The email is not a valid address");
        return trimmed;
    }

    /// <summary>Organization roles only: a super admin is never created or invited here.</summary>
    public static UserRole Role(UserRole? role, string field = "role")
    {
        var r = role ?? UserRole.AGENT;
        if (r == UserRole.SUPER_ADMIN || !Enum.IsDefined(r)) throw InboxException.Invalid(field, "The role must be ADMIN, SUPERVISOR or AGENT");
        return r;
    }

    /// <summary>The trimmed name (null when blank and optional), or VALIDATION_ERROR on <c>name</c>.</summary>
    public static string? Name(string? name, bool required)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return required ? throw InboxException.Invalid("name", "The name is required") : null;
        if (trimmed.Length > MaxNameLength) throw InboxException.Invalid("name", $"The name must be at most {MaxNameLength} characters");
        return trimmed;
    }
}
