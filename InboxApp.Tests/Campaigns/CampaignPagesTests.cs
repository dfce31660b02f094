using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using InboxApp.Auth;
using InboxApp.Core.Campaigns;
using InboxApp.Core.Identity;
using InboxApp.Features.Campaigns;
using InboxApp.Tests.Inbox.Components;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Templates;
using PageView = Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>;

namespace InboxApp.Tests.Campaigns;

/// <summary>The campaign pages (bunit, against the real app with jobs): the list, the creation wizard, and the detail page following a send live.</summary>
[Collection(SharedApp.Campaigns)]
public sealed class CampaignPagesTests(InboxAppFactory factory) : InboxComponentTest(factory)
{
    /// <summary>How long a wait for the real app may take on a loaded machine (bunit's default is one second).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private Task<AuthenticationState>? state;

    private void SignIn(SignedIn member, string role) => state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "Member"), new Claim(InboxClaims.UserId, member.UserId.ToString()), new Claim(InboxClaims.OrganizationId, member.OrganizationId.ToString()),
         new Claim(InboxClaims.Role, role)], "Test", ClaimTypes.Name, InboxClaims.Role))));

    /// <summary>The page under the signed-in member's authentication state, as the app's router cascades it. The test holds
    /// the wrapper only (its markup is the page's): bunit rebuilds the markup of every handle a test holds after each
    /// render, so a second handle on the page itself would double that work (docs/performance.md, "the test suite", sessions 15 and 16).</summary>
    private PageView RenderPage<TPage>(Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null) where TPage : IComponent =>
        Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state!).AddChildContent<TPage>(parameters ?? (_ => { })));

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
        list.WaitForAssertion(() => Assert.Contains("Live one", list.Find("table").TextContent), Patience);
        Assert.Equal($"/campaigns/{id}", list.Find("table a").GetAttribute("href"));

        var page = RenderPage<CampaignDetailPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => Assert.Equal("0 of 2 done", page.Find("[data-testid=campaign-progress]").TextContent), Patience);
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

    /// <summary>The input or text area of the MudBlazor field labelled <paramref name="label"/>.</summary>
    private static IElement Field(PageView page, string label)
    {
        var element = page.FindAll("label").First(l => l.TextContent.Trim().StartsWith(label, StringComparison.Ordinal)).ParentElement;
        while (element is not null && element.QuerySelector("input, textarea") is null) element = element.ParentElement;
        return element!.QuerySelector("input, textarea")!;
    }

    private static Task Click(PageView page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).ClickAsync(new());

    [Fact]
    public async Task The_wizard_creates_a_campaign_of_pasted_numbers_and_lands_on_its_page()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (numberId, templateId, templateName) = await admin.SandboxTemplateAsync();
        var phones = new[] { CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone() };
        var name = "Wizard " + Guid.NewGuid().ToString("N")[..8];
        SignIn(admin, "ADMIN");

        var list = RenderPage<CampaignsPage>();
        list.WaitForAssertion(() => Assert.Equal("/campaigns/new", list.FindAll("a").Single(a => a.TextContent.Contains("New campaign")).GetAttribute("href")), Patience);

        var page = RenderPage<CampaignWizardPage>();
        // Step 1: the only number and its only approved template are chosen; the preview shows the template.
        page.WaitForAssertion(() => Assert.Contains("your spring offer", page.Find("[data-testid=template-preview]").TextContent), Patience);
        await Click(page, "Next");
        Assert.Equal("Give the campaign a name.", page.Find("[data-testid=wizard-error]").TextContent.Trim());
        await Field(page, "Campaign name").ChangeAsync(new() { Value = name });
        await Click(page, "Next");

        // Step 2: pasted numbers, one per line.
        page.WaitForAssertion(() => Assert.Contains("Step 2 of 4", page.Find("[data-testid=wizard-step]").TextContent), Patience);
        await Field(page, "Phone numbers, one per line").ChangeAsync(new() { Value = string.Join("\n", phones) + "\n" });
        await Click(page, "Next");

        // Step 3: the body's {{1}} must be given before going on.
        page.WaitForAssertion(() => Assert.Contains("Step 3 of 4", page.Find("[data-testid=wizard-step]").TextContent), Patience);
        await Click(page, "Next");
        Assert.StartsWith("Say where the values come from", page.Find("[data-testid=wizard-error]").TextContent.Trim());
        await Field(page, "Value of").InputAsync(new() { Value = "friend" });
        page.WaitForAssertion(() => Assert.Contains("Hi friend, your spring offer", page.Find("[data-testid=template-preview]").TextContent), Patience);
        await Click(page, "Next");

        // Step 4: the estimate of the three numbers, then create (as a draft).
        page.WaitForAssertion(() => Assert.Contains("of 3 recipients", page.Find("[data-testid=estimate-total]").TextContent), Patience);
        await Click(page, "Create campaign");

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/campaigns/[0-9a-f-]{36}$", navigation.Uri), Patience);
        var id = Guid.Parse(navigation.Uri[^36..]);
        var detail = await Service<CampaignService>().GetAsync(new Actor(admin.UserId, admin.OrganizationId, UserRole.ADMIN), id, null, 0, 10, CancellationToken.None);
        Assert.Equal(name, detail.Campaign.Name);
        Assert.Equal(templateName, detail.Campaign.TemplateName);
        Assert.Equal(templateId, detail.Campaign.TemplateId);
        Assert.Equal(numberId, detail.Campaign.PhoneNumberId);
        Assert.Equal(CampaignStatus.DRAFT, detail.Campaign.Status);
        Assert.Equal(phones.Order(), detail.Recipients.Select(r => r.Phone).Order());
        Assert.All(detail.Recipients, r => Assert.Equal("friend", r.Variables["body.1"]));
    }

    [Fact]
    public async Task The_wizard_shows_the_rows_it_left_out()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await admin.SandboxTemplateAsync();
        var good = CampaignTestKit.NewPhone();
        SignIn(admin, "ADMIN");

        var page = RenderPage<CampaignWizardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=template-preview]")), Patience);
        await Field(page, "Campaign name").ChangeAsync(new() { Value = "Some rejected" });
        await Click(page, "Next");
        await Field(page, "Phone numbers, one per line").ChangeAsync(new() { Value = $"{good}\nnot a phone\n{good}" });
        await Click(page, "Next");
        await Field(page, "Value of").InputAsync(new() { Value = "friend" });
        await Click(page, "Next");
        page.WaitForAssertion(() => Assert.Contains("Not phone numbers: not a phone", page.Find("[data-testid=estimate-invalid]").TextContent), Patience);
        await Click(page, "Create campaign");

        page.WaitForAssertion(() => Assert.Contains("1 recipients; 2 rows were left out", page.Find("[role=status]").TextContent), Patience);
        var rows = page.FindAll("[data-testid=row-problems] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("invalid phone", rows[0]);
        Assert.Contains("duplicate of row 1", rows[1]);
        Assert.Matches("^/campaigns/[0-9a-f-]{36}$", page.FindAll("a").Single(a => a.TextContent.Contains("Open the campaign")).GetAttribute("href"));
    }

    [Fact]
    public async Task The_wizard_takes_a_CSV_and_fills_the_variable_from_its_column()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await admin.SandboxTemplateAsync();
        var (ana, bo) = (CampaignTestKit.NewPhone(), CampaignTestKit.NewPhone());
        SignIn(admin, "ADMIN");

        var page = RenderPage<CampaignWizardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=template-preview]")), Patience);
        await Field(page, "Campaign name").ChangeAsync(new() { Value = "From a CSV" });
        await Click(page, "Next");
        await page.FindAll("input[type=radio]")[2].ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("input[type=file]")), Patience);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText($"phone,1,city\n{ana},Ana,Lisbon\n{bo},Bo,Porto\n", "people.csv"));
        page.WaitForAssertion(() => Assert.Contains("people.csv: 2 rows; columns phone, 1, city", page.Find("[data-testid=csv-summary]").TextContent), Patience);
        await Click(page, "Next");
        page.WaitForAssertion(() => Assert.Contains("Hi [column 1], your spring offer", page.Find("[data-testid=template-preview]").TextContent), Patience);
        await Click(page, "Next");
        page.WaitForAssertion(() => Assert.Contains("of 2 recipients", page.Find("[data-testid=estimate-total]").TextContent), Patience);
        await Click(page, "Create campaign");

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/campaigns/[0-9a-f-]{36}$", navigation.Uri), Patience);
        var detail = await Service<CampaignService>().GetAsync(new Actor(admin.UserId, admin.OrganizationId, UserRole.ADMIN), Guid.Parse(navigation.Uri[^36..]), null, 0, 10,
            CancellationToken.None);
        Assert.Equal(new[] { (ana, "Ana"), (bo, "Bo") }, detail.Recipients.Select(r => (r.Phone, r.Variables["body.1"])).ToArray());
        Assert.All(detail.Recipients, r => Assert.Single(r.Variables));
    }

    [Fact]
    public async Task A_tag_audience_is_estimated_from_the_tagged_contacts_without_the_opted_out_ones()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (numberId, _, _) = await admin.SandboxTemplateAsync(); // a UTILITY template
        var tag = await (await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "vip" + Guid.NewGuid().ToString("N")[..6], color = "#dc2626" })).Data();
        var tagId = tag.GetProperty("id").GetGuid();
        foreach (var phone in new[] { "+16502530000", "+436641234567", "+254712345678" })
        {
            var conversationId = await admin.ConversationAsync(numberId, phone);
            await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tags", new { tagId })).ShouldBe(HttpStatusCode.OK);
        }
        await admin.ConversationAsync(numberId, "+4915112345678"); // not tagged
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "+254712345678" })).ShouldBe(HttpStatusCode.Created);
        SignIn(admin, "ADMIN");

        var page = RenderPage<CampaignWizardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=template-preview]")), Patience);
        await Field(page, "Campaign name").ChangeAsync(new() { Value = "To the VIPs" });
        await Click(page, "Next");
        await page.FindAll("input[type=radio]")[1].ClickAsync(new());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindComponents<MudBlazor.MudSelect<Guid?>>()), Patience);
        var select = page.FindComponent<MudBlazor.MudSelect<Guid?>>();
        await page.InvokeAsync(() => select.Instance.ValueChanged.InvokeAsync(tagId));
        await Click(page, "Next");
        await Field(page, "Value of").InputAsync(new() { Value = "friend" });
        await Click(page, "Next");

        // 3 tagged contacts, 1 of them opted out: 2 priced (United States 0.0034, Austria by its region 0.0171).
        page.WaitForAssertion(() => Assert.Contains("3 contacts with the tag", page.Find("[data-testid=estimate-audience]").TextContent), Patience);
        Assert.Equal("0.0205 USD for 2 of 3 recipients (UTILITY).", page.Find("[data-testid=estimate-total]").TextContent.Trim());
        Assert.Contains("Opted out: 1", page.Find("[data-testid=estimate-left-out]").TextContent);
        Assert.Contains("Rest of Western Europe", page.Find("[aria-label='Estimate by country']").TextContent);
    }

    [Fact]
    public async Task The_send_time_is_entered_and_shown_in_the_users_time_zone_and_stored_in_UTC()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await admin.SandboxTemplateAsync();
        await (await admin.Client.PutAsJsonAsync("/api/v1/profile/time-zone", new { timeZone = "America/Sao_Paulo" })).ShouldBe(HttpStatusCode.OK);
        SignIn(admin, "ADMIN");

        var page = RenderPage<CampaignWizardPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=template-preview]")), Patience);
        await Field(page, "Campaign name").ChangeAsync(new() { Value = "Later" });
        await Click(page, "Next");
        await Field(page, "Phone numbers, one per line").ChangeAsync(new() { Value = CampaignTestKit.NewPhone() });
        await Click(page, "Next");
        await Field(page, "Value of").InputAsync(new() { Value = "friend" });
        await Click(page, "Next");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=estimate-total]")), Patience);
        await page.FindAll("input[type=radio]").Last().ClickAsync(new());

        // São Paulo is UTC-3 (no summer time since 2019): 10:00 there is 13:00 UTC.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("label"), l => l.TextContent.Contains("Send at (America/Sao_Paulo)")), Patience);
        await Field(page, "Send at (America/Sao_Paulo)").InputAsync(new() { Value = "2031-03-10T10:00" });
        page.WaitForAssertion(() => Assert.Contains("That is 2031-03-10 13:00 UTC", page.Markup), Patience);
        await Click(page, "Create campaign");

        var navigation = Services.GetRequiredService<NavigationManager>();
        page.WaitForAssertion(() => Assert.Matches("/campaigns/[0-9a-f-]{36}$", navigation.Uri), Patience);
        var id = Guid.Parse(navigation.Uri[^36..]);
        var detail = await Service<CampaignService>().GetAsync(new Actor(admin.UserId, admin.OrganizationId, UserRole.ADMIN), id, null, 0, 10, CancellationToken.None);
        Assert.Equal(CampaignStatus.SCHEDULED, detail.Campaign.Status);
        Assert.Equal(new DateTimeOffset(2031, 3, 10, 13, 0, 0, TimeSpan.Zero), detail.Campaign.ScheduledAt);

        var shown = RenderPage<CampaignDetailPage>(p => p.Add(c => c.Id, id));
        shown.WaitForAssertion(() => Assert.Equal("· Sends at 2031-03-10 10:00 (America/Sao_Paulo)", shown.Find("[data-testid=campaign-scheduled]").TextContent.Trim()), Patience);
    }

    [Fact]
    public async Task An_agent_cannot_open_the_wizard()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        await admin.SandboxTemplateAsync();
        var agent = await Factory.AddMemberAsync(admin, "AGENT");
        SignIn(agent, "AGENT");
        var page = RenderPage<CampaignWizardPage>();
        Assert.Contains("managed by admins and supervisors", page.Find("[role=alert]").TextContent);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("Next") || b.TextContent.Contains("Create campaign"));
        Assert.Empty(page.FindAll("input, textarea"));
    }
}
