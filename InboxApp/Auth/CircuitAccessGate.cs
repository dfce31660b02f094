using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace InboxApp.Auth;

/// <summary>
/// Every action of an open tab (a click, a form, a JavaScript callback) first checks that its user may still act as the
/// tab believes (<see cref="CircuitAuthenticationStateProvider.EnsureCurrentAsync"/>). If not, the action does not run
/// and the tab goes to the sign-in page: a page's actor, read when the page opened, is therefore never older than the
/// last check, and a deactivated or demoted user's open tab can do nothing more.
/// </summary>
public sealed class CircuitAccessGate(AuthenticationStateProvider authentication, NavigationManager navigation, ILogger<CircuitAccessGate> logger)
    : CircuitHandler
{
    private int leaving;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            if (authentication is not CircuitAuthenticationStateProvider circuit || await circuit.EnsureCurrentAsync(CancellationToken.None))
            {
                await next(context);
                return;
            }
            if (Interlocked.Exchange(ref leaving, 1) == 1) return;
            logger.LogInformation("An open tab's user may no longer act; the tab goes to the sign-in page");
            try
            {
                navigation.NavigateTo("/login", forceLoad: true);
            }
            catch (InvalidOperationException)
            {
                // The circuit is not attached to a browser any more.
            }
        };
}
