using System.Net;
using System.Security.Claims;
using AngleSharp.Dom;
using Bunit;
using InboxApp.Auth;
using InboxApp.Core.Identity;
using InboxApp.Core.Pricing;
using InboxApp.Features.Pricing;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Profile;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

using PageView = Bunit.IRenderedComponent<Microsoft.AspNetCore.Components.CascadingValue<System.Threading.Tasks.Task<Microsoft.AspNetCore.Components.Authorization.AuthenticationState>>>;

namespace InboxApp.Tests.Pricing;

/// <summary>
/// Admin console › Pricing (bunit and HTTP): super admins edit the price table; nobody else opens it. Prices are shared by
/// every organization of a host: the class runs in <see cref="SharedApp.Jobs"/> (its classes one after another) and each
/// test starts from the seeded table (<see cref="PricingTestData.ResetPriceTableAsync"/>).
/// </summary>
[Collection(SharedApp.Jobs)]
public sealed class PricingPageTests(InboxAppFactory factory) : DialogTest(factory)
{
    public override Task InitializeAsync() => PricingTestData.ResetPriceTableAsync(Factory);

    /// <summary>How long a wait for the real app may take on a loaded machine (bunit's default is one second).</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    private IRenderedComponent<MudSnackbarProvider>? snackbars;
    private IRenderedComponent<MudPopoverProvider>? popovers;

    private PageView RenderAs(Guid userId, Guid? organizationId, string role)
    {
        List<Claim> claims = [new(ClaimTypes.Name, "Someone"), new(InboxClaims.UserId, userId.ToString()), new(InboxClaims.Role, role)];
        if (organizationId is { } org) claims.Add(new Claim(InboxClaims.OrganizationId, org.ToString()));
        var state = Task.FromResult(new AuthenticationState(new ClaimsPrincipal(new ClaimsIdentity(claims, "Test", ClaimTypes.Name, InboxClaims.Role))));
        // Snackbars stay until the test has read them (3 s by default: a loaded machine may take longer to look).
        Services.GetRequiredService<ISnackbar>().Configuration.VisibleStateDuration = 60_000;
        snackbars = Render<MudSnackbarProvider>();
        popovers = Render<MudPopoverProvider>();
        // The page under the cascaded state, as the router renders it; the test reads the markup of this one rendered
        // component (bunit rebuilds the markup of every component the test holds after each render: holding the page too, found
        // inside it, built the whole page's markup twice per render).
        return Render<CascadingValue<Task<AuthenticationState>>>(p => p.Add(c => c.Value, state).AddChildContent<PricingPage>());
    }

    private async Task<PageView> AsSuperAdminAsync()
    {
        var root = await Factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var page = RenderAs(root.UserId, null, "SUPER_ADMIN");
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=pricing-grid] tbody tr")), Patience);
        return page;
    }

    /// <summary>How many times each price row and each region has rendered so far, by "row MARKET" and "region MARKET".</summary>
    private static Dictionary<string, int> RenderCounts(PageView page) =>
        page.FindComponents<PriceRowCells>().Select(r => ($"row {r.Instance.Row.Market}", r.RenderCount))
            .Concat(page.FindComponents<PriceRegionPanel>().Select(r => ($"region {r.Instance.Region.Market}", r.RenderCount)))
            .ToDictionary(r => r.Item1, r => r.Item2);

    private static IElement Price(PageView page, string category, string market) =>
        page.Find($"input[aria-label='{category} price for {market}']");

    private static Task Save(PageView page) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Save prices").ClickAsync(new());

    private async Task<MarketPriceDto> RowAsync(string market) =>
        (await Service<PricingService>().ListPricesAsync(new Actor(null, null, UserRole.SUPER_ADMIN))).Single(p => p.Market == market);

    private T Service<T>() where T : notnull => Factory.Services.GetRequiredService<T>();

    [Fact]
    public async Task A_super_admin_sees_countries_regions_and_other_changes_a_price_and_adds_a_market()
    {
        var page = await AsSuperAdminAsync();
        var markets = page.FindAll("[data-testid=pricing-grid] tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["R_AFR", "R_APAC", "R_CEE", "R_LATAM", "R_ME", "R_WEU", "DEFAULT"], markets[^7..]);
        Assert.Equal("0.0592", Price(page, "Marketing", "R_WEU").GetAttribute("value"));
        Assert.Contains("No changes", page.Find("[data-testid=pricing-changes]").TextContent);

        var rendersBefore = RenderCounts(page);
        Assert.Equal(6, rendersBefore.Keys.Count(k => k.StartsWith("region ", StringComparison.Ordinal)));
        await Price(page, "Marketing", "R_WEU").InputAsync(new ChangeEventArgs { Value = "0.061" });
        page.WaitForAssertion(() => Assert.Contains("1 market(s) changed", page.Find("[data-testid=pricing-changes]").TextContent), Patience);
        // The typed value rendered its own row, and no other row or region (the page rendered for its count of changes only).
        var rendersAfter = RenderCounts(page);
        Assert.True(rendersAfter["row R_WEU"] > rendersBefore["row R_WEU"], "the row typed in renders");
        Assert.Equal(rendersBefore.Where(r => r.Key != "row R_WEU"), rendersAfter.Where(r => r.Key != "row R_WEU"));
        await page.Find("input[aria-label='Name of market R_WEU']").InputAsync(new ChangeEventArgs { Value = "Rest of Western Europe" });

        var newMarket = page.FindAll("label").First(l => l.TextContent.Trim() == "New market");
        var input = newMarket.ParentElement!;
        while (input.QuerySelector("input") is null) input = input.ParentElement!;
        await input.QuerySelector("input")!.InputAsync(new ChangeEventArgs { Value = "43" });
        await page.FindAll("form").Last().SubmitAsync();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("input[aria-label='Marketing price for 43']")), Patience);
        await page.Find("input[aria-label='Name of market 43']").InputAsync(new ChangeEventArgs { Value = "Austria" });
        foreach (var (category, value) in new[] { ("Marketing", "0.07"), ("Utility", "0.02"), ("Authentication", "0.02") })
            await Price(page, category, "43").InputAsync(new ChangeEventArgs { Value = value });
        await Save(page);

        page.WaitForAssertion(() => Assert.Contains("No changes", page.Find("[data-testid=pricing-changes]").TextContent), Patience);
        var shown = snackbars!;
        shown.WaitForAssertion(() => Assert.Contains("Prices saved (2 markets)", shown.Markup), Patience);
        Assert.Equal(0.061m, (await RowAsync("R_WEU")).Marketing);
        var austria = await RowAsync("43");
        Assert.Equal(("Austria", 0.07m, 0.02m, 0m, "USD"), (austria.Name, austria.Marketing, austria.Utility, austria.Service, austria.Currency));
        // Austria, in Rest of Western Europe, is now priced by its own row: its chip says so.
        page.WaitForAssertion(() => Assert.Contains("Austria (AT) · own row 43", page.Find("[data-testid=region-R_WEU]").TextContent), Patience);
    }

    [Fact]
    public async Task Negative_prices_and_text_are_refused_at_the_field_and_nothing_is_saved()
    {
        var page = await AsSuperAdminAsync();
        var before = await RowAsync("R_LATAM");
        await Price(page, "Marketing", "R_LATAM").InputAsync(new ChangeEventArgs { Value = "-0.01" });
        await Price(page, "Utility", "R_LATAM").InputAsync(new ChangeEventArgs { Value = "cheap" });
        await Price(page, "Authentication", "R_LATAM").InputAsync(new ChangeEventArgs { Value = "0.1234567" });
        await Save(page);

        page.WaitForAssertion(() => Assert.Contains("Correct the marked prices", page.Find("[data-testid=pricing-error]").TextContent), Patience);
        Assert.Contains("A price cannot be negative", page.Markup);
        Assert.Contains("A price such as 0.0625", page.Markup);
        Assert.Contains("At most 6 decimals", page.Markup);
        Assert.Equal(before, await RowAsync("R_LATAM"));
    }

    [Theory]
    [InlineData("ADMIN")]
    [InlineData("AGENT")]
    public async Task Admins_and_agents_are_not_allowed_to_open_it(string role)
    {
        var admin = await Factory.RegisterOrganizationAsync();
        var member = role == "ADMIN" ? admin : await Factory.AddMemberAsync(admin, role);

        var page = RenderAs(member.UserId, member.OrganizationId, role);
        Assert.Equal("You are not allowed to open this page", page.Find("h1").TextContent);
        Assert.Empty(page.FindAll("input"));

        var browser = await Factory.SignInWithCookieAsync(member.Email, member.Password);
        var denied = await browser.GetAsync("/admin/pricing");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.EndsWith("/not-allowed?ReturnUrl=%2Fadmin%2Fpricing", denied.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_super_admin_gets_it_and_its_menu_entry_and_anonymous_visitors_go_to_sign_in()
    {
        var root = await Factory.SignInWithCookieAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var html = await root.PageAsync("/admin/pricing");
        Assert.Contains("WhatsApp prices", html);
        Assert.Contains("href=\"/admin/pricing\"", html);
        var anonymous = await Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync("/admin/pricing");
        Assert.StartsWith("/login?ReturnUrl=%2Fadmin%2Fpricing", anonymous.Headers.Location?.PathAndQuery);
    }

    private static readonly Actor Root = new(null, null, UserRole.SUPER_ADMIN);

    private async Task<IReadOnlyList<string>> RegionCodesAsync(string market) =>
        (await Service<PricingService>().ListRegionsAsync(Root)).Single(r => r.Market == market).Countries.Select(c => c.Code).ToList();

    /// <summary>Types into a region's country picker and picks the listed country, as a person does.</summary>
    private async Task PickCountryAsync(PageView page, string regionName, string typed, string shown)
    {
        var label = page.FindAll("label").First(l => l.TextContent.Trim() == $"Add a country to {regionName}");
        var field = label.ParentElement!;
        while (field.QuerySelector("input") is null) field = field.ParentElement!;
        await field.QuerySelector("input")!.InputAsync(new ChangeEventArgs { Value = typed });
        var list = popovers!;
        list.WaitForAssertion(() => Assert.Contains(list.FindAll(".mud-list-item"), i => i.TextContent.Trim() == shown), Patience);
        await list.FindAll(".mud-list-item").First(i => i.TextContent.Trim() == shown).ClickAsync(new());
    }

    private static Task SaveRegion(PageView page, string regionName) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == $"Save {regionName}").ClickAsync(new());

    [Fact]
    public async Task A_super_admin_removes_a_country_from_a_region_adds_one_from_the_picker_and_saves()
    {
        var page = await AsSuperAdminAsync();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=region-R_ME]")), Patience);
        var region = page.Find("[role=group][aria-label='Region Rest of Middle East']");
        Assert.Contains("Yemen (YE)", region.TextContent);
        Assert.Contains("Saved", page.Find("[data-testid=region-changes-R_ME]").TextContent);

        await page.Find("button[aria-label='Remove Yemen from Rest of Middle East']").ClickAsync(new());
        page.WaitForAssertion(() => Assert.DoesNotContain("Yemen (YE)", page.Find("[data-testid=region-R_ME]").TextContent), Patience);
        Assert.Contains("Not saved", page.Find("[data-testid=region-changes-R_ME]").TextContent);
        await PickCountryAsync(page, "Rest of Middle East", "Iran", "Iran (IR)");
        page.WaitForAssertion(() => Assert.Contains("Iran (IR)", page.Find("[role=list][aria-label='Countries of Rest of Middle East']").TextContent), Patience);
        await SaveRegion(page, "Rest of Middle East");

        page.WaitForAssertion(() => Assert.Contains("Saved", page.Find("[data-testid=region-changes-R_ME]").TextContent), Patience);
        var shown = snackbars!;
        shown.WaitForAssertion(() => Assert.Contains("Rest of Middle East saved (8 countries)", shown.Markup), Patience);
        var saved = await RegionCodesAsync(PriceRegions.MiddleEast);
        Assert.Contains("IR", saved);
        Assert.DoesNotContain("YE", saved);
    }

    [Fact]
    public async Task A_country_another_region_took_meanwhile_is_refused_with_the_region_it_is_in()
    {
        var page = await AsSuperAdminAsync();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=region-R_LATAM]")), Patience);
        // Another super admin puts Greenland into Rest of Central & Eastern Europe after this page was loaded.
        await Service<PricingService>().UpdateRegionAsync(Root, PriceRegions.CentralEasternEurope, [.. await RegionCodesAsync(PriceRegions.CentralEasternEurope), "GL"]);

        await PickCountryAsync(page, "Rest of Latin America", "Greenland", "Greenland (GL)");
        await SaveRegion(page, "Rest of Latin America");

        page.WaitForAssertion(() => Assert.Contains("GL (Greenland) is in Rest of Central & Eastern Europe (R_CEE): remove it there first",
            page.Find("[data-testid=region-error-R_LATAM]").TextContent), Patience);
        Assert.Contains("Not saved", page.Find("[data-testid=region-changes-R_LATAM]").TextContent);
        var shown = snackbars!;
        shown.WaitForAssertion(() => Assert.Contains("Rest of Latin America was not saved", shown.Markup), Patience);
        Assert.DoesNotContain("GL", await RegionCodesAsync(PriceRegions.LatinAmerica));
    }
}
