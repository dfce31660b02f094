using System.Globalization;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Invitations;

/// <summary>
/// Invitations by email: an admin invites an address with a role, the invitee opens the emailed link and joins.
/// The token (32 random bytes) leaves the server only in the email to the invited address; the table keeps its SHA-256.
/// Inviting an address that has an account in another organization answers exactly as for a new address (a pending
/// invitation, one mail) and mails that address a notice instead of the link: nothing tells the admin (ADR 0029).
/// </summary>
public sealed partial class InvitationService(
    InboxDb inboxDb, TokenService tokens, IPasswordHasher<User> hasher, IEmailSender email, TimeProvider clock, IOptions<AuthOptions> options,
    PublicLinks links)
{
    public const int MaxBulk = 100;

    public async Task<InvitationList> ListAsync(Actor actor, InvitationStatus? status, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var query = db.Invitations.AsNoTracking();
        query = status switch
        {
            InvitationStatus.PENDING => query.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now),
            InvitationStatus.EXPIRED => query.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt <= now),
            InvitationStatus.ACCEPTED => query.Where(i => i.AcceptedAt != null),
            InvitationStatus.REVOKED => query.Where(i => i.AcceptedAt == null && i.RevokedAt != null),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new InvitationList(rows.Select(i => InvitationDto.From(i, now)).ToList(), total);
    }

    public async Task<InvitationDto> CreateAsync(Actor actor, NewInvitation input, string baseUrl, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var root = links.Root(baseUrl); // before anything is stored: no link, no invitation
        var address = InviteeRules.Email(input.Email);
        var role = InviteeRules.Role(input.Role);
        var name = InviteeRules.Name(input.Name, required: false);
        var normalized = User.Normalize(address);
        var now = clock.GetUtcNow();
        var memberElsewhere = await EnsureNotMemberAsync(normalized, actor.Org, allowPasswordless: false, ct);

        await using var db = inboxDb.For(actor.Org);
        if (await db.Invitations.AnyAsync(i => i.NormalizedEmail == normalized && i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now, ct))
            throw InboxException.Conflict("A pending invitation for this email already exists; resend it instead", InvitationErrors.Pending);
        var token = Secrets.NewToken(32);
        var invitation = new Invitation
        {
            Email = address,
            NormalizedEmail = normalized,
            Role = role,
            Name = name,
            TokenHash = Secrets.Hash(token),
            InvitedById = actor.UserId,
            CreatedAt = now,
            ExpiresAt = now.AddDays(options.Value.InvitationDays),
            LastSentAt = now,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var url = AcceptUrl(token, root);
        await SendAsync(db, actor, invitation, url, memberElsewhere, ct);
        return InvitationDto.From(invitation, now);
    }

    /// <summary>Creates each invitation on its own; one bad line never stops the others.</summary>
    public async Task<IReadOnlyList<BulkInvitationResult>> CreateManyAsync(Actor actor, IReadOnlyList<NewInvitation?> inputs, string baseUrl, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (inputs.Count == 0) throw InboxException.Invalid("invitations", "Give at least one invitation");
        if (inputs.Count > MaxBulk) throw InboxException.Invalid("invitations", $"At most {MaxBulk} invitations at once");
        var results = new List<BulkInvitationResult>(inputs.Count);
        foreach (var input in inputs)
        {
            try
            {
                if (input is null) throw InboxException.Invalid("email", "The email is required");
                results.Add(new BulkInvitationResult(input.Email, "created", await CreateAsync(actor, input, baseUrl, ct)));
            }
            catch (InboxException e)
            {
                var message = e.Details is { Count: > 0 } d ? string.Join("; ", d.SelectMany(x => x.Value)) : e.Message;
                results.Add(new BulkInvitationResult(input?.Email, "error", Error: new BulkInvitationError(e.Code, message)));
            }
        }
        return results;
    }

    /// <summary>A new token, expiry and email for an invitation that was not accepted or revoked.</summary>
    public async Task<InvitationDto> ResendAsync(Actor actor, Guid id, string baseUrl, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var root = links.Root(baseUrl);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw InboxException.NotFound("Invitation");
        EnsureOpen(invitation, now, allowExpired: true);
        var memberElsewhere = await EnsureNotMemberAsync(invitation.NormalizedEmail, actor.Org, allowPasswordless: true, ct);
        var token = Reissue(invitation, now);
        await db.SaveChangesAsync(ct);
        var url = AcceptUrl(token, root);
        await SendAsync(db, actor, invitation, url, memberElsewhere, ct);
        return InvitationDto.From(invitation, now);
    }

    /// <summary>Revokes a pending (or expired) invitation; its link stops working.</summary>
    public async Task RevokeAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var invitation = await db.Invitations.FirstOrDefaultAsync(i => i.Id == id, ct) ?? throw InboxException.NotFound("Invitation");
        EnsureOpen(invitation, now, allowExpired: true);
        invitation.RevokedAt = now;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Invites a user created without a password (POST /users): refreshes their open invitation or makes one,
    /// with the user's current name and role, and emails the link.
    /// </summary>
    public async Task<InvitationDto> InviteExistingUserAsync(Actor actor, Guid userId, string baseUrl, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var root = links.Root(baseUrl);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId && u.DeletedAt == null, ct)
            ?? throw InboxException.NotFound("User");
        var invitation = await db.Invitations
            .Where(i => i.NormalizedEmail == user.NormalizedEmail && i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .FirstOrDefaultAsync(ct);
        string token;
        if (invitation is null)
        {
            token = Secrets.NewToken(32);
            invitation = new Invitation
            {
                Email = user.Email,
                NormalizedEmail = user.NormalizedEmail,
                TokenHash = Secrets.Hash(token),
                InvitedById = actor.UserId,
                CreatedAt = now,
                ExpiresAt = now.AddDays(options.Value.InvitationDays),
                LastSentAt = now,
            };
            db.Invitations.Add(invitation);
        }
        else
        {
            token = Reissue(invitation, now);
        }
        invitation.Role = user.Role;
        invitation.Name = user.Name;
        await db.SaveChangesAsync(ct);
        var url = AcceptUrl(token, root);
        await SendAsync(db, actor, invitation, url, memberElsewhere: false, ct);
        return InvitationDto.From(invitation, now);
    }

    /// <summary>The root of invitation links for a caller at <paramref name="baseUrl"/>; a 409 when none can be trusted (<see cref="PublicLinks"/>).</summary>
    public string LinkRoot(string baseUrl) => links.Root(baseUrl);

    /// <summary><c>{root}/invite/{token}</c>, the root from <see cref="PublicLinks.Root"/>.</summary>
    private static string AcceptUrl(string token, string root) => $"{root.TrimEnd('/')}/invite/{token}";

    private string Reissue(Invitation invitation, DateTimeOffset now)
    {
        var token = Secrets.NewToken(32);
        invitation.TokenHash = Secrets.Hash(token);
        invitation.ExpiresAt = now.AddDays(options.Value.InvitationDays);
        invitation.LastSentAt = now;
        invitation.SendCount++;
        return token;
    }

    private static void EnsureOpen(Invitation invitation, DateTimeOffset now, bool allowExpired)
    {
        switch (invitation.StatusAt(now))
        {
            case InvitationStatus.ACCEPTED:
                throw InboxException.Conflict("The invitation was already accepted", InvitationErrors.Accepted);
            case InvitationStatus.REVOKED:
                throw InboxException.Conflict("The invitation was revoked", InvitationErrors.Revoked);
            case InvitationStatus.EXPIRED when !allowExpired:
                throw InboxException.Conflict("The invitation has expired; ask an admin to send a new one", InvitationErrors.Expired);
        }
    }

    /// <summary>
    /// Email addresses are unique across organizations. A member of <paramref name="organizationId"/> is a conflict
    /// (EMAIL_TAKEN; with <paramref name="allowPasswordless"/> a password-less member, created by an admin and waiting for
    /// this invitation, does not count). A user of another organization (or the super admin) is not revealed: the
    /// invitation is made as for anyone, and true tells the caller to send that user a notice instead of the link.
    /// </summary>
    private async Task<bool> EnsureNotMemberAsync(string normalizedEmail, Guid organizationId, bool allowPasswordless, CancellationToken ct)
    {
        await using var db = inboxDb.System();
        var holder = await db.Users.AsNoTracking()
            .Where(u => u.NormalizedEmail == normalizedEmail && u.DeletedAt == null)
            .Select(u => new { u.OrganizationId, HasPassword = u.PasswordHash != null })
            .FirstOrDefaultAsync(ct);
        if (holder is null) return false;
        if (holder.OrganizationId != organizationId) return true;
        if (allowPasswordless && !holder.HasPassword) return false;
        throw InboxException.Conflict("A user with this email already exists", ErrorCodes.EmailTaken);
    }

    private async Task SendAsync(InboxDbContext db, Actor actor, Invitation invitation, string url, bool memberElsewhere, CancellationToken ct)
    {
        var organization = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Name).FirstAsync(ct);
        var inviter = actor.UserId is { } uid ? await db.Users.Where(u => u.Id == uid).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var greeting = string.IsNullOrEmpty(invitation.Name) ? "Hello," : $"Hello {invitation.Name},";
        var who = inviter is null ? "You have been invited" : $"{inviter} invited you";
        var role = invitation.Role.ToString().ToLowerInvariant();
        var expires = invitation.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        // The link is the last line: the quoted-printable body encodes line ends (=0D=0A), so nothing may follow it
        // for simple readers that take a link up to the next space.
        string[] lines =
        [
            greeting, "", $"{who} to join {organization} on InboxApp as {role}.", "",
            $"The link works once and expires on {expires} UTC. If you did not expect this invitation, ignore this email.", "",
            "Open this link to choose your password and join:", url,
        ];
        if (memberElsewhere)
        {
            // The address already has an account in another organization: an address belongs to one organization, so the
            // link could not be accepted. The inviting admin is not told (that would reveal another organization's user);
            // the address's owner is, and can answer them.
            lines =
            [
                greeting, "", $"{who} to join {organization} on InboxApp as {role}.", "",
                "Your email address already has an InboxApp account with another organization, and an address can belong to one organization only, so this invitation cannot be accepted with it.",
                $"If you want to join {organization}, ask them to invite another address of yours. If you did not expect this invitation, ignore this email.",
            ];
        }
        await email.SendAsync(new EmailMessage(invitation.Email, $"You are invited to join {organization} on InboxApp", string.Join("\r\n", lines)), ct);
    }
}
