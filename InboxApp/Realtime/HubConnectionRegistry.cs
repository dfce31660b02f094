using System.Collections.Concurrent;
using InboxApp.Auth;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.SignalR;

namespace InboxApp.Realtime;

/// <summary>
/// The open <see cref="InboxHub"/> connections of this process by credential, so that a revoked credential ends its
/// connections at once: a user whose access changed (deactivated, removed, role or password changed), an access token
/// whose session was signed out, an API key deleted or disabled (<see cref="AccessChangeSignal"/>). Expired tokens and keys
/// are closed by SignalR itself (<c>CloseOnAuthenticationExpiration</c>, from the ticket's expiry).
/// </summary>
public sealed class HubConnectionRegistry : IDisposable
{
    private sealed record Entry(HubCallerContext Context, Guid? UserId, Guid? ApiKeyId, Guid? SessionId);

    private readonly ConcurrentDictionary<string, Entry> connections = new();
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

    public void Add(HubCallerContext context)
    {
        var user = context.User;
        connections[context.ConnectionId] = new Entry(context, user?.GetUserId(), user?.GetApiKeyId(), user?.GetSessionId());
    }

    public void Remove(string connectionId) => connections.TryRemove(connectionId, out _);

    private void OnUserAccessChanged(Guid userId) => Close(e => e.UserId == userId, "user access changed");

    private void OnApiKeyRevoked(Guid apiKeyId) => Close(e => e.ApiKeyId == apiKeyId, "API key revoked");

    private void OnSessionEnded(Guid sessionId) => Close(e => e.SessionId == sessionId, "signed out");

    private void Close(Func<Entry, bool> revoked, string reason)
    {
        foreach (var (id, entry) in connections)
        {
            if (!revoked(entry)) continue;
            connections.TryRemove(id, out _);
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
