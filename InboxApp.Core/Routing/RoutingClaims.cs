using System.Linq.Expressions;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace InboxApp.Core.Routing;

/// <summary>Claims a once-only action (an automatic reply) on a conversation's routing row with one conditional write.</summary>
internal static class RoutingClaims
{
    /// <summary>
    /// True when this caller claimed: the row matched <paramref name="unclaimed"/> and was updated, or there was no row and
    /// the new one was inserted. A concurrent insert of the same row fails the save (the caller's retry then finds it claimed).
    /// </summary>
    public static async Task<bool> ClaimAsync(InboxDbContext db, Guid conversationId, Expression<Func<ConversationRouting, bool>> unclaimed,
        Action<UpdateSettersBuilder<ConversationRouting>> claim, Func<ConversationRouting> create, CancellationToken ct)
    {
        var rows = db.Set<ConversationRouting>().Where(r => r.ConversationId == conversationId);
        if (await rows.Where(unclaimed).ExecuteUpdateAsync(claim, ct) > 0) return true;
        if (await rows.AnyAsync(ct)) return false;
        db.Add(create());
        await db.SaveChangesAsync(ct);
        return true;
    }
}
