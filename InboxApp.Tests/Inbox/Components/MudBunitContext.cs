using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace InboxApp.Tests.Inbox.Components;

/// <summary>
/// A bunit context for components built with MudBlazor: Mud's services, JavaScript calls answered loosely (the browser
/// side is the E2E tests' part), an interactive server renderer, and asynchronous disposal (Mud's services only
/// dispose asynchronously; xunit 2 awaits <see cref="IAsyncLifetime.DisposeAsync"/> before its synchronous Dispose).
/// </summary>
public abstract class MudBunitContext : BunitContext, IAsyncLifetime
{
    /// <summary>
    /// How long <c>WaitFor…</c> waits when a test gives no timeout: bunit's default (one second) is shorter than a render
    /// against the real app takes on a loaded machine (the renderer's dispatcher may not even run the check in time).
    /// A wait returns as soon as its condition holds, so this costs nothing when the component is quick.
    /// </summary>
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    protected MudBunitContext()
    {
        DefaultWaitTimeout = WaitTimeout;
        JSInterop.Mode = JSRuntimeMode.Loose;
        JSInterop.SetupModule("./inbox.js");
        Services.AddMudServices();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Before each test (after the constructor): a class's own set-up that must be awaited.</summary>
    public virtual Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
