using System.Collections.Concurrent;
using InboxApp.Core.Data;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Events;

/// <summary>
/// The app with test listeners: on <see cref="ContactCreated"/> (raised when a new customer writes) an in-process recorder,
/// a durable listener that fails as often as a test asks for its organization and a durable batch listener
/// (<see cref="BatchContactListener"/>); on bulk changes' events a durable recorder (<see cref="BulkChangeRecorder"/>).
/// Retries are quick (50 ms base) and a delivery is poisoned after 3 attempts. One host for the classes of
/// <see cref="Collection"/>: every listener keeps what it heard per organization (and fails only for organizations a test
/// asked it to), each test makes its own organizations and reads only their rows, by listener.
/// </summary>
public sealed class OutboxFactory : InboxAppFactory
{
    public const string Collection = "Outbox app";

    public const int MaxAttempts = 3;
    public static readonly TimeSpan RetryBase = TimeSpan.FromMilliseconds(50);

    public OutboxFactory()
    {
        With("Events:MaxAttempts", MaxAttempts.ToString());
        With("Events:RetryBaseDelay", RetryBase.ToString());
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddInProcessListener<ContactRecorder>().AddDurableListener<FlakyContactListener>()
            .AddDurableListener<BatchContactListener>().AddDurableListener<BulkChangeRecorder>());
    }
}

[CollectionDefinition(OutboxFactory.Collection), RunsLong(12)]
public sealed class OutboxAppCollection : ICollectionFixture<OutboxFactory>;

/// <summary>Records every <see cref="ContactCreated"/> it hears, per organization, with whether the contact was already stored.</summary>
public sealed class ContactRecorder(InboxDb inboxDb) : IInProcessListener<ContactCreated>
{
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<(Guid ContactId, bool Stored)>> Heard = new();

    public static IReadOnlyCollection<(Guid ContactId, bool Stored)> For(Guid organizationId) => Heard.TryGetValue(organizationId, out var q) ? q.ToArray() : [];

    public async Task HandleAsync(ContactCreated e, CancellationToken ct)
    {
        await using var db = inboxDb.For(e.OrganizationId);
        var stored = await db.Contacts.AnyAsync(c => c.Id == e.ContactId, ct);
        Heard.GetOrAdd(e.OrganizationId, _ => new()).Enqueue((e.ContactId, stored));
    }
}

/// <summary>Fails the first <see cref="FailuresWanted"/> attempts of its organization's events, then succeeds; records each attempt's time.</summary>
public sealed class FlakyContactListener : IDurableListener<ContactCreated>
{
    public static readonly ConcurrentDictionary<Guid, int> FailuresWanted = new();
    public static readonly ConcurrentDictionary<Guid, ConcurrentQueue<DateTimeOffset>> Attempts = new();

    public static IReadOnlyList<DateTimeOffset> AttemptsOf(Guid organizationId) => Attempts.TryGetValue(organizationId, out var q) ? q.ToList() : [];

    public Task HandleAsync(ContactCreated e, CancellationToken ct)
    {
        var attempts = Attempts.GetOrAdd(e.OrganizationId, _ => new());
        attempts.Enqueue(DateTimeOffset.UtcNow);
        if (attempts.Count <= FailuresWanted.GetValueOrDefault(e.OrganizationId))
            throw new InvalidOperationException($"Flaky listener failure {attempts.Count}");
        return Task.CompletedTask;
    }
}
