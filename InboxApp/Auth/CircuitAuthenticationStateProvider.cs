using System.Security.Claims;
using InboxApp.Core.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace InboxApp.Auth;

/// <summary>
/// The authentication state of an open browser tab (Blazor circuit), which follows its user instead of keeping the rights
/// it had when the tab opened. It is checked against the database every <see cref="AuthOptions.RevalidationInterval"/>,
/// at once when this process changes the user's access or ends the session (<see cref="AccessChangeSignal"/>), and before
/// every action of a page (<see cref="CircuitAccessGate"/>, <see cref="EnsureCurrentAsync"/>). A user who may no longer act
/// (deactivated, removed, role or password changed, signed out, organization suspended) becomes anonymous: the pages'
/// authorization sends the tab to the sign-in page, whose full load drops the stale cookie.
/// </summary>
public sealed class CircuitAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private static readonly AuthenticationState Anonymous = new(new ClaimsPrincipal(new ClaimsIdentity()));

    private readonly AccessResolver resolver;
    private readonly AccessChangeSignal signal;
    private readonly IOptions<AuthOptions> options;
    private readonly ILogger logger;
    private int revoked;

    public CircuitAuthenticationStateProvider(ILoggerFactory loggers, AccessResolver resolver, AccessChangeSignal signal, IOptions<AuthOptions> options)
        : base(loggers)
    {
        this.resolver = resolver;
        this.signal = signal;
        this.options = options;
        logger = loggers.CreateLogger<CircuitAuthenticationStateProvider>();
        signal.UserAccessChanged += OnUserAccessChanged;
        signal.SessionEnded += OnSessionEnded;
    }

    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var current = await IsCurrentAsync(authenticationState.User, cancellationToken);
        if (!current) Interlocked.Exchange(ref revoked, 1); // the base class makes the state anonymous
        return current;
    }

    /// <summary>
    /// Before an action of a page: true when the tab's user may still act as the tab believes (same stamp, role and
    /// session, organization active), read from the database (one indexed read: an action never runs on rights the
    /// user lost on another node); otherwise the tab becomes anonymous and false is returned. Anonymous tabs pass.
    /// </summary>
    public async Task<bool> EnsureCurrentAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref revoked) == 1) return false;
        AuthenticationState state;
        try
        {
            state = await GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            return true; // the circuit is still starting: it has no user yet
        }
        if (state.User.Identity?.IsAuthenticated != true) return true;
        if (await IsCurrentAsync(state.User, ct)) return true;
        Revoke();
        return false;
    }

    private async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return true;
        if (user.GetUserId() is not { } userId || user.GetSessionId() is not { } sessionId) return false;
        var access = await resolver.ResolveUserAsync(userId, user.FindFirstValue(InboxClaims.SecurityStamp) ?? "", sessionId, ct);
        return access is { OrganizationActive: true } && access.Actor.Role.ToString() == user.FindFirstValue(InboxClaims.Role);
    }

    private void Revoke()
    {
        if (Interlocked.Exchange(ref revoked, 1) == 1) return;
        SetAuthenticationState(Task.FromResult(Anonymous));
    }

    private void OnUserAccessChanged(Guid userId) => _ = RecheckAsync(user => user.GetUserId() == userId);

    private void OnSessionEnded(Guid sessionId) => _ = RecheckAsync(user => user.GetSessionId() == sessionId);

    // Runs on the thread that changed the access; every open tab hears it, only the tabs of that user or session read.
    private async Task RecheckAsync(Func<ClaimsPrincipal, bool> concerns)
    {
        try
        {
            var task = GetAuthenticationStateAsync();
            if (!task.IsCompleted) return;
            var user = (await task).User;
            if (user.Identity?.IsAuthenticated != true || !concerns(user)) return;
            if (!await IsCurrentAsync(user, CancellationToken.None)) Revoke();
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // A circuit that is starting (no user yet) or already gone has nothing to end.
        }
        catch (Exception e)
        {
            // Not revoked now: the next revalidation or action reads the database again.
            logger.LogWarning(e, "Could not recheck an open tab's access after a change");
        }
    }

    protected override void Dispose(bool disposing)
    {
        signal.UserAccessChanged -= OnUserAccessChanged;
        signal.SessionEnded -= OnSessionEnded;
        base.Dispose(disposing);
    }
}
