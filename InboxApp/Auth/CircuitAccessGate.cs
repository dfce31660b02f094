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
    private readonly Lock order = new();
    private Task previousStarted = Task.CompletedTask;

    /// <remarks>
    /// Blazor dispatches a tab's inbound calls without waiting for the previous one, and the check awaits a database read:
    /// unchained, a keystroke's input event could reach the page after the Enter that followed it (the composer then sent
    /// "second li"). Each activity therefore starts only after the one before it has been checked and started; it does not
    /// wait for the one before it to finish (a handler may itself wait on a later inbound call, such as a JavaScript result).
    /// </remarks>
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Task prior;
            lock (order)
            {
                prior = previousStarted;
                previousStarted = started.Task;
            }
            Task? run = null;
            try
            {
                await prior;
                if (authentication is not CircuitAuthenticationStateProvider circuit || await circuit.EnsureCurrentAsync(CancellationToken.None))
                    run = next(context);
            }
            finally
            {
                started.TrySetResult();
            }
            if (run is not null)
            {
                await run;
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
