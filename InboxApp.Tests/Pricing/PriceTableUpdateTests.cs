using System.Net;
using System.Net.Http.Json;
using InboxApp.Tests.Infrastructure;

namespace InboxApp.Tests.Pricing;

/// <summary>
/// A super admin corrects the rate card. Its regions: <c>PriceRegionTests.cs</c>. The table is shared by every organization
/// of a host: the class runs in <see cref="SharedApp.Jobs"/> (its classes one after another) and each test starts from the
/// seeded table (<see cref="PricingTestData.ResetPriceTableAsync"/>).
/// </summary>
[Collection(SharedApp.Jobs)]
public sealed partial class PriceTableUpdateTests(InboxAppFactory factory) : IAsyncLifetime
{
    public Task InitializeAsync() => PricingTestData.ResetPriceTableAsync(factory);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_super_admin_changes_a_market_and_adds_one_and_estimates_use_the_new_prices()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var response = await root.Client.PutAsJsonAsync("/api/v1/campaigns/pricing", new
        {
            markets = new object[]
            {
                new { market = "49", name = "Germany", marketing = 0.2m, utility = 0.06m, authentication = 0.06m },
                new { market = "43", name = "Austria", marketing = 0.11m, utility = 0.03m, authentication = 0.03m, service = 0m },
            },
        });
        await response.ShouldBe(HttpStatusCode.OK);
        var markets = (await response.Data()).EnumerateArray().ToList();
        Assert.Equal(0.2m, markets.Single(m => m.GetProperty("market").GetString() == "49").GetProperty("marketing").GetDecimal());
        Assert.Equal("Austria", markets.Single(m => m.GetProperty("market").GetString() == "43").GetProperty("name").GetString());

        var admin = await factory.RegisterOrganizationAsync();
        var estimate = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { category = "MARKETING", phones = new[] { "+4915112345678", "+436641234567" } })).Data();
        Assert.Equal(0.31m, estimate.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Wrong_rows_are_refused_with_the_field_at_fault_and_change_nothing()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var response = await root.Client.PutAsJsonAsync("/api/v1/campaigns/pricing", new
        {
            markets = new object[]
            {
                new { market = "55", name = "Brazil", marketing = 0.5m, utility = 0.01m, authentication = 0.01m },
                new { market = "ABC", name = "", marketing = -1m, utility = 0.1234567m, authentication = 0.01m },
            },
        });
        var error = await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var details = error.GetProperty("details");
        foreach (var field in new[] { "markets[1].market", "markets[1].name", "markets[1].marketing", "markets[1].utility" })
            Assert.True(details.TryGetProperty(field, out _), $"expected an error for {field}: {details}");
        var brazil = (await (await root.Client.GetAsync("/api/v1/campaigns/pricing")).Data()).EnumerateArray().Single(m => m.GetProperty("market").GetString() == "55");
        Assert.Equal(0.0625m, brazil.GetProperty("marketing").GetDecimal());
        await (await root.Client.PutAsJsonAsync("/api/v1/campaigns/pricing", new { markets = Array.Empty<object>() })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }
}
