using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using InboxApp.Auth;
using InboxApp.Core.Data;
using InboxApp.Core.Templates;
using InboxApp.Features.Templates;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using PageView = Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>;

namespace InboxApp.Tests.Templates;

/// <summary>Settings › Templates (bunit, against the real app): the list is paged by the server with the page's filters.</summary>
[Collection(SharedApp.Name)]
public sealed class TemplatesPageTests(NoJobsAppFactory factory) : DialogTest(factory)
{
    /// <summary>How long a wait for the real app may take on a loaded machine (bunit's default is one second).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>The page under the admin's authentication state; the test holds the wrapper only (one handle: bunit rebuilds
    /// each held handle's markup after every render).</summary>
    private PageView RenderAs(SignedIn admin)
    {
        var state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "Admin"), new Claim(InboxClaims.UserId, admin.UserId.ToString()), new Claim(InboxClaims.OrganizationId, admin.OrganizationId.ToString()),
             new Claim(InboxClaims.Role, "ADMIN")], "Test", ClaimTypes.Name, InboxClaims.Role))));
        return Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state).AddChildContent<TemplatesPage>());
    }

    private static List<string> Names(PageView page) =>
        page.FindAll("[data-testid=templates-grid] tbody tr strong").Select(s => s.TextContent).ToList();

    [Fact]
    public async Task With_150_templates_the_second_page_is_reachable_and_a_filter_narrows_the_list()
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var (_, accountId) = await admin.SandboxNumberAsync();
        await using (var db = Factory.Services.GetRequiredService<InboxDb>().For(admin.OrganizationId))
        {
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < 150; i++)
            {
                db.Add(new MessageTemplate
                {
                    AccountId = accountId, Name = $"promo_{i:000}", Language = i % 30 == 0 ? "pt_BR" : "en_US", Category = TemplateCategory.MARKETING,
                    Status = TemplateStatus.APPROVED, ComponentsJson = """[{"type":"BODY","text":"Our spring offer is here"}]""", CreatedAt = now, UpdatedAt = now,
                });
            }
            await db.SaveChangesAsync();
        }

        var page = RenderAs(admin);
        page.WaitForAssertion(() => Assert.Equal(25, Names(page).Count), Patience);
        Assert.Equal("promo_000", Names(page)[0]);
        Assert.Contains("1-25 of 150", page.Markup);

        await page.Find("button[aria-label='Next page']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Equal("promo_025", Names(page)[0]), Patience);
        Assert.Equal(Enumerable.Range(25, 25).Select(i => $"promo_{i:000}"), Names(page));
        Assert.Contains("26-50 of 150", page.Markup);

        // A search narrows the list (and goes back to its first page).
        await page.Find("[role=search] input").ChangeAsync(new ChangeEventArgs { Value = "promo_14" });
        await page.Find("[role=search] form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal(Enumerable.Range(140, 10).Select(i => $"promo_{i:000}"), Names(page)), Patience);
        Assert.Contains("1-10 of 10", page.Markup);

        // The language filter goes to the same query; reset shows everything again.
        await page.Find("[role=search] input").ChangeAsync(new ChangeEventArgs { Value = "" });
        var language = page.FindAll("label").First(l => l.TextContent.Trim() == "Language").ParentElement!;
        while (language.QuerySelector("input") is null) language = language.ParentElement!;
        await language.QuerySelector("input")!.ChangeAsync(new ChangeEventArgs { Value = "pt_BR" });
        await page.Find("[role=search] form").SubmitAsync();
        page.WaitForAssertion(() => Assert.Equal(["promo_000", "promo_030", "promo_060", "promo_090", "promo_120"], Names(page)), Patience);

        await page.Find("button[aria-label='Reset filters']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.Contains("1-25 of 150", page.Markup), Patience);
    }
}
