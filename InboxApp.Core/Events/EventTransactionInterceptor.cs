using System.Data.Common;
using InboxApp.Core.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Core.Events;

/// <summary>
/// Publishes the events raised on a context when the EF Core transaction holding their save commits, and drops them when it
/// rolls back: in-process listeners never hear of a change that did not happen.
/// </summary>
public sealed class EventTransactionInterceptor : DbTransactionInterceptor
{
    public static readonly EventTransactionInterceptor Instance = new();

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as InboxDbContext)?.PublishCommitted();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as InboxDbContext)?.PublishCommitted();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as InboxDbContext)?.DiscardUncommitted();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as InboxDbContext)?.DiscardUncommitted();
        return Task.CompletedTask;
    }
}
