using System.Security.Claims;
using Bunit;
using InboxApp.Auth;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Common;
using InboxApp.Core.Events;
using InboxApp.Core.Identity;
using InboxApp.Core.Storage;
using InboxApp.Features.Sandbox;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PageView = Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>;

namespace InboxApp.Tests.Sandbox;

/// <summary>
/// The sandbox page (bunit, against the real app) reloads its thread on every event of the organization; those reloads
/// overlap and may finish in any order. Here the page's reads go through a context whose next read of messages can be
/// held after it ran, and the page hears only the events the test hands it, so "an older read finishes last" is made to
/// happen instead of hoped for (in the browser it showed a photo still "arriving…" after it had arrived).
/// </summary>
[Collection(SharedApp.Name)]
public sealed class SandboxPageTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    [Fact]
    public async Task A_reload_that_read_before_a_change_and_finished_after_a_later_one_does_not_hide_the_change()
    {
        var (admin, actor) = await AdminAsync();
        var number = await Factory.Services.GetRequiredService<SandboxService>().CreateNumberAsync(actor, null);
        var simulator = Factory.Services.GetRequiredService<SandboxSimulator>();
        var started = await simulator.SimulateConversationAsync(actor,
            new SimulatedConversation(number.Id, new SimulatedContact("Pat Parcel", null, null, null), [SimulatedContent.OfText("Here is the damaged box")]));

        // The page's own services: its reads through the holding contexts, its events from the test; the rest is the app's.
        var held = new HeldRead();
        var bus = new HandedEvents();
        var reads = new SandboxService(HeldReads.Db(Factory.Services, held),
            Factory.Services.GetRequiredService<TimeProvider>(), Factory.Services.GetRequiredService<IOptions<SandboxOptions>>(),
            Factory.Services.GetRequiredService<MediaStore>());
        Services.AddFallbackServiceProvider(new Overrides(Factory.Services, new() { [typeof(SandboxService)] = reads, [typeof(IInboxEventBus)] = bus }));
        var page = RenderAs(admin);
        page.WaitForAssertion(() => Assert.Contains("Pat Parcel", page.Markup));
        await page.FindAll("[data-testid=sandbox-conversation]").Single(e => e.TextContent.Contains("Pat Parcel")).ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Here is the damaged box", page.Find("[data-testid=sandbox-chat]").TextContent));
        var heard = Assert.Single(bus.Handlers);

        // A reload reads the thread and is held there; the customer writes again; a later reload shows it.
        held.Arm();
        var first = heard(new MessageReceived(admin.OrganizationId, started.ConversationId, Guid.NewGuid()));
        await held.Caught.WaitAsync(TimeSpan.FromSeconds(15));
        var second = await simulator.SimulateMessageAsync(actor, started.ConversationId, SimulatedContent.OfText("The corner is crushed"));
        await heard(new MessageReceived(admin.OrganizationId, started.ConversationId, second.MessageId));
        page.WaitForAssertion(() => Assert.Contains("The corner is crushed", page.Find("[data-testid=sandbox-chat]").TextContent));

        // The held reload finishes last, with what it read before the second message: the page keeps the newer thread.
        held.Release();
        await first.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Contains("The corner is crushed", page.Find("[data-testid=sandbox-chat]").TextContent);
    }

    /// <summary>The page under the admin's authentication state; the test holds the wrapper only (one handle: bunit rebuilds
    /// each held handle's markup after every render).</summary>
    private PageView RenderAs(SignedIn admin)
    {
        var state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "Admin"), new Claim(InboxClaims.UserId, admin.UserId.ToString()), new Claim(InboxClaims.OrganizationId, admin.OrganizationId.ToString()),
             new Claim(InboxClaims.Role, "ADMIN")], "Test", ClaimTypes.Name, InboxClaims.Role))));
        return Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state).AddChildContent<SandboxPage>());
    }
}
