using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.Identity;

/// <summary>
/// Failed password attempts counted per account <em>and client address</em>: after <c>Auth:MaxFailedAttempts</c> failures
/// that client is locked out of that account for <c>Auth:LockoutMinutes</c>, while the owner signing in from elsewhere is
/// not (anyone who knows an address could otherwise lock its owner out). Guessing one account from many addresses is
/// limited by the per-account sign-in rate limit. Kept in memory: a restart forgets the counts, each node counts its own.
/// </summary>
public sealed class LoginLockout(TimeProvider clock, IOptions<AuthOptions> options)
{
    /// <summary>Beyond this many tracked pairs, pairs whose last failure is older than the lockout are dropped.</summary>
    public const int MaxTracked = 50_000;

    private readonly ConcurrentDictionary<(Guid UserId, string Client), Entry> entries = new();

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset? LockedUntil;
    }

    public bool IsLocked(Guid userId, string client)
    {
        if (!entries.TryGetValue((userId, client), out var entry)) return false;
        lock (entry) return entry.LockedUntil > clock.GetUtcNow();
    }

    public void Failed(Guid userId, string client)
    {
        var now = clock.GetUtcNow();
        if (entries.Count >= MaxTracked) Prune(now);
        var entry = entries.GetOrAdd((userId, client), _ => new Entry());
        lock (entry)
        {
            entry.Failures++;
            entry.LastFailure = now;
            if (entry.Failures < options.Value.MaxFailedAttempts) return;
            entry.LockedUntil = now.AddMinutes(options.Value.LockoutMinutes);
            entry.Failures = 0;
        }
    }

    public void Succeeded(Guid userId, string client) => entries.TryRemove((userId, client), out _);

    private void Prune(DateTimeOffset now)
    {
        var horizon = now.AddMinutes(-options.Value.LockoutMinutes);
        foreach (var (key, entry) in entries)
        {
            bool stale;
            lock (entry) stale = entry.LastFailure < horizon && !(entry.LockedUntil > now);
            if (stale) entries.TryRemove(key, out _);
        }
    }
}
