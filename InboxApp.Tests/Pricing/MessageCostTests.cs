using System.Net;
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

/// <summary>What delivered messages cost: Meta's status webhooks (with their <c>pricing</c> object) through the real pipeline, priced once per message.</summary>
[Collection(SharedApp.Name)]
public sealed class MessageCostTests(NoJobsAppFactory factory)
{
    private async Task StatusAsync(string metaId, string wamid, string status, string recipient, JsonObject? pricing)
    {
        var s = Status(wamid, status, DateTimeOffset.UtcNow, recipient);
        s.Remove("pricing");
        if (pricing is not null) s["pricing"] = pricing;
        await (await factory.CreateClient().SendAsync(Signed(Messages(metaId, statuses: Array(s))))).ShouldBe(HttpStatusCode.OK);
        await factory.DrainWebhooksAsync();
    }

    private static JsonObject Pricing(string category, bool billable = true) =>
        new() { ["billable"] = billable, ["pricing_model"] = "PMP", ["category"] = category, ["type"] = billable ? "regular" : "free_customer_service" };

    private async Task<int> CostRowsAsync(Guid messageId)
    {
        await using var db = factory.SystemDb();
        return await db.Set<MessageCost>().CountAsync(c => c.MessageId == messageId);
    }

    [Fact]
    public async Task A_delivered_marketing_template_is_priced_once_by_its_recipients_country()
    {
        var waId = "4915" + Random.Shared.Next(10_000_000, 99_999_999);
        var (admin, metaId, messageId, wamid) = await PricingTestData.SentTemplateAsync(factory, waId);

        await StatusAsync(metaId, wamid, "sent", waId, Pricing("marketing"));
        Assert.Equal(0, await CostRowsAsync(messageId)); // charged on delivery
        await StatusAsync(metaId, wamid, "delivered", waId, Pricing("marketing"));
        await MessagingTestData.EventuallyAsync(async () => await CostRowsAsync(messageId) == 1, "the cost to be recorded");
        // Later and repeated statuses add nothing.
        await StatusAsync(metaId, wamid, "read", waId, Pricing("marketing"));
        await StatusAsync(metaId, wamid, "delivered", waId, Pricing("marketing"));
        await factory.DrainWebhooksAsync();

        var report = await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data();
        Assert.Equal(1, report.GetProperty("messages").GetInt32());
        Assert.Equal(0.1365m, report.GetProperty("total").GetDecimal());
        var category = Assert.Single(report.GetProperty("byCategory").EnumerateArray());
        Assert.Equal(("MARKETING", 1, 0.1365m), (category.GetProperty("category").GetString(), category.GetProperty("messages").GetInt32(), category.GetProperty("cost").GetDecimal()));
        var country = Assert.Single(report.GetProperty("byCountry").EnumerateArray());
        Assert.Equal(("DE", "49"), (country.GetProperty("country").GetString(), country.GetProperty("market").GetString()));
        Assert.Equal(1, await CostRowsAsync(messageId));

        var summary = await factory.Services.GetRequiredService<PricingService>().CostForMessagesAsync(admin.OrganizationId, [messageId, Guid.NewGuid()]);
        Assert.Equal((1, 0.1365m), (summary.Messages, summary.Total));

        // A period without it, and another organization, see nothing.
        var before = await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")).Data();
        Assert.Equal(0, before.GetProperty("messages").GetInt32());
        var other = await factory.RegisterOrganizationAsync();
        Assert.Equal(0, (await (await other.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data()).GetProperty("messages").GetInt32());
        Assert.Equal(0, (await factory.Services.GetRequiredService<PricingService>().CostForMessagesAsync(other.OrganizationId, [messageId])).Messages);
    }

    [Fact]
    public async Task A_delivered_message_to_a_country_without_a_row_costs_its_regions_price()
    {
        var waId = "43664" + Random.Shared.Next(1_000_000, 9_999_999); // Austria: "Rest of Western Europe"
        var (admin, metaId, messageId, wamid) = await PricingTestData.SentTemplateAsync(factory, waId);

        await StatusAsync(metaId, wamid, "delivered", waId, Pricing("utility"));
        await MessagingTestData.EventuallyAsync(async () => await CostRowsAsync(messageId) == 1, "the cost to be recorded");

        var report = await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data();
        Assert.Equal(0.0171m, report.GetProperty("total").GetDecimal());
        var country = Assert.Single(report.GetProperty("byCountry").EnumerateArray());
        Assert.Equal(("AT", "R_WEU"), (country.GetProperty("country").GetString(), country.GetProperty("market").GetString()));
    }

    [Fact]
    public async Task A_message_Meta_does_not_bill_costs_nothing()
    {
        var waId = "5511" + Random.Shared.Next(10_000_000, 99_999_999);
        var (admin, metaId, messageId, wamid) = await PricingTestData.SentTemplateAsync(factory, waId);

        await StatusAsync(metaId, wamid, "delivered", waId, Pricing("service", billable: false));
        await factory.DrainWebhooksAsync();

        Assert.Equal(0, await CostRowsAsync(messageId));
        Assert.Equal(0, (await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data()).GetProperty("messages").GetInt32());
    }
    [Fact]
    public async Task Without_billable_Metas_pricing_type_says_whether_the_message_is_billed()
    {
        var waId = "447400" + Random.Shared.Next(100_000, 999_999); // a GB mobile range (some 44 7x ranges are Jersey or Guernsey)
        var (admin, metaId, messageId, wamid) = await PricingTestData.SentTemplateAsync(factory, waId);

        await StatusAsync(metaId, wamid, "delivered", waId, new JsonObject { ["pricing_model"] = "PMP", ["category"] = "utility", ["type"] = "regular" });
        await MessagingTestData.EventuallyAsync(async () => await CostRowsAsync(messageId) == 1, "the cost to be recorded");

        var report = await (await admin.Client.GetAsync("/api/v1/campaigns/meta-costs")).Data();
        var country = Assert.Single(report.GetProperty("byCountry").EnumerateArray());
        Assert.Equal(("GB", "44", 0.022m), (country.GetProperty("country").GetString(), country.GetProperty("market").GetString(), country.GetProperty("cost").GetDecimal()));
        Assert.Equal("UTILITY", Assert.Single(report.GetProperty("byCategory").EnumerateArray()).GetProperty("category").GetString());
    }
}
