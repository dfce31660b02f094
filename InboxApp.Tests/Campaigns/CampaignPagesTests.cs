using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using InboxApp.Auth;
using InboxApp.Features.Campaigns;
using InboxApp.Tests.Inbox.Components;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Campaigns;

/// <summary>The campaign pages (bunit, against the real app with jobs): the list, and the detail page following a send live.</summary>
public sealed class CampaignPagesTests(InboxAppFactory factory) : InboxComponentTest(factory)
{
    private Task<AuthenticationState>? state;

    private void SignIn(SignedIn member, string role) => state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Member"), new Claim(InboxClaims.UserId, member.UserId.ToString()), new Claim(InboxClaims.OrganizationId, member.OrganizationId.ToString()),
         new Claim(InboxClaims.Role, role)], "Test", ClaimTypes.Name, InboxClaims.Role))));

    /// <summary>The page under the signed-in member's authentication state, as the app's router cascades it.</summary>
    private IRenderedComponent<TPage> RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : IComponent =>
        Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state!).AddChildContent<TPage>(parameters ?? (_ => { })))
            .FindComponent<TPage>();

    [Fact]
    public async Task The_detail_page_starts_a_draft_and_its_progress_and_funnel_follow_the_send_live()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (_, templateId, _) = await admin.SandboxTemplateAsync();
        var phones = new[] { CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone() };
        var id = (await admin.Client.CreateCampaignAsync(new
        {
            name = "Live one", templateId, variables = new Dictionary<string, string> { ["1"] = "friend" }, recipients = phones.Select(p => new { phone = p }).ToArray(),
        })).GetProperty("id").GetGuid();
        SignIn(admin, "ADMIN");

        var list = RenderPage<CampaignsPage>();
        list.WaitForAssertion(() => Assert.Contains("Live one", list.Find("table").TextContent));
        Assert.Equal($"/campaigns/{id}", list.Find("table a").GetAttribute("href"));

        var page = RenderPage<CampaignDetailPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Equal("0 of 2 done", page.Find("[data-testid=campaign-progress]").TextContent));
        Assert.Equal($"/api/v1/campaigns/{id}/export", page.FindAll("a").Single(a => a.TextContent.Contains("Export CSV")).GetAttribute("href"));
        await page.FindAll("button").Single(b => b.TextContent.Contains("Start now")).ClickAsync(new());

        page.WaitForAssertion(() =>
        {
            Assert.Equal("2 of 2 done", page.Find("[data-testid=campaign-progress]").TextContent);
            Assert.Contains("COMPLETED", page.Markup);
        }, TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Cancel campaign"));
    }

    [Fact]
    public async Task An_agent_is_told_campaigns_belong_to_admins_and_supervisors()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        SignIn(agent, "AGENT");
        var page = RenderPage<CampaignsPage>();
        Assert.Contains("managed by admins and supervisors", page.Find("[role=alert]").TextContent);
        Assert.Empty(page.FindAll("table"));
    }
}
