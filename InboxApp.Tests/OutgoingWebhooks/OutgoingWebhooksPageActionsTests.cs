using System.Net.Http.Json;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using InboxApp.Auth;
using InboxApp.Core.OutgoingWebhooks;
using InboxApp.Features.OutgoingWebhooks;
using InboxApp.Tests.Events;
using InboxApp.Tests.Inbox.Components;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.PublicApi;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PageView = Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>
/// Settings › Webhooks as an admin uses it (bunit against the real services of a host that may post to the test's loopback
/// receiver): add an endpoint (its errors, its secret shown once), edit its events, send a test, rotate the secret,
/// redeliver from the log, delete after confirming; members who are not admins get none of it.
/// </summary>
[Collection(PartnerGraphApp.Name)]
public sealed class OutgoingWebhooksPageActionsTests : MudBunitContext, IAsyncLifetime
{
    private readonly PartnerGraphApp app;
    private WebhookReceiver receiver = null!;
    private Task<AuthenticationState>? state;

    public OutgoingWebhooksPageActionsTests(PartnerGraphApp app)
    {
        this.app = app;
        Services.AddFallbackServiceProvider(app.Factory.Services);
    }

    private InboxAppFactory Factory => app.Factory;

    private void SignIn(SignedIn member, string role) => state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Member"), new Claim(InboxClaims.UserId, member.UserId.ToString()), new Claim(InboxClaims.OrganizationId, member.OrganizationId.ToString()),
         new Claim(InboxClaims.Role, role)], "Test", ClaimTypes.Name, InboxClaims.Role))));

    private (PageView Page, IRenderedComponent<MudDialogProvider> Dialogs) RenderPage()
    {
        var dialogs = Render<MudDialogProvider>();
        // The wrapper only (one handle: bunit rebuilds each held handle's markup after every render).
        var page = Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state!).AddChildContent<OutgoingWebhooksPage>());
        return (page, dialogs);
    }

    private IReadOnlyList<string> Snackbars() => Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message ?? "").ToList();

    private static IElement Button(PageView page, string label) =>
        page.FindAll("button").Single(b => b.GetAttribute("aria-label") == label || (b.GetAttribute("aria-label") is null && b.TextContent.Trim() == label));

    private static async Task TypeUrlAsync(PageView page, string url)
    {
        try
        {
            await page.Find("#webhook-url").InputAsync(new ChangeEventArgs { Value = url });
        }
        catch (MissingEventHandlerException)
        {
            await page.Find("#webhook-url").ChangeAsync(new ChangeEventArgs { Value = url });
        }
    }

    private static Task CheckAsync(PageView page, string eventName, bool on) =>
        page.FindAll("label").Single(l => l.TextContent.Trim() == eventName).QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = on });

    /// <summary>
    /// Clicks an action that asks for confirmation and answers the message box. The click's handler waits for the answer,
    /// so it is awaited only after the answer was given.
    /// </summary>
    private static async Task ClickAndAnswerAsync(PageView page, IRenderedComponent<MudDialogProvider> dialogs, string label, string answer)
    {
        var click = Button(page, label).ClickAsync(new());
        dialogs.WaitForElement(".mud-dialog", TimeSpan.FromSeconds(10));
        await dialogs.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == answer).ClickAsync(new());
        await click.WaitAsync(TimeSpan.FromSeconds(30));
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")), TimeSpan.FromSeconds(10));
    }

    async Task IAsyncLifetime.InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await receiver.DisposeAsync();
        await DisposeAsync();
    }

    [Fact]
    public async Task An_admin_adds_an_endpoint_sees_its_secret_once_edits_its_events_tests_rotates_redelivers_and_deletes_it()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        SignIn(admin, "ADMIN");
        var (page, dialogs) = RenderPage();
        page.WaitForElement("[data-testid=webhooks-empty]", TimeSpan.FromSeconds(10));

        // Errors are shown on the form and nothing is added.
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("1 to", page.Find("[data-testid=webhook-error]").TextContent), TimeSpan.FromSeconds(10));
        await TypeUrlAsync(page, "ftp://files.example.com/hook");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("https", page.Find("[data-testid=webhook-error]").TextContent), TimeSpan.FromSeconds(10));
        var url = receiver.BaseUrl + "/page";
        await TypeUrlAsync(page, url);
        await CheckAsync(page, OutgoingWebhookEvents.MessageReceived, false);
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("Choose at least one event", page.Find("[data-testid=webhook-error]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Empty(await Factory.Services.GetRequiredService<OutgoingWebhookService>().ListAsync(new(admin.UserId, admin.OrganizationId, Core.Identity.UserRole.ADMIN)));

        // Added: the secret is shown once, then only its hint.
        await CheckAsync(page, OutgoingWebhookEvents.MessageReceived, true);
        await page.Find("form").SubmitAsync();
        page.WaitForElement("[data-testid=webhook-secret]", TimeSpan.FromSeconds(10));
        var secret = page.Find("[data-testid=webhook-secret]").TextContent.Trim();
        Assert.StartsWith("whsec_", secret);
        Assert.Empty(page.FindAll("[data-testid=webhook-error]"));
        Assert.Contains(url, page.Find("[data-testid=webhooks-grid]").TextContent);
        await Button(page, "Done").ClickAsync(new());
        Assert.Empty(page.FindAll("[data-testid=webhook-secret]"));
        Assert.DoesNotContain(secret, page.Markup);
        Assert.DoesNotContain(secret, RenderPage().Page.Markup);

        // Edit its events.
        await Button(page, $"Edit {url}").ClickAsync(new());
        Assert.Equal(url, page.Find("#webhook-url").GetAttribute("value"));
        await CheckAsync(page, OutgoingWebhookEvents.ConversationResolved, true);
        await Button(page, "Save changes").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("message.received, conversation.resolved", page.Find("[data-testid=webhooks-grid]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Contains("Add webhook", page.Markup); // the form is back to adding

        // Send a test: it arrives signed with the secret shown.
        await Button(page, $"Send a test to {url}").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains(Snackbars(), m => m.StartsWith("Test delivered: 200", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
        var test = Assert.Single(receiver.On("/page"));
        Assert.True(WebhookSignature.Verify(secret, test.Id, test.Timestamp, test.Body, test.Signature));

        // Rotate the secret (after confirming): the new one is shown once and signs the next test beside the old one.
        await ClickAndAnswerAsync(page, dialogs, $"Rotate the secret of {url}", "Rotate");
        page.WaitForElement("[data-testid=webhook-secret]", TimeSpan.FromSeconds(10));
        var rotated = page.Find("[data-testid=webhook-secret]").TextContent.Trim();
        Assert.NotEqual(secret, rotated);
        await Button(page, $"Send a test to {url}").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(2, receiver.On("/page").Count), TimeSpan.FromSeconds(10));
        Assert.True(WebhookSignature.Verify(rotated, receiver.On("/page")[1].Id, receiver.On("/page")[1].Timestamp, receiver.On("/page")[1].Body, receiver.On("/page")[1].Signature));

        // The delivery log, and a redelivery with the same webhook-id.
        await Button(page, $"Deliveries of {url}").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=webhook-deliveries] tbody tr").Count), TimeSpan.FromSeconds(10));
        var redeliver = page.FindAll("[data-testid=webhook-deliveries] button").Last(b => b.TextContent.Trim() == "Redeliver");
        await redeliver.ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("Queued for delivery again", Snackbars()), TimeSpan.FromSeconds(10));
        await EventsTestData.EventuallyAsync(() => Task.FromResult(receiver.On("/page").Count == 3), because: "the redelivery arrives");
        Assert.Equal(receiver.On("/page")[0].Id, receiver.On("/page")[2].Id);

        // Delete: cancelling keeps it; confirming removes it and its log.
        await ClickAndAnswerAsync(page, dialogs, $"Delete {url}", "Cancel");
        Assert.Contains(url, page.Find("[data-testid=webhooks-grid]").TextContent);
        await ClickAndAnswerAsync(page, dialogs, $"Delete {url}", "Delete");
        page.WaitForElement("[data-testid=webhooks-empty]", TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=webhook-deliveries]"));
        Assert.Empty(await Factory.Services.GetRequiredService<OutgoingWebhookService>().ListAsync(new(admin.UserId, admin.OrganizationId, Core.Identity.UserRole.ADMIN)));
    }

    [Fact]
    public async Task Deleting_the_endpoint_being_edited_leaves_the_form_adding_again()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var url = receiver.BaseUrl + "/edited";
        await (await admin.Client.PostAsJsonAsync("/v1/outgoing-webhooks", new { url, events = new[] { "message.received" } })).ShouldBe(System.Net.HttpStatusCode.Created);
        SignIn(admin, "ADMIN");
        var (page, dialogs) = RenderPage();
        page.WaitForElement("[data-testid=webhooks-grid]", TimeSpan.FromSeconds(10));
        await Button(page, $"Edit {url}").ClickAsync(new());
        await ClickAndAnswerAsync(page, dialogs, $"Delete {url}", "Delete");
        page.WaitForElement("[data-testid=webhooks-empty]", TimeSpan.FromSeconds(10));
        Assert.Contains("Add a webhook", page.Markup);
        Assert.Equal("", page.Find("#webhook-url").GetAttribute("value") ?? "");
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Members_who_are_not_admins_get_none_of_the_actions(string role)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var url = receiver.BaseUrl + "/hidden";
        await (await admin.Client.PostAsJsonAsync("/v1/outgoing-webhooks", new { url, events = new[] { "message.received" } })).ShouldBe(System.Net.HttpStatusCode.Created);
        var member = await Factory.AddMemberAsync(admin, role);
        SignIn(member, role);
        var (page, _) = RenderPage();
        page.WaitForElement("[data-testid=admins-only]", TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("form"));
        Assert.Empty(page.FindAll("button"));
        Assert.DoesNotContain(url, page.Markup);
    }
}
