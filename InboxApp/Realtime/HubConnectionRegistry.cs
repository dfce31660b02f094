using System.Collections.Concurrent;
using InboxApp.Auth;
using InboxApp.Core.Data;
using InboxApp.Core.Identity;
using InboxApp.Core.Organizations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.SignalR;

namespace InboxApp.Realtime;

/// <summary>
/// The open <see cref="InboxHub"/> connections of this process by credential, so that a revoked credential ends its
/// connections at once: a user whose access changed (deactivated, removed, role or password changed), an access token
/// whose session was signed out, an API key deleted or disabled (<see cref="AccessChangeSignal"/>). Changes made on another
/// node are found by <see cref="RevalidateAsync"/> (every <c>Auth:RevalidationInterval</c>). Expired tokens and keys are
/// closed by SignalR itself (<c>CloseOnAuthenticationExpiration</c>, from the ticket's expiry).
/// </summary>
public sealed class HubConnectionRegistry : IDisposable
{
    private sealed record Entry(HubCallerContext Context, Guid OrganizationId, Guid? UserId, Guid? ApiKeyId, Guid? SessionId, string? Stamp);

    private readonly ConcurrentDictionary<string, Entry> connections = new();
    private readonly ConcurrentDictionary<Guid, int> perOrganization = new();
    private readonly AccessChangeSignal signal;
    private readonly ILogger<HubConnectionRegistry> logger;

    public HubConnectionRegistry(AccessChangeSignal signal, ILogger<HubConnectionRegistry> logger)
    {
        this.signal = signal;
        this.logger = logger;
        signal.UserAccessChanged += OnUserAccessChanged;
        signal.ApiKeyRevoked += OnApiKeyRevoked;
        signal.SessionEnded += OnSessionEnded;
    }

    public void Add(HubCallerContext context, Guid organizationId)
    {
        var user = context.User;
        var entry = new Entry(context, organizationId, user?.GetUserId(), user?.GetApiKeyId(), user?.GetSessionId(),
            user?.FindFirst(InboxClaims.SecurityStamp)?.Value);
        if (connections.TryAdd(context.ConnectionId, entry)) perOrganization.AddOrUpdate(organizationId, 1, (_, n) => n + 1);
    }

    /// <summary>
    /// Whether any hub connection of this process follows the organization: the broadcaster serializes and sends an event only
    /// then (a campaign of 20,000 raises 40,000 events that nobody on the hub may be listening to).
    /// </summary>
    public bool HasConnections(Guid organizationId) => perOrganization.TryGetValue(organizationId, out var count) && count > 0;

    /// <summary>
    /// Closes every connection whose credential no longer holds in the database: user gone, deactivated or with another
    /// stamp, session signed out, API key deleted or disabled, organization suspended (three reads for all connections).
    /// </summary>
    public async Task RevalidateAsync(InboxDb inboxDb, CancellationToken ct)
    {
        var entries = connections.Values.ToList();
        if (entries.Count == 0) return;
        var userIds = entries.Where(e => e.UserId is not null).Select(e => e.UserId!.Value).Distinct().ToList();
        var sessionIds = entries.Where(e => e.SessionId is not null).Select(e => e.SessionId!.Value).Distinct().ToList();
        var keyIds = entries.Where(e => e.ApiKeyId is not null).Select(e => e.ApiKeyId!.Value).Distinct().ToList();
        await using var db = inboxDb.System();
        var stamps = userIds.Count == 0 ? [] : await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id) && u.IsActive && u.DeletedAt == null
                && (u.Organization == null || u.Organization.Status == OrganizationStatus.ACTIVE))
            .ToDictionaryAsync(u => u.Id, u => u.SecurityStamp, ct);
        var revokedSessions = sessionIds.Count == 0 ? [] : (await db.RevokedSessions.AsNoTracking()
            .Where(s => sessionIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var activeKeys = keyIds.Count == 0 ? [] : (await db.ApiKeys.AsNoTracking()
            .Where(k => keyIds.Contains(k.Id) && k.IsActive
                && db.Organizations.Any(o => o.Id == k.OrganizationId && o.Status == OrganizationStatus.ACTIVE))
            .Select(k => k.Id).ToListAsync(ct)).ToHashSet();
        Close(e => e.ApiKeyId is { } key
            ? !activeKeys.Contains(key)
            : e.UserId is not { } user || !stamps.TryGetValue(user, out var stamp) || stamp != e.Stamp
              || (e.SessionId is { } session && revokedSessions.Contains(session)), "revoked (revalidation)");
    }

    public void Remove(string connectionId) => Forget(connectionId);

    private bool Forget(string connectionId)
    {
        if (!connections.TryRemove(connectionId, out var entry)) return false;
        perOrganization.AddOrUpdate(entry.OrganizationId, 0, (_, n) => n - 1);
        return true;
    }

    private void OnUserAccessChanged(Guid userId) => Close(e => e.UserId == userId, "user access changed");

    private void OnApiKeyRevoked(Guid apiKeyId) => Close(e => e.ApiKeyId == apiKeyId, "API key revoked");

    private void OnSessionEnded(Guid sessionId) => Close(e => e.SessionId == sessionId, "signed out");

    private void Close(Func<Entry, bool> revoked, string reason)
    {
        foreach (var (id, entry) in connections)
        {
            if (!revoked(entry) || !Forget(id)) continue;
            logger.LogInformation("Closing hub connection {ConnectionId}: {Reason}", id, reason);
            entry.Context.Abort();
        }
    }

    public void Dispose()
    {
        signal.UserAccessChanged -= OnUserAccessChanged;
        signal.ApiKeyRevoked -= OnApiKeyRevoked;
        signal.SessionEnded -= OnSessionEnded;
    }
}

/// <summary>Revalidates the hub connections of this node every <c>Auth:RevalidationInterval</c> (changes made on other nodes).</summary>
public sealed class HubConnectionRevalidator(HubConnectionRegistry registry, InboxDb inboxDb, IOptions<AuthOptions> options, ILogger<HubConnectionRevalidator> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RevalidationInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await registry.RevalidateAsync(inboxDb, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Could not revalidate the hub connections");
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }
}
