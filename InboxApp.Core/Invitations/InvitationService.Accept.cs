using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Invitations;

/// <summary>The public side of invitations: look a token up, accept it.</summary>
public sealed partial class InvitationService
{
    private const int MaxTokenLength = 128;

    public async Task<InvitationLookupDto> LookupAsync(string token, CancellationToken ct = default)
    {
        var hash = HashOf(token);
        await using var db = inboxDb.System();
        var row = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash)
            .Select(i => new { Invitation = i, Organization = db.Organizations.Where(o => o.Id == i.OrganizationId).Select(o => o.Name).First() })
            .FirstOrDefaultAsync(ct) ?? throw InboxException.NotFound("Invitation");
        var i = row.Invitation;
        return new InvitationLookupDto(i.Email, i.Name, i.Role, row.Organization, i.StatusAt(clock.GetUtcNow()), i.ExpiresAt);
    }

    /// <summary>
    /// Accepts a pending invitation: creates the user in the invitation's organization with its role (or completes the
    /// password-less user an admin created for this address), marks the invitation accepted and signs the user in.
    /// </summary>
    public async Task<AuthTokens> AcceptAsync(string token, string? name, string? password, CancellationToken ct = default)
    {
        var hash = HashOf(token);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.System();
        var invitation = await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct)
            ?? throw InboxException.NotFound("Invitation");
        EnsureOpen(invitation, now, allowExpired: false);
        var organization = await db.Organizations.FirstAsync(o => o.Id == invitation.OrganizationId, ct);
        AccountService.EnsureOrganizationActive(organization.Status);
        PasswordPolicy.Check(password);

        var user = await db.Users.FirstOrDefaultAsync(u => u.NormalizedEmail == invitation.NormalizedEmail && u.DeletedAt == null, ct);
        if (user is not null)
        {
            if (user.OrganizationId != invitation.OrganizationId || user.PasswordHash is not null)
                throw InboxException.Conflict("An account with this email already exists; sign in instead", ErrorCodes.EmailTaken);
            if (!user.IsActive) throw InboxException.Forbidden("This account is deactivated", ErrorCodes.AccountInactive);
            user.Name = InviteeRules.Name(name, required: false) ?? user.Name;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.UpdatedAt = now;
        }
        else
        {
            var chosen = InviteeRules.Name(name, required: invitation.Name is null) ?? invitation.Name!;
            user = AccountService.NewUser(invitation.OrganizationId, invitation.Email, chosen, invitation.Role, now);
            db.Users.Add(user);
        }
        user.PasswordHash = hasher.HashPassword(user, password!);
        user.LastLoginAt = now;

        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Conditional update: of two concurrent accepts (or an accept racing a revoke) exactly one wins.
            var claimed = await db.Invitations
                .Where(i => i.Id == invitation.Id && i.TokenHash == hash && i.AcceptedAt == null && i.RevokedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct);
            if (claimed == 0) throw InboxException.Conflict("The invitation is no longer valid", InvitationErrors.Accepted);
            await AccountService.SaveUniqueAsync(db, ct);
            await tx.CommitAsync(ct);
        }
        return await tokens.IssueAsync(user, UserDto.From(user, organization), ct: ct);
    }

    /// <summary>The stored hash of a token; a token of impossible length is simply not found.</summary>
    private static string HashOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength) throw InboxException.NotFound("Invitation");
        return Secrets.Hash(token);
    }
}
