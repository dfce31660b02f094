using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Invitations;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Core.Users;

/// <summary>Bulk actions: the same rules as one by one; users the rules protect are skipped and reported, never failed.</summary>
public sealed partial class UserService
{
    public const int MaxBulk = 500;

    public static class SkipReasons
    {
        public const string NotFound = BulkSelectionRules.NotFound;
        public const string Self = "SELF";
        public const string LastAdmin = "LAST_ADMIN";
    }

    public async Task<BulkActionResult> BulkAsync(Actor actor, BulkUserAction action, UserRole? role, BulkSelection<UserFilter> selection, CancellationToken ct = default)
    {
        actor.Require(UserRole.ADMIN);
        if (!Enum.IsDefined(action)) throw InboxException.Invalid("action", "Unknown action");
        UserRole? newRole = action == BulkUserAction.ChangeRole
            ? InviteeRules.Role(role ?? throw InboxException.Invalid("role", "The role is required for change_role"))
            : null;
        var now = clock.GetUtcNow();
        await using var db = inboxDb.For(actor.Org);
        var skipped = new List<BulkSkip>();
        var candidates = db.Users.Where(u => u.DeletedAt == null);
        List<User> targets;
        if (selection.Ids is { } ids)
        {
            if (ids.Count == 0) throw InboxException.Invalid("selection.ids", "Select at least one user");
            if (ids.Count > MaxBulk) throw InboxException.Invalid("selection.ids", $"At most {MaxBulk} users at once");
            var distinct = ids.Distinct().ToList();
            targets = await candidates.Where(u => distinct.Contains(u.Id)).ToListAsync(ct);
            skipped.AddRange(distinct.Except(targets.Select(u => u.Id)).Select(id => new BulkSkip(id, SkipReasons.NotFound)));
        }
        else
        {
            var matching = Apply(candidates, selection.Filter);
            if (await matching.CountAsync(ct) > MaxBulk)
                throw InboxException.Invalid("selection", $"More than {MaxBulk} users match; narrow the filter");
            targets = await matching.ToListAsync(ct);
        }

        var activeAdmins = (await db.Users.Where(u => u.Role == UserRole.ADMIN && u.IsActive && u.DeletedAt == null)
            .Select(u => u.Id).ToListAsync(ct)).ToHashSet();
        var accessChanged = new List<Guid>();
        var freedEmails = new List<string>();
        var affected = 0;
        foreach (var user in targets.OrderBy(u => u.Name, StringComparer.Ordinal).ThenBy(u => u.Id))
        {
            if (user.Id == actor.UserId)
            {
                skipped.Add(new BulkSkip(user.Id, SkipReasons.Self));
                continue;
            }
            var losesAdmin = activeAdmins.Contains(user.Id)
                && (action is BulkUserAction.Delete or BulkUserAction.Deactivate || (action == BulkUserAction.ChangeRole && newRole != UserRole.ADMIN));
            if (losesAdmin && activeAdmins.Count <= 1)
            {
                skipped.Add(new BulkSkip(user.Id, SkipReasons.LastAdmin));
                continue;
            }
            if (losesAdmin) activeAdmins.Remove(user.Id);

            switch (action)
            {
                case BulkUserAction.Delete:
                    freedEmails.Add(user.NormalizedEmail);
                    SoftDelete(user, now);
                    accessChanged.Add(user.Id);
                    break;
                case BulkUserAction.Activate:
                    user.IsActive = true;
                    if (user.Role == UserRole.ADMIN) activeAdmins.Add(user.Id);
                    break;
                case BulkUserAction.Deactivate when user.IsActive:
                    user.IsActive = false;
                    user.SecurityStamp = NewStamp();
                    accessChanged.Add(user.Id);
                    break;
                case BulkUserAction.ChangeRole when user.Role != newRole:
                    user.Role = newRole!.Value;
                    user.SecurityStamp = NewStamp();
                    accessChanged.Add(user.Id);
                    if (user.Role == UserRole.ADMIN && user.IsActive) activeAdmins.Add(user.Id);
                    break;
            }
            user.UpdatedAt = now;
            affected++;
        }

        await db.SaveChangesAsync(ct);
        if (freedEmails.Count > 0) await RevokeOpenInvitationsAsync(db, freedEmails, now, ct);
        foreach (var id in accessChanged) await tokens.RevokeAllForUserAsync(id, ct);
        return new BulkActionResult(affected, skipped);
    }
}
