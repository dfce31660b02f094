using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Core.Conversations;
using InboxApp.Core.Data;
using InboxApp.Core.Messaging;
using InboxApp.Core.Pricing;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Messaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InboxApp.Tests.Infrastructure.WhatsAppPayloads;

namespace InboxApp.Tests.Pricing;

/// <summary>
/// <c>/campaigns/pricing/regions</c>: the countries of Meta's regions, seeded, read by supervisors and admins, set by super
/// admins; estimates and recorded costs follow a change. Regions are shared by every organization: part of
/// <see cref="PriceTableUpdateTests"/>, whose tests each start from the seeded table (the move on R_LATAM and R_AFR, the
/// refusals on R_ME, the recorded cost and the second node on R_APAC, each adding its own country).
/// </summary>
public sealed partial class PriceTableUpdateTests
{
    private static async Task<JsonElement> RegionsAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/campaigns/pricing/regions");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    private static List<string> Codes(JsonElement regions, string market) =>
        regions.EnumerateArray().Single(r => r.GetProperty("market").GetString() == market)
            .GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();

    private static List<string> Seeded(string market) => [.. PriceRegions.All.Single(r => r.Market == market).Countries];

    private static Task<HttpResponseMessage> PutRegionAsync(HttpClient client, string market, IEnumerable<string?> countries) =>
        client.PutAsJsonAsync($"/api/v1/campaigns/pricing/regions/{market}", new { countries });

    private static async Task<JsonElement> MarketingEstimateAsync(HttpClient client, string phone)
    {
        var response = await client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { category = "MARKETING", phones = new[] { phone } });
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    private static (string? Market, decimal Total) Priced(JsonElement estimate) =>
        (estimate.GetProperty("byCountry").EnumerateArray().Single().GetProperty("market").GetString(), estimate.GetProperty("total").GetDecimal());

    [Fact]
    public async Task Regions_are_seeded_from_metas_card_with_country_names()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var regions = await RegionsAsync(root.Client);
        Assert.Equal(["R_AFR", "R_APAC", "R_CEE", "R_LATAM", "R_ME", "R_WEU"], regions.EnumerateArray().Select(r => r.GetProperty("market").GetString()));
        Assert.Equal(Seeded("R_CEE").Order(), Codes(regions, "R_CEE").Order());
        Assert.Equal(Seeded("R_WEU").Order(), Codes(regions, "R_WEU").Order());
        var weu = regions.EnumerateArray().Single(r => r.GetProperty("market").GetString() == "R_WEU");
        Assert.Equal("Rest of Western Europe", weu.GetProperty("name").GetString());
        var countries = weu.GetProperty("countries").EnumerateArray().ToList();
        Assert.Equal(("AD", "Andorra"), (countries[0].GetProperty("code").GetString(), countries[0].GetProperty("name").GetString())); // by name
        Assert.Contains(countries, c => c.GetProperty("code").GetString() == "CH" && c.GetProperty("name").GetString() == "Switzerland");
    }

    [Fact]
    public async Task A_country_added_to_a_region_is_priced_by_it_and_moving_one_from_another_region_is_explicit()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var admin = await factory.RegisterOrganizationAsync();
        const string iceland = "+354 611 1234", morocco = "+212 650 123456";
        Assert.Equal(("DEFAULT", 0.0604m), Priced(await MarketingEstimateAsync(admin.Client, iceland)));
        Assert.Equal(("R_AFR", 0.0225m), Priced(await MarketingEstimateAsync(admin.Client, morocco)));

        // Iceland joins Rest of Latin America (lower case is upper-cased).
        var latam = Seeded("R_LATAM");
        var response = await PutRegionAsync(root.Client, "r_latam", [.. latam, "is"]);
        await response.ShouldBe(HttpStatusCode.OK);
        var saved = await response.Data();
        Assert.Equal("R_LATAM", saved.GetProperty("market").GetString());
        Assert.Contains(saved.GetProperty("countries").EnumerateArray(), c => c.GetProperty("code").GetString() == "IS" && c.GetProperty("name").GetString() == "Iceland");
        Assert.Equal(("R_LATAM", 0.0740m), Priced(await MarketingEstimateAsync(admin.Client, iceland)));

        // Morocco is in Rest of Africa: refused, naming it, and nothing changes.
        var refused = await (await PutRegionAsync(root.Client, "R_LATAM", [.. latam, "IS", "MA"])).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("Rest of Africa (R_AFR)", refused.GetProperty("details").GetProperty($"countries[{latam.Count + 1}]")[0].GetString());
        Assert.Equal(("R_AFR", 0.0225m), Priced(await MarketingEstimateAsync(admin.Client, morocco)));

        // Removed there, it is "Other"; added here, it is priced by Rest of Latin America.
        await (await PutRegionAsync(root.Client, "R_AFR", Seeded("R_AFR").Where(c => c != "MA"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("DEFAULT", 0.0604m), Priced(await MarketingEstimateAsync(admin.Client, morocco)));
        await (await PutRegionAsync(root.Client, "R_LATAM", [.. latam, "IS", "MA"])).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(("R_LATAM", 0.0740m), Priced(await MarketingEstimateAsync(admin.Client, morocco)));

        var regions = await RegionsAsync(admin.Client);
        Assert.Contains("MA", Codes(regions, "R_LATAM"));
        Assert.DoesNotContain("MA", Codes(regions, "R_AFR"));
    }

    [Fact]
    public async Task Wrong_country_lists_are_refused_with_the_entry_at_fault_and_change_nothing()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        var response = await PutRegionAsync(root.Client, "R_ME", ["BH", "DEU", "ZZ", "1A", "bh", "DE", "", "QA"]);
        var details = (await response.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details");
        string Problem(int i) => details.GetProperty($"countries[{i}]")[0].GetString()!;
        Assert.Contains("not an ISO 3166-1 alpha-2 country code", Problem(1));
        Assert.Contains("not an ISO 3166-1 alpha-2 country code", Problem(2));
        Assert.Contains("not an ISO 3166-1 alpha-2 country code", Problem(3));
        Assert.Contains("BH appears more than once", Problem(4));
        Assert.Contains("its own row (49, Germany)", Problem(5));
        Assert.Contains("not an ISO 3166-1 alpha-2 country code", Problem(6));
        Assert.False(details.TryGetProperty("countries[0]", out _));
        Assert.False(details.TryGetProperty("countries[7]", out _));
        Assert.Equal(Seeded("R_ME").Order(), Codes(await RegionsAsync(root.Client), "R_ME").Order());

        await (await PutRegionAsync(root.Client, "R_XX", ["BH"])).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await PutRegionAsync(root.Client, "49", ["BH"])).ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await root.Client.PutAsJsonAsync("/api/v1/campaigns/pricing/regions/R_ME", new { })).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await PutRegionAsync(root.Client, "R_ME", Enumerable.Repeat("BH", PricingService.MaxRegionCountries + 1))).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");

        // An empty list empties the region; the seed's list restores it.
        var emptied = await PutRegionAsync(root.Client, "R_ME", []);
        await emptied.ShouldBe(HttpStatusCode.OK);
        Assert.Equal(0, (await emptied.Data()).GetProperty("countries").GetArrayLength());
        await (await PutRegionAsync(root.Client, "R_ME", Seeded("R_ME"))).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(Seeded("R_ME").Order(), Codes(await RegionsAsync(root.Client), "R_ME").Order());
    }

    [Fact]
    public async Task Supervisors_and_admins_read_the_regions_only_super_admins_change_them_and_agents_and_visitors_are_refused()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        foreach (var reader in new[] { admin, supervisor })
        {
            Assert.Equal(Seeded("R_CEE").Order(), Codes(await RegionsAsync(reader.Client), "R_CEE").Order());
            await (await PutRegionAsync(reader.Client, "R_CEE", ["PL"])).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
            await (await PutRegionAsync(reader.Client, "R_XX", ["PL"])).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        }
        await (await agent.Client.GetAsync("/api/v1/campaigns/pricing/regions")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await PutRegionAsync(agent.Client, "R_CEE", ["PL"])).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/campaigns/pricing/regions")).ShouldBe(HttpStatusCode.Unauthorized);
        await (await PutRegionAsync(anonymous, "R_CEE", ["PL"])).ShouldBe(HttpStatusCode.Unauthorized);
        Assert.Equal(Seeded("R_CEE").Order(), Codes(await RegionsAsync(admin.Client), "R_CEE").Order());
    }

    [Fact]
    public async Task A_message_delivered_to_a_country_added_to_a_region_costs_the_regions_price()
    {
        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        // Kazakhstan shares +7 with Russia, whose row prices only Russia: "Other" until it is in a region.
        await (await PutRegionAsync(root.Client, "R_APAC", [.. Seeded("R_APAC"), "KZ"])).ShouldBe(HttpStatusCode.OK);

        var waId = "7701" + Random.Shared.Next(1_000_000, 9_999_999);
        var (admin, metaId, messageId, wamid) = await PricingTestData.SentTemplateAsync(factory, waId);
        var status = Status(wamid, "delivered", DateTimeOffset.UtcNow, waId);
        status["pricing"] = new JsonObject { ["billable"] = true, ["pricing_model"] = "PMP", ["category"] = "marketing", ["type"] = "regular" };
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, statuses: Array(status))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
        await MessagingTestData.EventuallyAsync(async () =>
        {
            await using var db = factory.SystemDb();
            return await db.Set<MessageCost>().AnyAsync(c => c.MessageId == messageId);
        }, "the cost to be recorded");

        var country = Assert.Single((await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data()).GetProperty("byCountry").EnumerateArray());
        Assert.Equal(("KZ", "R_APAC", 0.0732m), (country.GetProperty("country").GetString(), country.GetProperty("market").GetString(), country.GetProperty("cost").GetDecimal()));
    }

    [Fact]
    public async Task Another_app_instance_prices_with_a_changed_region_once_its_copy_is_older_than_the_documented_lifetime()
    {
        // A second node: its own cache over the same database, with a clock the test moves.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var otherNode = new PriceRegionMembership(factory.Services.GetRequiredService<InboxDb>(), clock);
        Assert.False((await otherNode.GetAsync()).ContainsKey("FO"));

        var root = await factory.LoginAsync(InboxAppFactory.SuperAdminEmail, InboxAppFactory.SuperAdminPassword);
        await (await PutRegionAsync(root.Client, "R_APAC", [.. Codes(await RegionsAsync(root.Client), "R_APAC"), "FO"])).ShouldBe(HttpStatusCode.OK);
        var faroe = "+298 211234";
        var admin = await factory.RegisterOrganizationAsync();
        Assert.Equal(("R_APAC", 0.0732m), Priced(await MarketingEstimateAsync(admin.Client, faroe))); // this node: at once

        clock.Advance(PriceRegionMembership.Lifetime - TimeSpan.FromSeconds(1));
        Assert.False((await otherNode.GetAsync()).ContainsKey("FO"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("R_APAC", (await otherNode.GetAsync())["FO"]);
    }
}
