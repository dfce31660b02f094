using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Core.Events;

/// <summary>
/// Optional on a durable listener: says, from an organization's configuration, which of its events the listener may have
/// work for, so that a save writes no outbox row for the others (the outgoing-webhook fan-out in an organization with no
/// endpoints, the off-hours reply where it is off, …). The answer is cached per organization by
/// <see cref="ListenerInterestCache"/>; the feature that owns the configuration calls
/// <see cref="Data.InboxDbContext.InterestChanged{TListener}"/> before the save that commits a change to it. The test must be
/// honest: when it says no, the listener, called with that event, would have done nothing.
/// </summary>
public interface IDurableListenerInterest
{
    /// <summary>
    /// Reads what decides this listener's interest in <paramref name="organizationId"/>'s events and returns the test for one
    /// event of that organization (cheap, no I/O: it runs in the save that raises the event).
    /// </summary>
    Task<Func<DomainEvent, bool>> LoadInterestAsync(Guid organizationId, CancellationToken ct);
}

/// <summary>
/// The interest answers one save read for its events, by listener and organization (<see cref="EventDispatcher.PrepareAsync"/>);
/// a key that is missing (not read, or the read failed) means "write the row".
/// </summary>
public sealed class InterestAnswers(Dictionary<(Type Listener, Guid Organization), Func<DomainEvent, bool>> answers)
{
    /// <summary>Whether <paramref name="listener"/> wants <paramref name="e"/>: true unless its answer, read for this save, says no.</summary>
    public bool Wants(Type listener, DomainEvent e) => !answers.TryGetValue((listener, e.OrganizationId), out var wants) || wants(e);
}

/// <summary>
/// The durable listeners' answers to "does this organization's event interest you?" (<see cref="IDurableListenerInterest"/>),
/// per listener and organization, each kept with the organization's <see cref="Organizations.Organization.InterestStamp"/>
/// it was read under (ADR 0040, replacing the TTL of ADR 0032). A save reads the stamps of its events' organizations (one
/// indexed read, <see cref="EventDispatcher.PrepareAsync"/>) and uses a cached answer only under the same stamp; the
/// feature that changes the configuration bumps the stamp in the same transaction
/// (<see cref="Data.InboxDbContext.InterestChanged{TListener}"/>), so every node's next save asks the listener again: no
/// node skips rows a listener now wants. A save that read nothing (a synchronous one, a failed read) writes the rows, which is
/// never wrong: the listener decides again when it runs.
/// </summary>
public sealed class ListenerInterestCache(IServiceProvider services, ILogger<ListenerInterestCache> logger)
{
    private sealed record Entry(Func<DomainEvent, bool> Wants, Guid Stamp);

    private readonly ConcurrentDictionary<(Type Listener, Guid Organization), Entry> entries = new();

    /// <summary>
    /// The answers of these listeners and organizations under the organizations' current <paramref name="stamps"/>: cached
    /// where read under the same stamp, loaded (and cached) otherwise. An organization without a stamp, or a failed load
    /// (logged), gets no answer: its rows are written.
    /// </summary>
    public async Task<InterestAnswers> AnswersAsync(IEnumerable<(Type Listener, Guid Organization)> keys, IReadOnlyDictionary<Guid, Guid> stamps,
        CancellationToken ct)
    {
        var answers = new Dictionary<(Type, Guid), Func<DomainEvent, bool>>();
        foreach (var key in keys)
        {
            if (!stamps.TryGetValue(key.Organization, out var stamp)) continue;
            if (entries.TryGetValue(key, out var entry) && entry.Stamp == stamp)
            {
                answers[key] = entry.Wants;
                continue;
            }
            Func<DomainEvent, bool> wants;
            try
            {
                wants = await ((IDurableListenerInterest)services.GetRequiredService(key.Listener)).LoadInterestAsync(key.Organization, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading {Listener}'s interest in organization {Organization} failed; its outbox rows are written", key.Listener.Name, key.Organization);
                continue;
            }
            // Read after the stamp: a change committed meanwhile has a newer stamp, so the next save reads again.
            entries[key] = new Entry(wants, stamp);
            answers[key] = wants;
        }
        return new InterestAnswers(answers);
    }

    /// <summary>A test that wants every event (for a listener whose interest depends on the event alone).</summary>
    public static Task<Func<DomainEvent, bool>> Always(Func<DomainEvent, bool> wants) => Task.FromResult(wants);
}
