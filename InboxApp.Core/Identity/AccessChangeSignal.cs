namespace InboxApp.Core.Identity;

/// <summary>
/// Tells this process at once that a credential lost or changed its access, after the change was saved: a user's access
/// changed (deactivated, removed, role or password changed: the security stamp rotated), an API key was deleted or
/// disabled, or a sign-in session ended. The web host ends what still runs on the old credential (Blazor circuits, hub
/// connections). Other nodes learn of it when they revalidate (<c>Auth:RevalidationInterval</c>) or on the next request.
/// </summary>
public sealed class AccessChangeSignal
{
    public event Action<Guid>? UserAccessChanged;

    public event Action<Guid>? ApiKeyRevoked;

    public event Action<Guid>? SessionEnded;

    public void UserChanged(Guid userId) => UserAccessChanged?.Invoke(userId);

    public void ApiKeyChanged(Guid apiKeyId) => ApiKeyRevoked?.Invoke(apiKeyId);

    public void SessionRevoked(Guid sessionId) => SessionEnded?.Invoke(sessionId);
}
