using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using InboxApp.Core.Realtime;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Users;

/// <summary>
/// The organization's members: listing (supervisors and admins), and for admins adding (by invitation), role and activation changes,
/// soft deletion and invitations. Access changes (role, deactivation, deletion) rotate the security stamp and revoke
/// refresh tokens, so the user's tokens and cookies stop working at once. An organization always keeps an active admin.
/// </summary>
public sealed partial class UserService(
    InboxDb inboxDb, InvitationService invitations, TokenService tokens, PresenceTracker presence, TimeProvider clock)
{
    public const int MaxSearchLength = 200;

    public async Task<UserList> ListAsync(Actor actor, UserFilter filter, int skip, int take, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        var query = Apply(db.Users.AsNoTracking().Where(u => u.DeletedAt == null), filter);
        var total = await query.CountAsync(ct);
        var rows = await query.OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(skip).Take(take).ToListAsync(ct);
        return new UserList(rows.Select(u => UserDto.From(u)).ToList(), total);
    }

    /// <summary>The organization's active members by name, for any member (assignment pickers, sender names in threads).</summary>
    public async Task<IReadOnlyList<MemberSummary>> DirectoryAsync(Actor actor, CancellationToken ct = default)
    {
        actor.Require(UserRole.AGENT);
        await using var db = inboxDb.For(actor.Org);
        return await Apply(db.Users.AsNoTracking().Where(u => u.DeletedAt == null && u.Role != UserRole.SUPER_ADMIN), new UserFilter(Status: UserStatusFilter.ACTIVE))
            .OrderBy(u => u.Name).ThenBy(u => u.Id)
            .Select(u => new MemberSummary(u.Id, u.Name, u.Role, u.OnlineStatus)).ToListAsync(ct);
    }

    public async Task<UserDto> GetAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.SUPERVISOR);
        await using var db = inboxDb.For(actor.Org);
        return UserDto.From(await FindAsync(db, id, ct));
    }

    /// <summary>
    /// Adds a member by invitation (ADR 0029): the invited address gets the link, chooses a password and becomes a user
    /// on accepting. The answer is the invitation, the same whether the address is new or has an account in another
    /// organization (that owner is mailed a notice instead); a member of this organization or a pending invitation of
    /// the address is a 409 (the admin sees both in their own lists anyway).
    /// </summary>
    public Task<InvitationDto> CreateAsync(Actor actor, NewMember input, string baseUrl, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        InviteeRules.Email(input.Email);
        var name = InviteeRules.Name(input.Name, required: true);
        return invitations.CreateAsync(actor, new NewInvitation(input.Email, input.Role, name), baseUrl, ct);
    }

    public async Task<UserDto> UpdateAsync(Actor actor, Guid id, UserChanges changes, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var name = changes.Name is null ? null : InviteeRules.Name(changes.Name, required: true);
        UserRole? role = changes.Role is null ? null : InviteeRules.Role(changes.Role);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var user = await FindAsync(db, id, ct);

        var roleChanges = role is { } r && r != user.Role;
        var deactivates = changes.IsActive == false && user.IsActive;
        if (user.Id == actor.UserId && (roleChanges || deactivates))
            throw InboxException.Conflict("You cannot change your own role or deactivate yourself", UserErrors.Self);
        if ((roleChanges && role != UserRole.ADMIN) || deactivates) await EnsureNotLastAdminAsync(db, user, ct);

        if (name is not null) user.Name = name;
        if (role is { } newRole) user.Role = newRole;
        if (changes.IsActive is { } active) user.IsActive = active;
        if (roleChanges || deactivates) user.SecurityStamp = NewStamp();
        user.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        if (roleChanges || deactivates) await tokens.RevokeAllForUserAsync(user.Id, ct);
        return UserDto.From(user);
    }

    /// <summary>Soft delete: the row stays (history keeps its author), the address is freed for a new invitation.</summary>
    public async Task DeleteAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var user = await FindAsync(db, id, ct);
        if (user.Id == actor.UserId) throw InboxException.Conflict("You cannot delete yourself", UserErrors.Self);
        await EnsureNotLastAdminAsync(db, user, ct);
        var email = user.NormalizedEmail;
        SoftDelete(user, now);
        await db.SaveChangesAsync(ct);
        await RevokeOpenInvitationsAsync(db, [email], now, ct);
        await tokens.RevokeAllForUserAsync(user.Id, ct);
    }

    /// <summary>The availability the caller chose (<see cref="User.ChosenStatus"/>), for opening a presence session.</summary>
    public async Task<OnlineStatus> ChosenStatusAsync(Actor actor, CancellationToken ct = default)
    {
        var userId = actor.User;
        await using var db = inboxDb.For(actor.Org);
        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.OnlineStatus, u.LastSeenAt }).FirstOrDefaultAsync(ct)
            ?? throw InboxException.NotFound("User");
        return User.ChosenStatus(row.OnlineStatus, row.LastSeenAt);
    }

    /// <summary>
    /// Anyone may set their own presence; supervisors and admins anyone's in their organization. The choice is stored on
    /// the user row, which every node reads (ADR 0040), and applied at once to this node's sessions.
    /// </summary>
    public async Task<UserDto> SetStatusAsync(Actor actor, Guid id, OnlineStatus status, CancellationToken ct = default)
    {
        if (actor.UserId != id) actor.Require(UserRole.SUPERVISOR);
        if (!Enum.IsDefined(status)) throw InboxException.Invalid("status", "The status must be ONLINE, AWAY or OFFLINE");
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var user = await FindAsync(db, id, ct);
        user.OnlineStatus = status;
        user.LastSeenAt = now;
        await db.SaveChangesAsync(ct);
        presence.SetChosenStatus(actor.Org, user.Id, status);
        return UserDto.From(user);
    }

    /// <summary>
    /// A fresh invitation link, mailed, for a user who has no password yet: a user an admin created without a password
    /// before adding became an invitation (ADR 0029).
    /// </summary>
    public async Task<InvitationDto> ResendInviteAsync(Actor actor, Guid id, string baseUrl, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        await using (var db = inboxDb.For(actor.Org))
        {
            var user = await FindAsync(db, id, ct);
            if (user.PasswordHash is not null)
                throw InboxException.Conflict("This user already has a password and can sign in", UserErrors.HasPassword);
            if (!user.IsActive) throw InboxException.Conflict("This user is deactivated; activate them first", ErrorCodes.AccountInactive);
        }
        return await invitations.InviteExistingUserAsync(actor, id, baseUrl, ct);
    }

    private static IQueryable<User> Apply(IQueryable<User> query, UserFilter? filter)
    {
        if (filter is null) return query;
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var term = filter.Search.Trim();
            if (term.Length > MaxSearchLength) throw InboxException.Invalid("search", $"search must be at most {MaxSearchLength} characters");
            // lower()/upper() exist on every provider; the stored normalized email is already upper case.
            var lower = term.ToLowerInvariant();
            var upper = term.ToUpperInvariant();
            query = query.Where(u => u.Name.ToLower().Contains(lower) || u.Name.Contains(term) || u.NormalizedEmail.Contains(upper));
        }
        if (filter.Role is { } role) query = query.Where(u => u.Role == role);
        query = filter.Status switch
        {
            UserStatusFilter.ACTIVE => query.Where(u => u.IsActive && u.PasswordHash != null),
            UserStatusFilter.INACTIVE => query.Where(u => !u.IsActive),
            UserStatusFilter.INVITED => query.Where(u => u.PasswordHash == null),
            _ => query,
        };
        return query;
    }

    private static async Task<User> FindAsync(InboxDbContext db, Guid id, CancellationToken ct) =>
        await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.DeletedAt == null, ct) ?? throw InboxException.NotFound("User");

    /// <summary>Refuses a change that would leave the organization without an active admin.</summary>
    private static async Task EnsureNotLastAdminAsync(InboxDbContext db, User target, CancellationToken ct)
    {
        if (target.Role != UserRole.ADMIN || !target.IsActive) return;
        var others = await db.Users.CountAsync(u => u.Id != target.Id && u.Role == UserRole.ADMIN && u.IsActive && u.DeletedAt == null, ct);
        if (others == 0) throw InboxException.Conflict("The organization must keep at least one active admin", UserErrors.LastAdmin);
    }

    private static void SoftDelete(User user, DateTimeOffset now)
    {
        var marker = $"deleted:{user.Id}:{user.NormalizedEmail}";
        user.NormalizedEmail = marker.Length > InviteeRules.MaxEmailLength ? marker[..InviteeRules.MaxEmailLength] : marker;
        user.DeletedAt = now;
        user.IsActive = false;
        user.OnlineStatus = OnlineStatus.OFFLINE;
        user.SecurityStamp = NewStamp();
        user.UpdatedAt = now;
    }

    private static Task RevokeOpenInvitationsAsync(InboxDbContext db, IReadOnlyCollection<string> normalizedEmails, DateTimeOffset now, CancellationToken ct) =>
        db.Invitations.Where(i => normalizedEmails.Contains(i.NormalizedEmail) && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now), ct);

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
