using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Events;

/// <summary>
/// Optional on a durable listener: says, from an organization's configuration, which of its events the listener may have
/// work for, so that a save writes no outbox row for the others (the outgoing-webhook fan-out in an organization with no
/// endpoints, the off-hours reply where it is off, …). The answer is cached per organization by
/// <see cref="ListenerInterestCache"/>; the feature that owns the configuration calls
/// <see cref="ListenerInterestCache.Changed{TListener}"/> after saving a change to it. The test must be honest: when it says
/// no, the listener, called with that event, would have done nothing.
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
/// The durable listeners' answers to "does this organization's event interest you?" (<see cref="IDurableListenerInterest"/>),
/// per listener and organization. A save loads the answers it misses before it stages its outbox rows
/// (<see cref="EventDispatcher.PrepareAsync"/>); a save that could not (a synchronous one, or a failed load) writes the
/// row, which is never wrong: the listener decides again when it runs.
/// <para>
/// Freshness: in this process a change is seen by the next save, because the owning feature calls
/// <see cref="Changed{TListener}"/> after its commit (a load that started before the change is not kept). Other processes
/// of the app keep their answer until it is <see cref="OutboxOptions.InterestTtl"/> old (a TTL, not a version row: no
/// extra query per save), so a change made on another node reaches this node's saves within that time.
/// </para>
/// </summary>
public sealed class ListenerInterestCache(IServiceProvider services, IOptions<OutboxOptions> options, ILogger<ListenerInterestCache> logger)
{
    private sealed record Entry(Func<DomainEvent, bool> Wants, long LoadedAt);

    private readonly ConcurrentDictionary<(Type Listener, Guid Organization), Entry> entries = new();
    /// <summary>Bumped by every change: a load that began under an older generation is not stored.</summary>
    private readonly ConcurrentDictionary<(Type Listener, Guid Organization), long> generations = new();

    /// <summary>
    /// Whether <paramref name="listener"/> wants <paramref name="e"/>: its cached answer, or true when there is none (or it
    /// is older than the TTL): writing a row the listener turns out not to need costs a little; leaving one out loses work.
    /// </summary>
    public bool Wants(Type listener, DomainEvent e) =>
        !entries.TryGetValue((listener, e.OrganizationId), out var entry) || !Fresh(entry) || entry.Wants(e);

    /// <summary>Whether an answer for the listener and organization is cached and within the TTL.</summary>
    public bool Known(Type listener, Guid organizationId) => entries.TryGetValue((listener, organizationId), out var entry) && Fresh(entry);

    /// <summary>
    /// The configuration <typeparamref name="TListener"/>'s interest depends on changed in <paramref name="organizationId"/>
    /// (call after the change committed): the next save of that organization asks the listener again.
    /// </summary>
    public void Changed<TListener>(Guid organizationId) where TListener : IDurableListenerInterest => Changed(typeof(TListener), organizationId);

    public void Changed(Type listener, Guid organizationId)
    {
        generations.AddOrUpdate((listener, organizationId), 1, (_, g) => g + 1);
        entries.TryRemove((listener, organizationId), out _);
    }

    /// <summary>Loads the answers of these listeners and organizations (a failed load is logged and left out: those rows are written).</summary>
    public async Task LoadAsync(IEnumerable<(Type Listener, Guid Organization)> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            var generation = generations.GetValueOrDefault(key);
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
            var entry = new Entry(wants, Environment.TickCount64);
            entries[key] = entry;
            // A change during the load: its answer may predate the change.
            if (generations.GetValueOrDefault(key) != generation) entries.TryRemove(new KeyValuePair<(Type, Guid), Entry>(key, entry));
        }
    }

    private bool Fresh(Entry entry) => Environment.TickCount64 - entry.LoadedAt < (long)options.Value.InterestTtl.TotalMilliseconds;

    /// <summary>A test that wants every event (for a listener whose interest depends on the event alone).</summary>
    public static Task<Func<DomainEvent, bool>> Always(Func<DomainEvent, bool> wants) => Task.FromResult(wants);
}
