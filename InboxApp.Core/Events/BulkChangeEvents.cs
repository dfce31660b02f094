using InboxApp.Core.Data;

namespace InboxApp.Core.Events;

/// <summary>
/// Events for bulk changes (<c>ExecuteUpdateAsync</c>, <c>ExecuteDeleteAsync</c>), which have no SaveChanges of their own to
/// ride on: the change and the outbox rows of its events commit in one transaction, and the events are published after the
/// commit, as for any save. Durable listeners follow bulk changes like any other.
/// </summary>
public static class BulkChangeEvents
{
    /// <summary>
    /// Runs <paramref name="change"/> (its first statement must be a write: on SQLite the transaction is deferred) and raises the
    /// events <paramref name="events"/> derives from its result, in one transaction; returns the change's result.
    /// </summary>
    public static Task<T> ChangeRaisingAsync<T>(this InboxDbContext db, Func<Task<T>> change, Func<T, IEnumerable<DomainEvent>> events, CancellationToken ct) =>
        db.InDeferredTransactionAsync(async () =>
        {
            var result = await change();
            foreach (var e in events(result)) db.Raise(e);
            await db.SaveChangesAsync(ct); // the outbox rows, in this transaction; the events wait for its commit
            return result;
        }, ct);
}
