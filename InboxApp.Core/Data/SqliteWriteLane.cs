using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InboxApp.Core.Data;

/// <summary>
/// One writer at a time on a SQLite database's main file, in arrival order, for every writer in this process.
/// <para>
/// Why: SQLite has one writer per file and no queue. A writer that finds the file locked sleeps in SQLite's busy handler
/// (1, 2, 5 … 100 ms) and tries again; whoever tries at the right moment wins, so under load a writer can lose every round
/// while others keep winning, until its busy timeout runs out and it fails with "database is locked". That is what failed
/// webhook deliveries (and made the sandbox answer 503) when the machine was busy: the inbound processor's commit, the
/// largest write, lost the lock over and over to the outbox worker and the listeners' many short writes. Here writers wait
/// in a FIFO queue in .NET instead (<see cref="SemaphoreSlim"/> hands the lane to async waiters in order), so no in-process
/// writer waits on SQLite's lock at all; the busy timeout is left for other processes.
/// </para>
/// <para>
/// Who takes the lane (<see cref="SqliteWriteLaneInterceptor"/>): a <c>SaveChanges</c>, a transaction EF Core starts (made
/// deferred: with the lane held, nobody in this process can write between its reads and its writes), an autocommit write
/// command (<c>ExecuteUpdate</c>, <c>ExecuteDelete</c>, raw SQL) and <see cref="SqliteWrites.InDeferredTransactionAsync{T}"/>.
/// The webhook spool's writers (acknowledgements, claims and outcomes of deliveries: <see cref="SqliteWebhookSpool"/>) write
/// another file and keep their own turn-taking, so an acknowledgement never waits for a processing commit.
/// </para>
/// A writer that has waited <see cref="Timeout"/> for the lane goes on without it (SQLite's busy handler decides then), so
/// a write nested inside another connection's transaction still fails as before rather than hanging.
/// </summary>
public sealed class SqliteWriteLane
{
    private static readonly ConcurrentDictionary<string, SqliteWriteLane> Lanes = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim gate = new(1, 1);

    private SqliteWriteLane(TimeSpan timeout) => Timeout = timeout;

    /// <summary>How long a writer waits for the lane before it goes on without it.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The lane of a SQLite connection string's file (shared by every context and host of this process on that file); null in memory.</summary>
    public static SqliteWriteLane? For(string connectionString, int busyTimeoutMs)
    {
        var b = new SqliteConnectionStringBuilder(connectionString);
        if (b.Mode == SqliteOpenMode.Memory || string.IsNullOrEmpty(b.DataSource) || b.DataSource == ":memory:") return null;
        var timeout = TimeSpan.FromMilliseconds(Math.Max(15_000, 3L * busyTimeoutMs));
        return Lanes.GetOrAdd(Path.GetFullPath(b.DataSource), _ => new SqliteWriteLane(timeout));
    }

    internal async ValueTask<bool> EnterAsync(CancellationToken ct) => await gate.WaitAsync(Timeout, ct);

    internal bool Enter() => gate.Wait(Timeout);

    internal void Exit() => gate.Release();

    /// <summary>Who holds the lane through a connection: nested takers (a save inside a transaction) count up and down.</summary>
    private sealed class Holder
    {
        public int Depth;
        public bool Owns;
        /// <summary>Writes the webhook spool only (<see cref="SqliteWrites"/>): takes no lane.</summary>
        public bool Exempt;
    }

    private static readonly ConditionalWeakTable<DbConnection, Holder> Holders = new();

    internal async ValueTask AcquireAsync(DbConnection connection, CancellationToken ct)
    {
        var holder = Holders.GetValue(connection, _ => new Holder());
        if (holder.Exempt) return;
        if (holder.Depth++ > 0) return;
        try
        {
            holder.Owns = await EnterAsync(ct);
        }
        catch
        {
            holder.Depth = 0;
            throw;
        }
    }

    internal void Acquire(DbConnection connection)
    {
        var holder = Holders.GetValue(connection, _ => new Holder());
        if (holder.Exempt) return;
        if (holder.Depth++ > 0) return;
        holder.Owns = Enter();
    }

    internal void Release(DbConnection connection)
    {
        if (!Holders.TryGetValue(connection, out var holder) || holder.Exempt || holder.Depth == 0) return;
        if (--holder.Depth > 0) return;
        ReleaseOwned(holder);
    }

    /// <summary>The connection closes: whatever it still holds goes (a transaction disposed without commit or rollback).</summary>
    internal void ReleaseAll(DbConnection connection)
    {
        if (!Holders.TryGetValue(connection, out var holder) || holder.Exempt || holder.Depth == 0) return;
        holder.Depth = 0;
        ReleaseOwned(holder);
    }

    private void ReleaseOwned(Holder holder)
    {
        if (!holder.Owns) return;
        holder.Owns = false;
        gate.Release();
    }

    /// <summary>Marks a connection as writing the webhook spool only, for the duration of the returned scope.</summary>
    internal static IDisposable Exempt(DbConnection connection)
    {
        var holder = Holders.GetValue(connection, _ => new Holder());
        holder.Exempt = true;
        return new ExemptScope(holder);
    }

    private sealed class ExemptScope(Holder holder) : IDisposable
    {
        public void Dispose() => holder.Exempt = false;
    }
}

/// <summary>
/// Takes <see cref="SqliteWriteLane"/> for the writes EF Core makes, and makes the transactions EF Core starts deferred (they
/// lock only the file they write, not the attached webhook spool as <c>BEGIN IMMEDIATE</c> does).
/// </summary>
public sealed class SqliteWriteLaneInterceptor(SqliteWriteLane lane)
    : ISaveChangesInterceptor, IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public SqliteWriteLane Lane => lane;

    /// <summary>The interceptor for a SQLite connection string (none for an in-memory database).</summary>
    public static IInterceptor[] For(string connectionString, int busyTimeoutMs) =>
        SqliteWriteLane.For(connectionString, busyTimeoutMs) is { } lane ? [new SqliteWriteLaneInterceptor(lane)] : [];

    // SaveChanges: the whole save (EF Core's own transaction included) holds the lane.
    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context) lane.Acquire(context.Database.GetDbConnection());
        return result;
    }

    public async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context) await lane.AcquireAsync(context.Database.GetDbConnection(), cancellationToken);
        return result;
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ReleaseSave(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => ReleaseSave(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesCanceled(DbContextEventData eventData) => ReleaseSave(eventData.Context);

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseSave(eventData.Context);
        return Task.CompletedTask;
    }

    private void ReleaseSave(DbContext? context)
    {
        if (context is not null) lane.Release(context.Database.GetDbConnection());
    }

    // Transactions EF Core starts (SaveChanges' own, BeginTransaction): deferred, holding the lane until they end.
    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        lane.Acquire(connection);
        return Deferred(connection, eventData, result);
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await lane.AcquireAsync(connection, cancellationToken);
        return Deferred(connection, eventData, result);
    }

    private InterceptionResult<DbTransaction> Deferred(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        if (result.HasResult || connection is not SqliteConnection sqlite) return result;
        try
        {
            var level = eventData.IsolationLevel == IsolationLevel.Unspecified ? IsolationLevel.Serializable : eventData.IsolationLevel;
            return InterceptionResult<DbTransaction>.SuppressWithResult(sqlite.BeginTransaction(level, deferred: true));
        }
        catch
        {
            lane.Release(connection);
            throw;
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    // A transaction's connection is gone from it once it ends; the context still has it (the closing connection releases otherwise).
    private void Release(TransactionEventData eventData)
    {
        if (eventData.Context is { } context) lane.Release(context.Database.GetDbConnection());
    }

    // Autocommit writes (ExecuteUpdate, ExecuteDelete, raw SQL outside a transaction). Statements on the spool's table take no lane.
    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (TakesLane(command)) lane.Acquire(command.Connection!);
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (TakesLane(command)) await lane.AcquireAsync(command.Connection!, cancellationToken);
        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        if (TakesLane(command)) lane.Release(command.Connection!);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NonQueryExecuted(command, eventData, result);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData)
    {
        if (eventData.ExecuteMethod == DbCommandMethod.ExecuteNonQuery && TakesLane(command)) lane.Release(command.Connection!);
    }

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandFailed(command, eventData);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData)
    {
        if (eventData.ExecuteMethod == DbCommandMethod.ExecuteNonQuery && TakesLane(command)) lane.Release(command.Connection!);
    }

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        CommandCanceled(command, eventData);
        return Task.CompletedTask;
    }

    /// <summary>An autocommit write of the main file: outside any transaction, a write statement, not on the spool's table.</summary>
    private static bool TakesLane(DbCommand command)
    {
        if (command.Transaction is not null || command.Connection is null) return false;
        var sql = command.CommandText.AsSpan().TrimStart();
        var write = sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
        return write && !command.CommandText.Contains($"\"{SqliteWebhookSpool.Table}\"", StringComparison.Ordinal);
    }

    // A connection that closes gives back whatever it still holds (a transaction disposed without commit or rollback).
    public InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        lane.ReleaseAll(connection);
        return result;
    }

    public ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        lane.ReleaseAll(connection);
        return ValueTask.FromResult(result);
    }
}
