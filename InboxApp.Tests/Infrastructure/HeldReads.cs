using System.Data.Common;
using InboxApp.Core.Common;
using InboxApp.Core.Data;
using InboxApp.Core.Events;
using InboxApp.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// For component tests of pages that reload on events (bunit, against the real app): their reads go through contexts whose
/// next read of messages can be held after it ran (<see cref="HeldRead"/>), and they hear only the events the test hands
/// them (<see cref="HandedEvents"/>), so "an older read finishes last" is made to happen instead of hoped for.
/// </summary>
public static class HeldReads
{
    /// <summary>Contexts on the app's database, as the app builds them for reading, with <paramref name="held"/> among their interceptors.</summary>
    public static Func<InboxDbContext> Contexts(IServiceProvider sp, HeldRead held)
    {
        var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var configured = sp.GetRequiredService<IConfiguration>().GetConnectionString("Inbox");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            var pg = new DbContextOptionsBuilder<PostgresInboxDbContext>().UseNpgsql(configured).AddInterceptors(held).Options;
            return () => new PostgresInboxDbContext(pg);
        }
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? "Data Source=inbox.db" : configured);
        if (!Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.Combine(sp.GetRequiredService<AppPaths>().DataDirectory, builder.DataSource);
        var cs = SqliteConnectionStrings.WithDefaults(builder.ToString(), options.SqliteBusyTimeoutMs);
        var sqlite = new DbContextOptionsBuilder<SqliteInboxDbContext>()
            .UseSqlite(cs, o => o.MigrationsAssembly(typeof(InboxDb).Assembly.FullName))
            .AddInterceptors(new SqliteConnectionInterceptor(options.SqliteBusyTimeoutMs, SqliteWebhookSpool.PathFor(cs)), held)
            .Options;
        return () => new SqliteInboxDbContext(sqlite);
    }

    /// <summary>The app's <see cref="InboxDb"/>, its reads through <paramref name="held"/>.</summary>
    public static InboxDb Db(IServiceProvider sp, HeldRead held) => new(Contexts(sp, held), sp.GetRequiredService<EventDispatcher>());
}

/// <summary>Once armed, holds the next read of messages after it ran (what it read is fixed) until released.</summary>
public sealed class HeldRead : DbCommandInterceptor
{
    private readonly TaskCompletionSource caught = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int armed;

    public Task Caught => caught.Task;

    public void Arm() => Volatile.Write(ref armed, 1);

    public void Release() => released.TrySetResult();

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        if (command.CommandText.Contains("FROM \"Messages\"", StringComparison.Ordinal) && Interlocked.CompareExchange(ref armed, 0, 1) == 1)
        {
            caught.TrySetResult();
            await released.Task;
        }
        return result;
    }
}

/// <summary>The app's services, except those given here.</summary>
public sealed class Overrides(IServiceProvider app, Dictionary<Type, object> own) : IServiceProvider
{
    public object? GetService(Type serviceType) => own.TryGetValue(serviceType, out var service) ? service : app.GetService(serviceType);
}

/// <summary>A component's subscription, called by the test with the events it chooses (the app's own events do not reach it).</summary>
public sealed class HandedEvents : IInboxEventBus
{
    public List<Func<InboxEvent, Task>> Handlers { get; } = [];

    public void Publish(InboxEvent inboxEvent)
    {
    }

    public IDisposable Subscribe(Guid organizationId, Func<InboxEvent, Task> handler)
    {
        Handlers.Add(handler);
        return new Unsubscribe();
    }

    public IDisposable SubscribeAll(Func<InboxEvent, Task> handler) => new Unsubscribe();

    private sealed class Unsubscribe : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
