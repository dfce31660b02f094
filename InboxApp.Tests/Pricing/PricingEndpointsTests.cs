using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Campaigns;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Templates;

namespace InboxApp.Tests.Pricing;

/// <summary><c>/campaigns/pricing</c>, <c>/campaigns/estimate</c> and <c>/campaigns/meta-costs</c>: the seeded rate card, estimates, roles, tenancy.</summary>
[Collection(SharedApp.Name)]
public sealed class PricingEndpointsTests(NoJobsAppFactory factory)
{
    private static async Task<JsonElement> EstimateAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/campaigns/estimate", body);
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    private static JsonElement Line(JsonElement estimate, string country) =>
        estimate.GetProperty("byCountry").EnumerateArray().Single(l => l.GetProperty("country").GetString() == country);

    [Fact]
    public async Task Any_member_reads_the_seeded_rate_card()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var response = await agent.Client.GetAsync("/api/v1/campaigns/pricing");
        await response.ShouldBe(HttpStatusCode.OK);
        var markets = (await response.Data()).EnumerateArray().ToList();
        var germany = markets.Single(m => m.GetProperty("market").GetString() == "49");
        Assert.Equal("Germany", germany.GetProperty("name").GetString());
        Assert.Equal(0.1365m, germany.GetProperty("marketing").GetDecimal());
        Assert.Equal(0.055m, germany.GetProperty("utility").GetDecimal());
        Assert.Equal(0m, germany.GetProperty("service").GetDecimal());
        Assert.Equal("USD", germany.GetProperty("currency").GetString());
        Assert.Equal("DEFAULT", markets[^1].GetProperty("market").GetString());
        await (await factory.CreateClient().GetAsync("/api/v1/campaigns/pricing")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_estimate_prices_each_distinct_number_by_its_country_and_lists_what_is_not_a_number()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var estimate = await EstimateAsync(admin.Client, new
        {
            category = "MARKETING",
            phones = new[] { "+4915112345678", "+49 151 1234 5678", "+5511987654321", "+43 664 1234567", "12", "+1 650 253 0000" },
        });

        Assert.Equal("MARKETING", estimate.GetProperty("category").GetString());
        Assert.Equal(6, estimate.GetProperty("recipients").GetInt32());
        Assert.Equal(1, estimate.GetProperty("blocked").GetInt32()); // Meta delivers no marketing to US numbers
        Assert.Equal(3, estimate.GetProperty("priced").GetInt32());
        Assert.Equal(1, estimate.GetProperty("duplicates").GetInt32());
        Assert.Equal(["12"], estimate.GetProperty("invalid").EnumerateArray().Select(x => x.GetString()!));
        Assert.Equal(0.1365m + 0.0625m + 0.0592m, estimate.GetProperty("total").GetDecimal());
        Assert.Equal(("49", 1, 0.1365m), (Line(estimate, "DE").GetProperty("market").GetString(), Line(estimate, "DE").GetProperty("recipients").GetInt32(),
            Line(estimate, "DE").GetProperty("cost").GetDecimal()));
        // Austria has no row of its own: Meta's "Rest of Western Europe" price.
        Assert.Equal(("R_WEU", "Rest of Western Europe"), (Line(estimate, "AT").GetProperty("market").GetString(), Line(estimate, "AT").GetProperty("marketName").GetString()));
        Assert.Equal(0.0592m, Line(estimate, "AT").GetProperty("unitPrice").GetDecimal());
    }

    [Fact]
    public async Task A_country_without_a_row_of_its_own_is_priced_by_its_region_and_one_in_no_region_as_other()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var estimate = await EstimateAsync(admin.Client, new
        {
            category = "MARKETING",
            // Kenya, Puerto Rico (calling code 1, not North America), Poland, Japan, Kazakhstan (calling code 7, not Russia), Germany.
            phones = new[] { "+254712345678", "+1 787 234 5678", "+48 512 345 678", "+81 90 1234 5678", "+7 701 234 5678", "+4915112345678" },
        });
        Assert.Equal(6, estimate.GetProperty("priced").GetInt32());
        Assert.Equal(("R_AFR", "Rest of Africa", 0.0225m), Priced(Line(estimate, "KE")));
        Assert.Equal(("R_LATAM", "Rest of Latin America", 0.074m), Priced(Line(estimate, "PR")));
        Assert.Equal(("R_CEE", "Rest of Central & Eastern Europe", 0.086m), Priced(Line(estimate, "PL")));
        Assert.Equal(("R_APAC", "Rest of Asia Pacific", 0.0732m), Priced(Line(estimate, "JP")));
        Assert.Equal(("DEFAULT", "Other", 0.0604m), Priced(Line(estimate, "KZ")));
        Assert.Equal(("49", "Germany", 0.1365m), Priced(Line(estimate, "DE")));
        Assert.Equal(0.0225m + 0.074m + 0.086m + 0.0732m + 0.0604m + 0.1365m, estimate.GetProperty("total").GetDecimal());

        // The rate card lists countries, then Meta's regions, then "Other".
        var markets = (await (await admin.Client.GetAsync("/api/v1/campaigns/pricing")).Data()).EnumerateArray().Select(m => m.GetProperty("market").GetString()!).ToList();
        Assert.Equal(["R_AFR", "R_APAC", "R_CEE", "R_LATAM", "R_ME", "R_WEU", "DEFAULT"], markets[^7..]);
        Assert.All(markets[..^7], m => Assert.Matches("^[0-9]+$", m));

        static (string?, string?, decimal) Priced(JsonElement line) =>
            (line.GetProperty("market").GetString(), line.GetProperty("marketName").GetString(), line.GetProperty("unitPrice").GetDecimal());
    }

    [Fact]
    public async Task A_tag_audience_is_estimated_from_the_numbers_tagged_contacts_without_the_opted_out_ones()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (numberId, templateId, _) = await admin.SandboxTemplateAsync(); // a UTILITY template
        var tag = await (await admin.Client.PostAsJsonAsync("/api/v1/tags", new { name = "vip" + Guid.NewGuid().ToString("N")[..6], color = "#dc2626" })).Data();
        var tagId = tag.GetProperty("id").GetGuid();
        foreach (var phone in new[] { "+16502530000", "+436641234567", "+254712345678" })
        {
            var conversationId = await admin.ConversationAsync(numberId, phone);
            await (await admin.Client.PostAsJsonAsync($"/api/v1/conversations/{conversationId}/tags", new { tagId })).ShouldBe(HttpStatusCode.OK);
        }
        await admin.ConversationAsync(numberId, "+4915112345678"); // not tagged
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "+254712345678" })).ShouldBe(HttpStatusCode.Created);

        var estimate = await EstimateAsync(admin.Client, new { templateId, tagId });
        Assert.Equal((3, 1, 2), (estimate.GetProperty("recipients").GetInt32(), estimate.GetProperty("optedOut").GetInt32(), estimate.GetProperty("priced").GetInt32()));
        Assert.Equal(0.0034m + 0.0171m, estimate.GetProperty("total").GetDecimal());
        Assert.Equal("R_WEU", Line(estimate, "AT").GetProperty("market").GetString());
        Assert.Equal(estimate.GetRawText(), (await EstimateAsync(admin.Client, new { templateId, tagId, phoneNumberId = numberId })).GetRawText());

        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { templateId, tagId, phones = new[] { "+4915112345678" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { category = "UTILITY", tagId }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR"); // a category alone does not say which number's contacts

        // Another organization's tag and number are not found.
        var other = await factory.RegisterOrganizationAsync();
        var (otherNumber, otherTemplate, _) = await other.SandboxTemplateAsync();
        await (await other.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { templateId = otherTemplate, tagId }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { templateId, tagId, phoneNumberId = otherNumber }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task An_estimate_for_a_template_prices_its_category_and_leaves_out_opted_out_numbers()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var (_, accountId) = await admin.SandboxNumberAsync();
        var template = await admin.Client.DraftAsync(TemplateTestKit.NewName(), accountId: accountId, category: "UTILITY");
        await (await admin.Client.PostAsJsonAsync("/api/v1/opt-outs", new { phone = "+5511987654321" })).ShouldBe(HttpStatusCode.Created);

        var estimate = await EstimateAsync(admin.Client, new
        {
            templateId = template.GetProperty("id").GetGuid(),
            recipients = new[] { new { phone = "+4915112345678" }, new { phone = "+55 11 8765-4321" } },
        });
        Assert.Equal("UTILITY", estimate.GetProperty("category").GetString());
        Assert.Equal(1, estimate.GetProperty("optedOut").GetInt32());
        Assert.Equal(1, estimate.GetProperty("priced").GetInt32());
        Assert.Equal(0.055m, estimate.GetProperty("total").GetDecimal());
        Assert.Equal("DE", Assert.Single(estimate.GetProperty("byCountry").EnumerateArray()).GetProperty("country").GetString());

        var us = await EstimateAsync(admin.Client, new { templateId = template.GetProperty("id").GetGuid(), phones = new[] { "+1 650 253 0000" } });
        Assert.Equal((0, 0.0034m, "1"), (us.GetProperty("blocked").GetInt32(), us.GetProperty("total").GetDecimal(), Line(us, "US").GetProperty("market").GetString()));
    }

    [Fact]
    public async Task Estimates_need_a_template_or_category_and_recipients_and_another_organizations_template_is_not_found()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var (_, accountId) = await other.SandboxNumberAsync();
        var theirs = await other.Client.DraftAsync(TemplateTestKit.NewName(), accountId: accountId);

        var missing = await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { phones = Array.Empty<string>() }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.True(missing.GetProperty("details").TryGetProperty("templateId", out _));
        Assert.True(missing.GetProperty("details").TryGetProperty("recipients", out _));
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { category = "PROMO", phones = new[] { "+4915112345678" } }))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsJsonAsync("/api/v1/campaigns/estimate", new { templateId = theirs.GetProperty("id").GetGuid(), phones = new[] { "+4915112345678" } }))
            .ShouldFail(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Costs_are_for_supervisors_and_admins_and_the_period_is_checked()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var agent = await factory.AddMemberAsync(admin, "AGENT");
        var supervisor = await factory.AddMemberAsync(admin, "SUPERVISOR");

        var report = await (await supervisor.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data();
        Assert.Equal(0, report.GetProperty("messages").GetInt32());
        Assert.Equal(0m, report.GetProperty("total").GetDecimal());
        Assert.Equal(90, (int)Math.Round((report.GetProperty("to").GetDateTimeOffset() - report.GetProperty("from").GetDateTimeOffset()).TotalDays));
        await (await agent.Client.GetAsync("/api/v1/campaigns/meta-costs")).ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
        await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z"))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs?from=yesterday")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Only_super_admins_change_prices()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var response = await admin.Client.PutAsJsonAsync("/api/v1/campaigns/pricing", new
        {
            markets = new[] { new { market = "49", name = "Germany", marketing = 0.2m, utility = 0.05m, authentication = 0.05m } },
        });
        await response.ShouldFail(HttpStatusCode.Forbidden, "FORBIDDEN");
    }
}
