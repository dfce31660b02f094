using System.Net.Http.Json;
using System.Security.Claims;
using Bunit;
using InboxApp.Auth;
using InboxApp.Features.Partners;
using InboxApp.Tests.Inbox.Components;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using PageView = Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>;

namespace InboxApp.Tests.Partners;

/// <summary>Settings › Embedding as an admin uses it (bunit against the shared host's real services).</summary>
[Collection(SharedApp.Name)]
public sealed class FrameOriginsPageTests : MudBunitContext
{
    private readonly InboxAppFactory factory;
    private Task<AuthenticationState>? state;

    public FrameOriginsPageTests(NoJobsAppFactory factory)
    {
        this.factory = factory;
        Services.AddFallbackServiceProvider(factory.Services);
    }

    private void SignIn(SignedIn member, string role) => state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Member"), new Claim(InboxClaims.UserId, member.UserId.ToString()), new Claim(InboxClaims.OrganizationId, member.OrganizationId.ToString()),
         new Claim(InboxClaims.Role, role)], "Test", ClaimTypes.Name, InboxClaims.Role))));

    /// <summary>The page under the signed-in state; the test holds the wrapper only (one handle: bunit rebuilds each held
    /// handle's markup after every render).</summary>
    private PageView RenderPage() =>
        Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state!).AddChildContent<FrameOriginsPage>());

    private static async Task TypeAsync(PageView page, string text)
    {
        try
        {
            await page.Find("#frame-origins").InputAsync(new ChangeEventArgs { Value = text });
        }
        catch (MissingEventHandlerException)
        {
            await page.Find("#frame-origins").ChangeAsync(new ChangeEventArgs { Value = text });
        }
    }

    [Fact]
    public async Task An_admin_saves_origins_and_is_told_which_line_is_wrong()
    {
        var admin = await factory.RegisterOrganizationAsync();
        SignIn(admin, "ADMIN");
        var page = RenderPage();
        page.WaitForElement("#frame-origins", TimeSpan.FromSeconds(10));
        Assert.NotNull(page.Find("[data-testid=no-partner-origins]"));

        await TypeAsync(page, "https://helpdesk.example\nhttps://crm.example/embed");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("Origin 2:", page.Find("[data-testid=origins-error]").TextContent), TimeSpan.FromSeconds(10));
        var stored = await (await admin.Client.GetAsync("/api/v1/organization/frame-origins")).Data();
        Assert.Equal(0, stored.GetProperty("origins").GetArrayLength());

        await TypeAsync(page, "https://helpdesk.example\n\nhttps://CRM.example:8443");
        await page.Find("form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Contains("Origins saved", Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)), TimeSpan.FromSeconds(10));
        Assert.Empty(page.FindAll("[data-testid=origins-error]"));
        stored = await (await admin.Client.GetAsync("/api/v1/organization/frame-origins")).Data();
        Assert.Equal(["https://helpdesk.example", "https://crm.example:8443"], stored.GetProperty("origins").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("AGENT")]
    [InlineData("SUPERVISOR")]
    public async Task Members_who_are_not_admins_are_told_only_admins_choose(string role)
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await admin.Client.PutAsJsonAsync("/api/v1/organization/frame-origins", new { origins = new[] { "https://hidden.example" } })).ShouldBe(System.Net.HttpStatusCode.OK);
        var member = await factory.AddMemberAsync(admin, role);
        SignIn(member, role);
        var page = RenderPage();
        page.WaitForElement("[data-testid=admins-only]", TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("hidden.example", page.Markup);
        Assert.Empty(page.FindAll("#frame-origins"));
    }
}
